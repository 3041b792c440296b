import { describe, expect, it } from 'vitest';
import type { PublishedGroup } from '@/lib/share/aggregate';
import { paceFor } from '@/lib/share/pace';
import { makeTask } from '../rates/make-task';

const group = (over: Partial<PublishedGroup> = {}): PublishedGroup => ({
  platform: 'mturk',
  by: 'group',
  id: 'G1',
  currency: 'USD',
  tasks: 200,
  contributors: 14,
  rate: { median: 600, p25: 400, p75: 800, n: 190 },
  ratio: { median: 1.5, low: 1.3, high: 1.7, coverage: 0.92, n: 180 },
  rejectedShare: 0,
  returnedShare: 0,
  ...over,
});
// Advertised 5 minutes: 225 s is 0.75 of it.
const own = (seconds: number[]) => seconds.map((s, i) => makeTask({ id: `mturk:P${i}`, externalId: `P${i}`, activeMs: s * 1000 }));

describe('your pace against the collective', () => {
  it('a worker twice as fast as the collective’s median: factor 0.5, the collective’s rate doubled for them', () => {
    expect(paceFor(own([200, 225, 250]), group())).toEqual({ factor: 0.5, n: 3, scaledRateMinor: 1200 });
  });

  it('a slower worker: their rate at the collective’s pay is lower', () => {
    expect(paceFor(own([600, 600, 700, 500]), group())?.scaledRateMinor).toBe(450);
  });

  it('says nothing on too few of the worker’s tasks, open tasks, or a collective band', () => {
    expect(paceFor(own([200, 225]), group())).toBeNull();
    expect(paceFor(own([200, 225, 250]).map((t) => ({ ...t, status: 'accepted' as const })), group())).toBeNull();
    expect(paceFor(own([200, 225, 250]), group({ ratio: { band: [1, 1.25], n: 6 } }))).toBeNull();
    expect(paceFor(own([200, 225, 250]), null)).toBeNull();
  });
});
