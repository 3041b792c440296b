import { describe, expect, it } from 'vitest';
import { DETAIL_ROWS, offerDetail } from '@/lib/badges/offer-detail';
import { parseHash } from '@/lib/dashboard/route';
import { makeTranslator, type Messages } from '@/lib/i18n/translate';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import en from '../../../public/_locales/en/messages.json';
import fr from '../../../public/_locales/fr/messages.json';
import { makeTask } from '../rates/make-task';

const tEn = makeTranslator(en as Messages);
const MIN = 60_000;
const DAY = 86_400_000;
const T = Date.UTC(2026, 10, 1, 12);
const task = (n: number, over: Parameters<typeof makeTask>[0] = {}) =>
  makeTask({ id: `mturk:A${n}`, externalId: `A${n}`, acceptedAt: T + n * DAY, title: `Title ${n}`, ...over });

describe('offerDetail', () => {
  it('the finished tasks of the group, newest first, as text, with the dashboard page of the group', () => {
    const tasks = [
      task(1, { activeMs: 10 * MIN }),
      task(2, { status: 'returned', activeMs: 2 * MIN + 5000 }),
      task(3, { activeMs: 5000, advertisedSeconds: null }),
      task(4, { status: 'accepted' }), // open: not behind any figure yet
      task(5, { groupId: 'G2' }),
      task(6, { platform: 'toloka', id: 'toloka:A6' }),
    ];
    const detail = offerDetail({ by: 'group', platform: 'mturk', id: 'G1' }, tasks, DEFAULT_SETTINGS, tEn, 'en-US', 'UTC');
    expect(detail.title).toBe('Your tasks in “Title 3”');
    expect(detail.total).toBe(3);
    expect(detail.rows).toEqual([
      { when: 'Nov 4, 2026, 12:00 PM', active: '0:05', advertised: 'unknown', rate: 'too short to tell', status: 'Approved' },
      { when: 'Nov 3, 2026, 12:00 PM', active: '2:05', advertised: '5:00', rate: '$0.00/h', status: 'Returned' },
      { when: 'Nov 2, 2026, 12:00 PM', active: '10:00', advertised: '5:00', rate: '$3.00/h', status: 'Approved' },
    ]);
    expect(detail.dashboardPath).toBe('options.html#requesters?by=group&key=mturk%3AG1');
    expect(parseHash(detail.dashboardPath.slice('options.html'.length))).toEqual({ tab: 'requesters', by: 'group', key: 'mturk:G1' });
  });

  it('a requester’s tasks across its groups, at most 20 rows, and how many there are', () => {
    const tasks = Array.from({ length: 25 }, (_, n) => task(n, { groupId: `G${n % 3}`, requesterName: n === 24 ? 'Receipt Lab' : 'Old name' }));
    const detail = offerDetail({ by: 'requester', platform: 'mturk', id: 'R1' }, tasks, DEFAULT_SETTINGS, tEn, 'en-US', 'UTC');
    expect(detail.title).toBe('Your tasks for Receipt Lab');
    expect(detail.rows).toHaveLength(DETAIL_ROWS);
    expect(detail.total).toBe(25);
    expect(detail.rows[0]?.when).toBe('Nov 25, 2026, 12:00 PM');
    expect(detail.dashboardPath).toBe('options.html#requesters?by=requester&key=mturk%3AR1');
  });

  it('no task: an empty list under a title that still names the group, in French too', () => {
    const detail = offerDetail({ by: 'group', platform: 'mturk', id: 'G1' }, [], DEFAULT_SETTINGS, makeTranslator(fr as Messages), 'fr-FR', 'UTC');
    expect(detail).toMatchObject({ title: 'Vos tâches dans « (sans titre) »', rows: [], total: 0 });
    expect(offerDetail({ by: 'requester', platform: 'mturk', id: 'R1' }, [], DEFAULT_SETTINGS, tEn, 'en-US').title).toBe('Your tasks for R1');
  });
});
