import { useState } from 'preact/hooks';
import { datedFileName } from '@/lib/backup/file-name';
import { rawCopy } from '@/lib/db/raw-copy';
import { errorText } from '@/lib/error-text';
import { openExisting } from '@/lib/db/raw-read';
import type { Translate } from '@/lib/i18n/translate';
import { saveFile } from './save-file';

type Notice = { kind: 'saved'; fileName: string } | { kind: 'none' } | { kind: 'failed'; error: string } | null;

/**
 * "Save my records as they are": for a database this TrueRate cannot open (DbProblemNotice), a
 * file of every stored record read straight from IndexedDB (lib/db/raw-copy.ts), saved locally
 * like the backup. `name`: the database's (tests pass their own).
 */
export function RawCopy({ t, name, now = Date.now }: { t: Translate; name?: string; now?: () => number }) {
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);

  const save = async () => {
    setBusy(true);
    setNotice(null);
    try {
      const db = await openExisting(name);
      if (db === null) return setNotice({ kind: 'none' });
      try {
        const at = now();
        const fileName = datedFileName('truerate-raw-copy', 'json', at, -new Date(at).getTimezoneOffset());
        saveFile(await rawCopy(db, at), fileName, 'application/json');
        setNotice({ kind: 'saved', fileName });
      } finally {
        db.close();
      }
    } catch (error) {
      setNotice({ kind: 'failed', error: errorText(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="raw-copy">
      <p>
        <button type="button" disabled={busy} aria-describedby="raw-copy-hint" onClick={() => void save()}>
          {t('db_rawCopy_button')}
        </button>
      </p>
      <p id="raw-copy-hint">{t('db_rawCopy_hint')}</p>
      {notice?.kind === 'saved' ? <p role="status">{t('data_saved', notice.fileName)}</p> : null}
      {notice?.kind === 'none' ? <p role="status">{t('db_rawCopy_none')}</p> : null}
      {notice?.kind === 'failed' ? <p role="alert">{t('data_exportFailed', notice.error)}</p> : null}
    </div>
  );
}
