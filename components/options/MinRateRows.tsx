import { formatRate } from '@/lib/format-rate';
import type { Translate } from '@/lib/i18n/translate';
import { decimalToMinor } from '@/lib/model/money';
import { fieldId, knownCurrency, type MinRateRow } from '@/lib/settings-form';

interface Props {
  rows: MinRateRow[];
  onChange: (rows: MinRateRow[]) => void;
  /** Translated error per field id. */
  errorOf: (id: string) => string | null;
  t: Translate;
  locale: string;
}

/** The minimum hourly rate per currency: one row per currency, amounts typed in major units. */
export function MinRateRows({ rows, onChange, errorOf, t, locale }: Props) {
  const update = (index: number, patch: Partial<MinRateRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  return (
    <div class="settings-rates">
      {rows.length === 0 ? <p class="settings-hint">{t('settings_minRateNone')}</p> : null}
      <ul class="settings-rate-rows">
        {rows.map((row, index) => {
          const currencyId = `settings-${fieldId.rateCurrency(index)}`;
          const amountId = `settings-${fieldId.rateAmount(index)}`;
          const currencyError = errorOf(fieldId.rateCurrency(index));
          const amountError = errorOf(fieldId.rateAmount(index));
          const currency = row.currency.trim().toUpperCase();
          const minor = knownCurrency(currency) ? decimalToMinor(row.amount, currency) : null;
          return (
            <li key={index} class="settings-rate-row">
              <span class="settings-field">
                <label for={currencyId}>{t('settings_currency')}</label>
                <input
                  id={currencyId}
                  type="text"
                  size={4}
                  maxLength={3}
                  autocapitalize="characters"
                  placeholder="USD"
                  value={row.currency}
                  aria-invalid={currencyError ? 'true' : undefined}
                  aria-describedby={currencyError ? `${currencyId}-error` : undefined}
                  onInput={(e) => update(index, { currency: e.currentTarget.value.toUpperCase() })}
                />
              </span>
              <span class="settings-field">
                <label for={amountId}>{t('settings_amountPerHour')}</label>
                <input
                  id={amountId}
                  type="text"
                  size={8}
                  inputMode="decimal"
                  value={row.amount}
                  aria-invalid={amountError ? 'true' : undefined}
                  aria-describedby={[amountError ? `${amountId}-error` : '', `${amountId}-shown`].join(' ').trim()}
                  onInput={(e) => update(index, { amount: e.currentTarget.value })}
                />
              </span>
              <output id={`${amountId}-shown`} class="settings-rate-shown" for={amountId}>
                {minor !== null ? formatRate({ minorPerHour: minor, currency }, locale) : ''}
              </output>
              <button
                type="button"
                class="link-button"
                aria-label={t('settings_removeRateFor', currency || t('settings_currency'))}
                onClick={() => onChange(rows.filter((_, i) => i !== index))}
              >
                {t('settings_remove')}
              </button>
              {currencyError ? (
                <span id={`${currencyId}-error`} class="settings-error">
                  {currencyError}
                </span>
              ) : null}
              {amountError ? (
                <span id={`${amountId}-error`} class="settings-error">
                  {amountError}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
      <button type="button" onClick={() => onChange([...rows, { currency: '', amount: '' }])}>
        {t('settings_addRate')}
      </button>
    </div>
  );
}
