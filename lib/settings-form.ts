import { PLATFORM_IDS, type PlatformId } from './model/platform-id';
import { currencyExponent, decimalToMinor } from './model/money';
import { BOUNDS, settingsSchema, type Language, type Settings } from './settings';

/**
 * The settings form as the worker types it: every number is text, so a half-typed value is kept
 * as typed instead of snapping to a number, and validation can say what is wrong with it.
 */
export interface MinRateRow {
  currency: string;
  /** Major units per hour as typed ("12.40" or "12,40"). */
  amount: string;
}

export interface SettingsForm {
  idleThresholdS: string;
  /** '' = same as the global threshold. */
  idleByPlatform: Record<PlatformId, string>;
  minRates: MinRateRow[];
  longerRatio: string;
  groupMinN: string;
  unpaidMinS: string;
  mediaLimitS: string;
  platformsOn: Record<PlatformId, boolean>;
  /** Badges beside offers, per platform. */
  badgesOn: Record<PlatformId, boolean>;
  language: Language;
}

/** A message key (prefix settings_) and its substitutions, translated by the component. */
export interface FieldError {
  key: string;
  subs?: string[];
  /** Set when key names a plural family (lib/i18n/plural.ts): the form is chosen by this count. */
  count?: number;
}

/** Field ids double as DOM ids' suffixes, so a message can sit next to its control. */
export const fieldId = {
  idle: 'idleThresholdS',
  idleFor: (platform: PlatformId) => `idle-${platform}`,
  rateCurrency: (row: number) => `rate-${row}-currency`,
  rateAmount: (row: number) => `rate-${row}-amount`,
  longerRatio: 'longerRatio',
  groupMinN: 'groupMinN',
  unpaidMinS: 'unpaidMinS',
  mediaLimitS: 'mediaLimitS',
} as const;

export type FieldErrors = Record<string, FieldError>;

export type FormResult = { ok: true; settings: Settings } | { ok: false; errors: FieldErrors };

/** The decimal separator of a locale, so a French worker sees and types "12,40". */
export function decimalSeparator(locale: string): string {
  return new Intl.NumberFormat(locale).formatToParts(1.1).find((p) => p.type === 'decimal')?.value ?? '.';
}

/** Minor units as the decimal a worker would type: 1240 USD -> "12.40", 500 JPY -> "500". */
export function minorToDecimalText(minor: number, currency: string, separator = '.'): string {
  const exponent = currencyExponent(currency);
  if (exponent === 0) return String(minor);
  const digits = String(minor).padStart(exponent + 1, '0');
  return `${digits.slice(0, -exponent)}${separator}${digits.slice(-exponent)}`;
}

function numberText(value: number, separator: string): string {
  return String(value).replace('.', separator);
}

export function settingsToForm(settings: Settings, locale: string): SettingsForm {
  const separator = decimalSeparator(locale);
  const idleByPlatform = {} as Record<PlatformId, string>;
  const platformsOn = {} as Record<PlatformId, boolean>;
  const badgesOn = {} as Record<PlatformId, boolean>;
  for (const id of PLATFORM_IDS) {
    const own = settings.idleThresholdByPlatform[id];
    idleByPlatform[id] = own === undefined ? '' : String(own);
    platformsOn[id] = !settings.platformsOff.includes(id);
    badgesOn[id] = !settings.badgesOff.includes(id);
  }
  return {
    idleThresholdS: String(settings.idleThresholdS),
    idleByPlatform,
    minRates: Object.entries(settings.minHourlyMinor)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, minor]) => ({ currency, amount: minorToDecimalText(minor, currency, separator) })),
    longerRatio: numberText(settings.flagThresholds.longerRatio, separator),
    groupMinN: String(settings.flagThresholds.groupMinN),
    unpaidMinS: String(settings.flagThresholds.unpaidMinS),
    mediaLimitS: String(settings.mediaLimitS),
    platformsOn,
    badgesOn,
    language: settings.language,
  };
}

// NaN is what a field that is not a number becomes: zod then reports it at that field's path.
function wholeNumber(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

function decimalNumber(text: string): number {
  return /^\s*\d+(?:[.,]\d+)?\s*$/.test(text) ? Number(text.trim().replace(',', '.')) : Number.NaN;
}

/** Well-formed and, where the runtime knows the list, a real ISO 4217 code ("ABC" is not). */
export function knownCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  const supported = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : null;
  return supported === null || supported.includes(code);
}

