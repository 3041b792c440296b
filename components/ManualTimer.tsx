import { useState } from 'preact/hooks';
import { decimalToMinor, type Money } from '@/lib/model/money';

interface Props {
  running: boolean;
  t: (key: string, subs?: string | string[]) => string;
  onStart: (title: string, reward: Money | null) => void;
  onStop: () => void;
}

const CURRENCIES = ['USD', 'GBP', 'EUR'];

/** Start a task by hand on any site (title and reward from the worker), or stop it. */
export function ManualTimer({ running, t, onStart, onStop }: Props) {
  const [title, setTitle] = useState('');
  const [reward, setReward] = useState('');
  const [currency, setCurrency] = useState('USD');
  const [error, setError] = useState<string | null>(null);

  if (running) {
    return (
      <section class="manual" aria-label={t('manualHeading')}>
        <button type="button" class="primary wide" onClick={onStop}>
          {t('manualStop')}
        </button>
      </section>
    );
  }

  const submit = (event: Event) => {
    event.preventDefault();
    const money = reward.trim() === '' ? null : decimalToMinor(reward.trim(), currency);
    if (reward.trim() !== '' && money === null) {
      setError(t('rewardInvalid'));
      return;
    }
    setError(null);
    onStart(title.trim() || t('untitledTask'), money === null ? null : { amountMinor: money, currency });
    setTitle('');
    setReward('');
  };

  return (
    <details class="manual">
      <summary>{t('manualHeading')}</summary>
      <form onSubmit={submit}>
        <label>
          {t('manualTitle')}
          <input
            name="title"
            value={title}
            maxLength={500}
            placeholder={t('manualTitlePlaceholder')}
            onInput={(e) => setTitle((e.target as HTMLInputElement).value)}
          />
        </label>
        <div class="row">
          <label>
            {t('manualReward')}
            <input
              name="reward"
              inputMode="decimal"
              value={reward}
              onInput={(e) => setReward((e.target as HTMLInputElement).value)}
              aria-invalid={error !== null}
            />
          </label>
          <label>
            {t('manualCurrency')}
            <select name="currency" value={currency} onChange={(e) => setCurrency((e.target as HTMLSelectElement).value)}>
              {CURRENCIES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        </div>
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" class="primary wide">
          {t('manualStart')}
        </button>
        <p class="hint">{t('manualShortcut', 'Alt+Shift+T')}</p>
      </form>
    </details>
  );
}
