import { useEffect, useRef, useState } from 'preact/hooks';
import { deleteAll } from '@/lib/ledger/delete-all';
import type { TrueRateDb } from '@/lib/db/database';
import type { Translate } from '@/lib/i18n/translate';

interface Props {
  t: Translate;
  locale: string;
  db: TrueRateDb;
  busy: boolean;
  setBusy: (busy: boolean) => void;
  onChanged?: () => void;
}

type Step = { kind: 'idle' } | { kind: 'confirm'; typed: string } | { kind: 'done'; trackerReset: boolean } | { kind: 'failed'; error: string };

/** Delete all, behind a typed confirmation word, with the advice to save a backup first. */
export function DataDelete({ t, locale, db, busy, setBusy, onChanged }: Props) {
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const word = t('data_deleteWord');
  const field = useRef<HTMLInputElement>(null);
  const opener = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (step.kind === 'confirm') field.current?.focus();
  }, [step.kind]);

  const confirmed = step.kind === 'confirm' && step.typed.trim().toLocaleUpperCase(locale) === word.toLocaleUpperCase(locale);

  const run = async () => {
    setBusy(true);
    try {
      const { trackerReset } = await deleteAll(db);
      setStep({ kind: 'done', trackerReset });
      onChanged?.();
    } catch (error) {
      setStep({ kind: 'failed', error: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="data-block" aria-labelledby="data-delete-heading">
      <h3 id="data-delete-heading">{t('data_deleteHeading')}</h3>
      {step.kind === 'confirm' ? (
        <form
          class="data-delete"
          onSubmit={(event) => {
            event.preventDefault();
            if (confirmed) void run();
          }}
        >
          <p id="data-delete-warning" class="data-warning">
            {t('data_deleteWarning')}
          </p>
          <div class="data-field">
            <label for="data-delete-word">{t('data_deleteConfirmLabel', word)}</label>
            <input
              ref={field}
              id="data-delete-word"
              type="text"
              autoComplete="off"
              spellcheck={false}
              aria-describedby="data-delete-warning"
              value={step.typed}
              onInput={(event) => setStep({ kind: 'confirm', typed: event.currentTarget.value })}
            />
          </div>
          <div class="data-actions">
            <button type="submit" class="danger" disabled={!confirmed || busy}>
              {t('data_deleteConfirm')}
            </button>
            <button
              type="button"
              onClick={() => {
                setStep({ kind: 'idle' });
                setTimeout(() => opener.current?.focus());
              }}
            >
              {t('data_cancel')}
            </button>
          </div>
        </form>
      ) : (
        <button ref={opener} type="button" class="danger" disabled={busy} onClick={() => setStep({ kind: 'confirm', typed: '' })}>
          {t('data_deleteStart')}
        </button>
      )}
      {step.kind === 'done' ? (
        <p role="status">
          {t('data_deleted')} {step.trackerReset ? t('data_trackerReset') : ''}
        </p>
      ) : null}
      {step.kind === 'failed' ? (
        <p class="data-problem" role="alert">
          {t('data_deleteFailed', step.error)}
        </p>
      ) : null}
    </section>
  );
}
