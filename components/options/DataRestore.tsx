import { useEffect, useRef, useState } from 'preact/hooks';
import { z } from 'zod';
import type { Backup, BackupCounts } from '@/lib/backup/backup-schema';
import type { Progress } from '@/lib/backup/export';
import { checkBackup, checkBackupSize, type CheckResult, type Problem } from '@/lib/backup/check-backup';
import { restoreBackup, type RestoreMode, type RestoreResult } from '@/lib/ledger/restore';
import type { TrueRateDb } from '@/lib/db/database';
import { formatDateTime } from '@/lib/format';
import { plural } from '@/lib/i18n/plural';
import type { Translate } from '@/lib/i18n/translate';
import { DataProgress } from './DataProgress';
import CheckWorker from './check-backup-worker?worker';

interface Props {
  t: Translate;
  locale: string;
  db: TrueRateDb;
  busy: boolean;
  setBusy: (busy: boolean) => void;
  onChanged?: () => void;
}

type Step =
  | { kind: 'idle' }
  | { kind: 'checking'; fileName: string }
  | { kind: 'refused'; fileName: string; problems: Problem[]; moreProblems: number }
  | { kind: 'ready'; fileName: string; backup: Backup; counts: BackupCounts }
  | { kind: 'restoring'; progress: Progress }
  | { kind: 'done'; result: RestoreResult }
  | { kind: 'failed'; error: string };

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Restore: the file is read and checked whole before anything is written, its contents are shown,
 * and only a press on "Replace" or "Add what is new" writes it (lib/backup/restore.ts).
 */
/**
 * checkBackup in a worker (check-backup-worker.ts), so that a large file leaves the page
 * responsive; where no worker can start (a test's DOM), on this thread.
 */
async function checkInWorker(text: string, locale: string): Promise<CheckResult> {
  if (typeof Worker === 'undefined') {
    const errorMap = locale.toLowerCase().startsWith('fr') ? z.locales.fr().localeError : undefined;
    return checkBackup(text, { errorMap });
  }
  const worker = new CheckWorker();
  try {
    return await new Promise<CheckResult>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<CheckResult>) => resolve(event.data);
      worker.onerror = (event) => reject(new Error(event.message || 'the backup check stopped'));
      worker.postMessage({ text, locale });
    });
  } finally {
    worker.terminate();
  }
}

