import { useId, useState } from 'preact/hooks';
import type { Translate } from '@/lib/i18n/translate';
import { decimalToMinor, isCurrencyCode } from '@/lib/model/money';

/** Forms of the task detail view; lib/db/task-edits validates again, these catch typing slips early. */

interface BonusProps {
  defaultCurrency: string;
  t: Translate;
  busy: boolean;
  onAdd: (bonus: { amountMinor: number; currency: string }) => void;
}

export function BonusForm({ defaultCurrency, t, busy, onAdd }: BonusProps) {
  const id = useId();
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState(defaultCurrency);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: Event) => {
    event.preventDefault();
    const code = currency.trim().toUpperCase();
    const minor = isCurrencyCode(code) ? decimalToMinor(amount, code) : null;
    if (!isCurrencyCode(code)) return setError(t('detail_bonus_bad_currency'));
    if (minor === null || minor <= 0) return setError(t('detail_bonus_bad_amount'));
    setError(null);
    setAmount('');
    onAdd({ amountMinor: minor, currency: code });
  };

  return (
    <form class="detail-form" onSubmit={submit} aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>{t('detail_bonus_heading')}</h4>
      <div class="detail-form-row">
        <label>
          {t('detail_bonus_amount')}
          <input
            type="text"
            inputMode="decimal"
            value={amount}
            required
            aria-invalid={error !== null}
            onInput={(e) => setAmount(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('detail_bonus_currency')}
          <input
            type="text"
            class="currency-input"
            value={currency}
            maxLength={3}
            required
            onInput={(e) => setCurrency(e.currentTarget.value)}
          />
        </label>
        <button type="submit" disabled={busy}>
          {t('detail_bonus_add')}
        </button>
      </div>
      <p class="form-error" role="alert">
        {error ?? ''}
      </p>
    </form>
  );
}

interface TimeProps {
  t: Translate;
  busy: boolean;
  now: () => number;
  onAdd: (interval: { start: number; end: number }) => void;
}

/** `datetime-local` values are wall-clock times in the worker's own time zone, as typed. */
function parseLocal(value: string): number | null {
  if (!value) return null;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : null;
}

export function WorkedTimeForm({ t, busy, now, onAdd }: TimeProps) {
  const id = useId();
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = (event: Event) => {
    event.preventDefault();
    const from = parseLocal(start);
    const to = parseLocal(end);
    if (from === null || to === null) return setError(t('detail_time_bad'));
    if (from >= to) return setError(t('detail_time_order'));
    if (to > now()) return setError(t('detail_time_future'));
    setError(null);
    onAdd({ start: from, end: to });
  };

  return (
    <form class="detail-form" onSubmit={submit} aria-labelledby={`${id}-h`} aria-describedby={`${id}-hint`}>
      <h4 id={`${id}-h`}>{t('detail_time_heading')}</h4>
      <p class="hint" id={`${id}-hint`}>
        {t('detail_time_hint')}
      </p>
      <div class="detail-form-row">
        <label>
          {t('detail_time_start')}
          <input type="datetime-local" step={1} value={start} required onInput={(e) => setStart(e.currentTarget.value)} />
        </label>
        <label>
          {t('detail_time_end')}
          <input type="datetime-local" step={1} value={end} required onInput={(e) => setEnd(e.currentTarget.value)} />
        </label>
        <button type="submit" disabled={busy}>
          {t('detail_time_add')}
        </button>
      </div>
      <p class="form-error" role="alert">
        {error ?? ''}
      </p>
    </form>
  );
}
