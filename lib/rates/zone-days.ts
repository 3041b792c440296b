/**
 * Local calendar days in an IANA time zone, for millions of timestamps without a Date each.
 *
 * A timestamp's local day is floor((t + offset) / day), and a zone's UTC offset changes only at its
 * transitions (twice a year at most in practice). So the offset is read from Intl once per UTC day
 * (at the day's start and end); when they differ, that UTC day holds a transition, found to the ms
 * by binary search. Only exactOffset calls Intl; nothing allocates per timestamp.
 */
const DAY_MS = 86_400_000;

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const pad4 = (n: number) => String(n).padStart(4, '0');

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The date of a day number (inverse of daysFromCivil). */
export function civilFromDays(days: number): { y: number; m: number; d: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** "2026-11-28" */
export function dayKeyOf(days: number): string {
  const { y, m, d } = civilFromDays(days);
  return `${pad4(y)}-${pad2(m)}-${pad2(d)}`;
}

/** "2026-11" */
export function monthKeyOf(days: number): string {
  const { y, m } = civilFromDays(days);
  return `${pad4(y)}-${pad2(m)}`;
}

/**
 * ISO 8601 week "2026-W48": weeks start on Monday and belong to the year of their Thursday, so
 * 2027-01-01 (a Friday) is in 2026-W53 and 2024-12-30 (a Monday) in 2025-W01.
 */
export function isoWeekKeyOf(days: number): string {
  const weekday = (((days + 3) % 7) + 7) % 7; // Monday 0 … Sunday 6; 1970-01-01 was a Thursday
  const thursday = days - weekday + 3;
  const year = civilFromDays(thursday).y;
  const week = Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1;
  return `${pad4(year)}-W${pad2(week)}`;
}

export interface ZoneDays {
  /** Days since 1970-01-01 of the local date of `t` (ms since the epoch). */
  dayOf(t: number): number;
  /** The zone's offset from UTC at `t`, in ms (Paris in winter: +3,600,000). */
  offsetAt(t: number): number;
}

interface Transition {
  at: number;
  before: number;
  after: number;
}

const zones = new Map<string, ZoneDays>();

/** The (cached) local-day reader of an IANA zone; throws RangeError for an unknown zone. */
export function zoneDays(timeZone: string): ZoneDays {
  let zone = zones.get(timeZone);
  if (!zone) {
    zone = makeZoneDays(timeZone);
    zones.set(timeZone, zone);
  }
  return zone;
}

function makeZoneDays(timeZone: string): ZoneDays {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const exactOffset = (t: number): number => {
    const parts: Record<string, number> = {};
    for (const p of format.formatToParts(t)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    const local = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
    return local - (t - (((t % 1000) + 1000) % 1000));
  };
  /** Per UTC day: its offset, or where in it the offset changes and the offsets on each side. */
  const byUtcDay = new Map<number, number | Transition>();
  let lastUtcDay = Number.NaN;
  let lastOffset = 0;

  const dayInfo = (utcDay: number): number | Transition => {
    const startMs = utcDay * DAY_MS;
    const before = exactOffset(startMs);
    const after = exactOffset(startMs + DAY_MS - 1);
    if (before === after) return before;
    // One change in the day: binary search for the first ms with the new offset (~27 reads).
    let lo = startMs; // has `before`
    let hi = startMs + DAY_MS - 1; // has `after`
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (exactOffset(mid) === before) lo = mid;
      else hi = mid;
    }
    return { at: hi, before, after };
  };

  const offsetAt = (t: number): number => {
    const utcDay = Math.floor(t / DAY_MS);
    if (utcDay === lastUtcDay) return lastOffset;
    let info = byUtcDay.get(utcDay);
    if (info === undefined) {
      info = dayInfo(utcDay);
      byUtcDay.set(utcDay, info);
    }
    if (typeof info === 'number') {
      lastUtcDay = utcDay;
      lastOffset = info;
      return info;
    }
    return t < info.at ? info.before : info.after;
  };
  return { offsetAt, dayOf: (t) => Math.floor((t + offsetAt(t)) / DAY_MS) };
}
