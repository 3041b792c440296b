import type { Translate } from '@/lib/i18n/translate';

/**
 * A chart bar's label from a summary key: day "2026-11-28" -> "28 Nov", week "2026-W48" ->
 * "W48 2026" (translated), month "2026-11" -> "Nov 2026". Keys are calendar dates, so they are
 * formatted in UTC to avoid shifting a day across the worker's time zone.
 */
export function bucketLabel(key: string, locale: string, t: Translate): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (day) {
    return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
      new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]))),
    );
  }
  const week = /^(\d{4})-W(\d{2})$/.exec(key);
  if (week) return t('dash_week_label', [String(Number(week[2])), week[1] ?? '']);
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (month) {
    return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1)),
    );
  }
  return key;
}

/** Every n-th label so that at most `max` show under the bars. */
export function labelEvery(count: number, max = 12): number {
  return Math.max(1, Math.ceil(count / max));
}
