import { describe, expect, it } from 'vitest';
import { bucketFor, dateRange, periodStart, startOfDay } from '@/lib/dashboard/period';
import { hashOf, parseHash } from '@/lib/dashboard/route';

describe('periodStart', () => {
  const now = Date.UTC(2026, 10, 28, 15, 30); // 28 Nov 2026 15:30 UTC

  it('starts at local midnight, today included', () => {
    expect(periodStart('7d', now, 'UTC')).toBe(Date.UTC(2026, 10, 22));
    expect(periodStart('30d', now, 'UTC')).toBe(Date.UTC(2026, 9, 30));
    expect(periodStart('12m', now, 'UTC')).toBe(Date.UTC(2025, 10, 29));
    expect(periodStart('all', now, 'UTC')).toBeNull();
  });

  it('uses the worker’s time zone, not UTC', () => {
    // 28 Nov 15:30 UTC is 28 Nov 16:30 in Paris (UTC+1) and 28 Nov 07:30 in Los Angeles (UTC-8).
    expect(periodStart('7d', now, 'Europe/Paris')).toBe(Date.UTC(2026, 10, 21, 23));
    expect(periodStart('7d', now, 'America/Los_Angeles')).toBe(Date.UTC(2026, 10, 22, 8));
    // In Tokyo (UTC+9) it is already 29 Nov 00:30.
    expect(periodStart('7d', now, 'Asia/Tokyo')).toBe(Date.UTC(2026, 10, 22, 15));
  });

  it('finds midnight across a daylight-saving change', () => {
    // Paris went from UTC+2 to UTC+1 on 25 Oct 2026: midnight of 20 Oct is 22:00 UTC the day before.
    const afterChange = Date.UTC(2026, 9, 26, 12);
    expect(periodStart('7d', afterChange, 'Europe/Paris')).toBe(Date.UTC(2026, 9, 19, 22));
  });
});

describe('startOfDay', () => {
  it('is local midnight of the day of now, in the zone, across a DST change', () => {
    expect(startOfDay(Date.UTC(2026, 10, 28, 10), 'Europe/Paris')).toBe(Date.UTC(2026, 10, 27, 23));
    // 23:30 UTC on the 28th is already the 29th in Paris.
    expect(startOfDay(Date.UTC(2026, 10, 28, 23, 30), 'Europe/Paris')).toBe(Date.UTC(2026, 10, 28, 23));
    // 29 March 2026: Paris moves from UTC+1 to UTC+2 at 01:00 UTC; midnight was still UTC+1.
    expect(startOfDay(Date.UTC(2026, 2, 29, 12), 'Europe/Paris')).toBe(Date.UTC(2026, 2, 28, 23));
    expect(startOfDay(Date.UTC(2026, 10, 28, 3), 'America/New_York')).toBe(Date.UTC(2026, 10, 27, 5));
  });
});

describe('dateRange', () => {
  it('includes both days of a date-input range', () => {
    expect(dateRange('2026-11-01', '2026-11-30', 'UTC')).toEqual({ from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 11, 1) });
    expect(dateRange('', 'nonsense', 'UTC')).toEqual({ from: null, to: null });
  });
});

describe('bucketFor', () => {
  const now = Date.UTC(2026, 10, 28);
  it('days for short periods, weeks for a year, months beyond two years', () => {
    expect(bucketFor('7d', null, now)).toBe('day');
    expect(bucketFor('30d', null, now)).toBe('day');
    expect(bucketFor('12m', null, now)).toBe('week');
    expect(bucketFor('all', now - 10 * 86_400_000, now)).toBe('day');
    expect(bucketFor('all', now - 400 * 86_400_000, now)).toBe('week');
    expect(bucketFor('all', now - 1000 * 86_400_000, now)).toBe('month');
  });
});

describe('route', () => {
  it('reads every tab and a task from the hash, and writes them back', () => {
    for (const tab of ['overview', 'history', 'requesters', 'settings', 'data'] as const) {
      expect(parseHash(`#${tab}`)).toEqual({ tab });
      expect(hashOf({ tab })).toBe(`#${tab}`);
    }
    const id = 'mturk:3ABC/def ghi';
    expect(parseHash(hashOf({ tab: 'history', taskId: id }))).toEqual({ tab: 'history', taskId: id });
    expect(parseHash('')).toEqual({ tab: 'overview' });
    expect(parseHash('#nonsense')).toEqual({ tab: 'overview' });
    expect(parseHash('#task/%E0%A4%A')).toEqual({ tab: 'history', taskId: '%E0%A4%A' });
  });

  it('reads and writes one requester or task group of the requesters tab', () => {
    const group = { tab: 'requesters', by: 'group', key: 'mturk:3PZ1 &x=y#z' } as const;
    expect(hashOf(group)).toBe('#requesters?by=group&key=mturk%3A3PZ1+%26x%3Dy%23z');
    expect(parseHash(hashOf(group))).toEqual(group);
    expect(parseHash('#requesters?by=requester&key=mturk%3AA2P2MT8IK72CVZ')).toEqual({ tab: 'requesters', by: 'requester', key: 'mturk:A2P2MT8IK72CVZ' });
    // A filter that says nothing sound is the tab itself.
    expect(parseHash('#requesters?by=everyone&key=mturk%3AA1')).toEqual({ tab: 'requesters' });
    expect(parseHash('#requesters?by=group')).toEqual({ tab: 'requesters' });
    // A broken escape does not throw (the key then matches no row).
    expect(parseHash('#requesters?by=group&key=%E0%A4%A')).toMatchObject({ tab: 'requesters', by: 'group' });
  });
});