// The bounds the schema checks, so a message never states a range the schema disagrees with.
const range = (bound: { min: number; max: number }): string[] => [String(bound.min), String(bound.max)];

function messageFor(path: readonly PropertyKey[]): FieldError {
  const [head, sub] = path;
  if (head === 'idleThresholdS' || head === 'idleThresholdByPlatform') {
    return { key: 'settings_errSeconds', subs: range(BOUNDS.idleThresholdS) };
  }
  if (head === 'mediaLimitS') return { key: 'settings_errSeconds', subs: range(BOUNDS.mediaLimitS) };
  if (head === 'flagThresholds' && sub === 'longerRatio') {
    return { key: 'settings_errRatio', subs: range(BOUNDS.longerRatio) };
  }
  if (head === 'flagThresholds' && sub === 'groupMinN') {
    return { key: 'settings_errWhole', subs: range(BOUNDS.groupMinN) };
  }
  if (head === 'flagThresholds' && sub === 'unpaidMinS') {
    return { key: 'settings_errSeconds', subs: range(BOUNDS.unpaidMinS) };
  }
  if (head === 'minHourlyMinor') {
    const digits = currencyExponent(String(sub ?? ''));
    return { key: 'settings_errAmount', subs: [String(digits)], count: digits };
  }
  return { key: 'settings_errValue' };
}

/**
 * Reads the form into Settings, validated by settingsSchema (the same schema that reads stored
 * settings), or says for each field what is wrong with it. Empty rate rows are ignored.
 */
export function formToSettings(form: SettingsForm): FormResult {
  const errors: FieldErrors = {};
  const idleThresholdByPlatform: Partial<Record<PlatformId, number>> = {};
  for (const id of PLATFORM_IDS) {
    const text = form.idleByPlatform[id].trim();
    if (text !== '') idleThresholdByPlatform[id] = wholeNumber(text);
  }

  const minHourlyMinor: Record<string, number> = {};
  const rowOfCurrency = new Map<string, number>();
  form.minRates.forEach((row, index) => {
    const currency = row.currency.trim().toUpperCase();
    const amount = row.amount.trim();
    if (currency === '' && amount === '') return;
    if (!knownCurrency(currency)) {
      errors[fieldId.rateCurrency(index)] = { key: 'settings_errCurrency' };
      return;
    }
    if (rowOfCurrency.has(currency)) {
      errors[fieldId.rateCurrency(index)] = { key: 'settings_errCurrencyTwice', subs: [currency] };
      return;
    }
    rowOfCurrency.set(currency, index);
    minHourlyMinor[currency] = decimalToMinor(amount, currency) ?? Number.NaN;
  });

  const candidate = {
    idleThresholdS: wholeNumber(form.idleThresholdS),
    idleThresholdByPlatform,
    minHourlyMinor,
    flagThresholds: {
      longerRatio: decimalNumber(form.longerRatio),
      groupMinN: wholeNumber(form.groupMinN),
      unpaidMinS: wholeNumber(form.unpaidMinS),
    },
    platformsOff: PLATFORM_IDS.filter((id) => !form.platformsOn[id]),
    badgesOff: PLATFORM_IDS.filter((id) => !form.badgesOn[id]),
    language: form.language,
    mediaLimitS: wholeNumber(form.mediaLimitS),
  };
  const parsed = settingsSchema.safeParse(candidate);
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, settings: parsed.data };

  for (const issue of parsed.error?.issues ?? []) {
    const id = fieldOfPath(issue.path, rowOfCurrency);
    errors[id] ??= messageFor(issue.path);
  }
  return { ok: false, errors };
}

function fieldOfPath(path: readonly PropertyKey[], rowOfCurrency: Map<string, number>): string {
  const [head, sub] = path;
  switch (head) {
    case 'idleThresholdByPlatform':
      return fieldId.idleFor(sub as PlatformId);
    case 'flagThresholds':
      return String(sub);
    case 'minHourlyMinor':
      return fieldId.rateAmount(rowOfCurrency.get(String(sub)) ?? 0);
    default:
      return String(head);
  }
}
