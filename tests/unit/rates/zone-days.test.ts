import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { civilFromDays, dayKeyOf, daysFromCivil, isoWeekKeyOf, monthKeyOf, zoneDays } from '@/lib/rates/zone-days';

/** Reference: the local date of t in a zone, straight from Intl (one call per timestamp). */
const formats = new Map<string, Intl.DateTimeFormat>();
function intlDay(t: number, timeZone: string): string {
  let f = formats.get(timeZone);
  if (!f) formats.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return f.format(t);
}

describe('zone days', () => {
  it('a task at 23:30 UTC belongs to the next day in Europe/Paris, the same day in New York', () => {
    const t = Date.UTC(2026, 10, 28, 23, 30);
    expect(dayKeyOf(zoneDays('Europe/Paris').dayOf(t))).toBe('2026-11-29');
    expect(dayKeyOf(zoneDays('America/New_York').dayOf(t))).toBe('2026-11-28');
    expect(dayKeyOf(zoneDays('UTC').dayOf(t))).toBe('2026-11-28');
  });

  it('half-hour zones and DST transitions to the ms', () => {
    const kolkata = zoneDays('Asia/Kolkata');
    expect(dayKeyOf(kolkata.dayOf(Date.UTC(2026, 0, 1, 18, 29, 59, 999)))).toBe('2026-01-01');
    expect(dayKeyOf(kolkata.dayOf(Date.UTC(2026, 0, 1, 18, 30)))).toBe('2026-01-02');
    const paris = zoneDays('Europe/Paris');
    // 2026-03-29 01:00 UTC: Paris moves from +1 h to +2 h
    expect(paris.offsetAt(Date.UTC(2026, 2, 29, 0, 59, 59, 999))).toBe(3_600_000);
    expect(paris.offsetAt(Date.UTC(2026, 2, 29, 1, 0))).toBe(7_200_000);
    // Lord Howe moves by half an hour
    const lh = zoneDays('Australia/Lord_Howe');
    expect(Math.abs(lh.offsetAt(Date.UTC(2026, 0, 15)) - lh.offsetAt(Date.UTC(2026, 6, 15)))).toBe(1_800_000);
  });

  it('agrees with Intl for any moment in several zones', () => {
    const zones = ['Europe/Paris', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Apia', 'UTC'];
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), fc.constantFrom(...zones), (t, zone) => {
        expect(dayKeyOf(zoneDays(zone).dayOf(t))).toBe(intlDay(t, zone));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with Intl through a whole year, every 37 minutes, DST changes included', () => {
    for (const zone of ['Europe/Paris', 'America/Santiago', 'Australia/Sydney']) {
      const days = zoneDays(zone);
      const wrong: number[] = [];
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 37 * 60_000) {
        if (dayKeyOf(days.dayOf(t)) !== intlDay(t, zone)) wrong.push(t);
      }
      expect([zone, wrong]).toEqual([zone, []]);
    }
  }, 30_000);

  it('civil dates round-trip and match Date', () => {
    fc.assert(
      fc.property(fc.integer({ min: -800_000, max: 800_000 }), (days) => {
        const { y, m, d } = civilFromDays(days);
        expect(daysFromCivil(y, m, d)).toBe(days);
        const date = new Date(days * 86_400_000);
        expect([y, m, d]).toEqual([date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]);
      }),
    );
  });

  it('ISO weeks across year ends', () => {
    const week = (y: number, m: number, d: number) => isoWeekKeyOf(daysFromCivil(y, m, d));
    expect(week(2026, 12, 31)).toBe('2026-W53'); // Thursday
    expect(week(2027, 1, 1)).toBe('2026-W53'); // Friday
    expect(week(2027, 1, 3)).toBe('2026-W53'); // Sunday
    expect(week(2027, 1, 4)).toBe('2027-W01'); // Monday
    expect(week(2024, 12, 30)).toBe('2025-W01'); // Monday in the week of Thursday 2025-01-02
    expect(week(2021, 1, 3)).toBe('2020-W53');
    expect(week(2023, 1, 1)).toBe('2022-W52');
    expect(week(2026, 11, 28)).toBe('2026-W48');
  });

  it('ISO weeks: seven consecutive days share a week, Monday starts the next', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30_000 }), (days) => {
        const weekday = (((days + 3) % 7) + 7) % 7;
        const monday = days - weekday;
        for (let i = 0; i < 7; i++) expect(isoWeekKeyOf(monday + i)).toBe(isoWeekKeyOf(monday));
        expect(isoWeekKeyOf(monday + 7)).not.toBe(isoWeekKeyOf(monday));
        expect(new Date(monday * 86_400_000).getUTCDay()).toBe(1);
      }),
    );
  });

  it('month keys', () => {
    expect(monthKeyOf(daysFromCivil(2026, 12, 31))).toBe('2026-12');
    expect(monthKeyOf(daysFromCivil(2027, 1, 1))).toBe('2027-01');
  });

  it('refuses an unknown zone', () => {
    expect(() => zoneDays('Mars/Olympus')).toThrow(RangeError);
  });
});
