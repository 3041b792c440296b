import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { exportTasksCsv } from '@/lib/backup/csv';
import { exportBackup, type Progress } from '@/lib/backup/export';
import { datedFileName } from '@/lib/backup/file-name';
import type { TrueRateDb } from '@/lib/db/database';
import type { TaskRecord } from '@/lib/model/records';
import type { Translate } from '@/lib/i18n/translate';
import type { HourlyRate } from '@/lib/rates/types';
import { DataDelete } from './DataDelete';
import { DataProgress } from './DataProgress';
import { DataRestore } from './DataRestore';
import { saveFile } from './save-file';
import './data-panel.css';

interface Props {
  t: Translate;
  locale: string;
  db: TrueRateDb;
  /** The task's flags now (lib/rates' taskRates(task, settings).flags): written into both files. */
  flagsOf: (task: TaskRecord) => string[];
  /** The task's true rate, for the CSV's rate columns; left empty without it. */
  rateOf?: (task: TaskRecord) => HourlyRate | null;
  /** A clock, or the time now (the dashboard passes its minute clock). */
  now?: number | (() => number);
  /** Written into the backup; read from the manifest when not given. */
  extensionVersion?: string;
  /** Called after a restore or a deletion changed the database. */
  onChanged?: () => void;
}

type Job = { kind: 'backup' | 'csv'; progress: Progress } | null;
type Notice = { kind: 'saved'; fileName: string } | { kind: 'failed'; error: string } | null;

function manifestVersion(): string {
  try {
    return browser.runtime.getManifest().version;
  } catch {
    return 'unknown';
  }
}

/** "Your data": backup, restore, CSV export and delete all. Files are made here and saved locally. */
export function DataPanel({ t, locale, db, flagsOf, rateOf, now, extensionVersion, onChanged }: Props) {
  const [job, setJob] = useState<Job>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const clock = () => (typeof now === 'function' ? now() : (now ?? Date.now()));
  const disabled = busy || job !== null;

  const save = async (kind: 'backup' | 'csv') => {
    setNotice(null);
    setJob({ kind, progress: { done: 0, total: 0 } });
    const onProgress = (progress: Progress) => setJob({ kind, progress });
    try {
      const at = clock();
      const offset = -new Date(at).getTimezoneOffset();
      const fileName =
        kind === 'backup' ? datedFileName('truerate-backup', 'json', at, offset) : datedFileName('truerate-tasks', 'csv', at, offset);
      const parts =
        kind === 'backup'
          ? await exportBackup(db, { now: () => at, flagsOf, extensionVersion: extensionVersion ?? manifestVersion(), onProgress })
          : await exportTasksCsv(db, { flagsOf, rateOf, onProgress });
      saveFile(parts, fileName, kind === 'backup' ? 'application/json' : 'text/csv;charset=utf-8');
      setNotice({ kind: 'saved', fileName });
    } catch (error) {
      setNotice({ kind: 'failed', error: error instanceof Error ? error.message : String(error) });
    } finally {
      setJob(null);
    }
  };

  return (
    <section class="data-panel" aria-labelledby="data-heading">
      <h2 id="data-heading">{t('data_heading')}</h2>
      <p class="data-hint">{t('data_intro')}</p>

      <section class="data-block" aria-labelledby="data-backup-heading">
        <h3 id="data-backup-heading">{t('data_backupHeading')}</h3>
        <div class="data-mode">
          <button type="button" class="primary" disabled={disabled} aria-describedby="data-backup-hint" onClick={() => void save('backup')}>
            {t('data_exportBackup')}
          </button>
          <span id="data-backup-hint" class="data-hint">
            {t('data_exportBackupHint')}
          </span>
        </div>
        <div class="data-mode">
          <button type="button" disabled={disabled} aria-describedby="data-csv-hint" onClick={() => void save('csv')}>
            {t('data_exportCsv')}
          </button>
          <span id="data-csv-hint" class="data-hint">
            {t('data_exportCsvHint')}
          </span>
        </div>
        {job ? <DataProgress t={t} locale={locale} label={t('data_progressExport')} progress={job.progress} /> : null}
        {notice?.kind === 'saved' ? <p role="status">{t('data_saved', notice.fileName)}</p> : null}
        {notice?.kind === 'failed' ? (
          <p class="data-problem" role="alert">
            {t('data_exportFailed', notice.error)}
          </p>
        ) : null}
      </section>

      <DataRestore t={t} locale={locale} db={db} busy={disabled} setBusy={setBusy} onChanged={onChanged} />
      <DataDelete t={t} locale={locale} db={db} busy={disabled} setBusy={setBusy} onChanged={onChanged} />
    </section>
  );
}