export function DataRestore({ t, locale, db, busy, setBusy, onChanged }: Props) {
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const input = useRef<HTMLInputElement>(null);
  const outcome = useRef<HTMLDivElement>(null);
  const n = (value: number) => new Intl.NumberFormat(locale).format(value);

  // The outcome of a check or a restore takes the focus, so a keyboard or screen reader user hears it.
  useEffect(() => {
    if (step.kind === 'refused' || step.kind === 'ready' || step.kind === 'done' || step.kind === 'failed') outcome.current?.focus();
  }, [step.kind]);

  const reset = () => {
    setStep({ kind: 'idle' });
    if (input.current) input.current.value = '';
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setStep({ kind: 'checking', fileName: file.name });
    try {
      const checked = checkBackupSize(file.size) ?? (await checkInWorker(await file.text(), locale));
      setStep(
        checked.ok
          ? { kind: 'ready', fileName: file.name, backup: checked.backup, counts: checked.counts }
          : { kind: 'refused', fileName: file.name, problems: checked.problems, moreProblems: checked.moreProblems },
      );
    } catch (error) {
      setStep({ kind: 'failed', error: errorText(error) });
    }
  };

  const restore = async (backup: Backup, mode: RestoreMode) => {
    setBusy(true);
    setStep({ kind: 'restoring', progress: { done: 0, total: 0 } });
    try {
      const result = await restoreBackup(db, backup, { mode, onProgress: (progress) => setStep({ kind: 'restoring', progress }) });
      setStep({ kind: 'done', result });
      onChanged?.();
    } catch (error) {
      setStep({ kind: 'failed', error: errorText(error) });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  const problemText = (p: Problem) =>
    p.code === 'invalid' ? p.message : t(`data_problem_${p.code.replace(/-/g, '_')}`, p.params);

  return (
    <section class="data-block" aria-labelledby="data-restore-heading">
      <h3 id="data-restore-heading">{t('data_restoreHeading')}</h3>
      <div class="data-field">
        <label for="data-restore-file">{t('data_restoreFile')}</label>
        <input
          ref={input}
          id="data-restore-file"
          type="file"
          accept=".json,application/json"
          aria-describedby="data-restore-hint"
          disabled={busy}
          onChange={(event) => void onFile(event.currentTarget.files?.[0])}
        />
        <p id="data-restore-hint" class="data-hint">
          {t('data_restoreFileHint')}
        </p>
      </div>

      {step.kind === 'checking' ? <p role="status">{t('data_checking')}</p> : null}

      {step.kind === 'refused' ? (
        <div ref={outcome} tabIndex={-1} class="data-problem" role="alert">
          <p>
            <strong>{t('data_fileRefused')}</strong>
          </p>
          <ul class="data-problems">
            {step.problems.map((p, i) => (
              <li key={i} data-path={p.path}>
                <code>{p.path || t('data_problemWhole')}</code> {problemText(p)}
              </li>
            ))}
          </ul>
          {step.moreProblems > 0 ? <p>{plural(t, locale, 'data_moreProblems', step.moreProblems)}</p> : null}
        </div>
      ) : null}

      {step.kind === 'ready' ? (
        <div ref={outcome} tabIndex={-1} class="data-ready" aria-labelledby="data-ready-holds">
          <p id="data-ready-holds">
            {t('data_fileHolds', [step.fileName, formatDateTime(Date.parse(step.backup.exportedAt), locale), step.backup.extensionVersion])}
          </p>
          <ul class="data-counts">
            <li>{t('data_countTasks', n(step.counts.tasks))}</li>
            <li>
              {/* "2 exclus" agrees with the excluded ones in French; no word agrees with the other two counts. */}
              {plural(t, locale, 'data_countSegments', step.counts.excludedSegments, [
                n(step.counts.segments),
                n(step.counts.overheadSegments),
                n(step.counts.excludedSegments),
              ])}
            </li>
            <li>{t('data_countOffers', n(step.counts.offers))}</li>
            <li>{t('data_countGaps', n(step.counts.gaps))}</li>
            <li>{t('data_countEdits', n(step.counts.edits))}</li>
          </ul>
          <fieldset class="data-modes">
            <legend>{t('data_chooseMode')}</legend>
            <div class="data-mode">
              <button type="button" aria-describedby="data-merge-hint" onClick={() => void restore(step.backup, 'merge')}>
                {t('data_merge')}
              </button>
              <span id="data-merge-hint" class="data-hint">
                {t('data_mergeHint')}
              </span>
            </div>
            <div class="data-mode">
              <button type="button" class="danger" aria-describedby="data-replace-hint" onClick={() => void restore(step.backup, 'replace')}>
                {t('data_replace')}
              </button>
              <span id="data-replace-hint" class="data-hint">
                {t('data_replaceHint')}
              </span>
            </div>
            <div class="data-mode">
              <button type="button" onClick={reset}>
                {t('data_cancel')}
              </button>
            </div>
          </fieldset>
        </div>
      ) : null}

      {step.kind === 'restoring' ? <DataProgress t={t} locale={locale} label={t('data_progressRestore')} progress={step.progress} /> : null}

      {step.kind === 'done' ? (
        <div ref={outcome} tabIndex={-1} class="data-done" role="status">
          {/* Two counts, each with its own noun: each is its own plural family inside the sentence. */}
          <p>
            {t('data_restored', [
              plural(t, locale, 'data_restoredTasks', step.result.added.tasks),
              plural(t, locale, 'data_restoredSegments', step.result.added.segments),
            ])}
          </p>
          <RestoreDetails t={t} locale={locale} n={n} result={step.result} />
        </div>
      ) : null}

      {step.kind === 'failed' ? (
        <p ref={outcome} tabIndex={-1} class="data-problem" role="alert">
          {t('data_restoreFailed', step.error)}
        </p>
      ) : null}
    </section>
  );
}

function RestoreDetails({ t, locale, n, result }: { t: Translate; locale: string; n: (value: number) => string; result: RestoreResult }) {
  const unchanged = Object.values(result.unchanged).reduce((a, b) => a + b, 0);
  return (
    <>
      {unchanged > 0 ? <p>{plural(t, locale, 'data_unchanged', unchanged)}</p> : null}
      {result.renumbered > 0 ? <p>{plural(t, locale, 'data_renumbered', result.renumbered)}</p> : null}
      {result.keptWithTask > 0 ? <p>{plural(t, locale, 'data_keptWithTask', result.keptWithTask)}</p> : null}
      {result.conflicts.length > 0 ? (
        <>
          <p>{t('data_conflicts')}</p>
          <ul class="data-conflicts">
            {result.conflicts.map((c) => (
              <li key={`${c.table}:${c.id}`}>
                {t(`data_table_${c.table}`)} <code>{c.id}</code>
              </li>
            ))}
          </ul>
          {result.moreConflicts > 0 ? <p>{t('data_moreConflicts', n(result.moreConflicts))}</p> : null}
        </>
      ) : null}
      {result.overlaps.length > 0 ? (
        <>
          <p>{t('data_overlaps')}</p>
          <ul class="data-conflicts">
            {result.overlaps.map((c) => (
              <li key={`overlap:${c.id}`}>
                {t('data_table_tasks')} <code>{c.id}</code>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {result.leftOutOverhead > 0 ? <p>{plural(t, locale, 'data_leftOutOverhead', result.leftOutOverhead)}</p> : null}
      {result.trackerReset ? <p>{t('data_trackerReset')}</p> : null}
    </>
  );
}
