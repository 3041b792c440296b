import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EarningsChart } from '@/components/charts/EarningsChart';
import { ScatterChart, type ScatterPoint } from '@/components/charts/ScatterChart';
import { TimeSplitChart } from '@/components/charts/TimeSplitChart';
import { linearScale, logScale, niceTicks } from '@/components/charts/chart-scale';
import { GroupsTable } from '@/components/dashboard/GroupsTable';
import { Overview } from '@/components/dashboard/Overview';
import { forgetDays } from '@/lib/ledger/day-writes';
import { createDb } from '@/lib/db/database';
import { makeTranslator, type Messages } from '@/lib/i18n/translate';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { makeTask, rowsOf, T0, tKeys } from './make-task';
import en from '../../../public/_locales/en/messages.json';
import fr from '../../../public/_locales/fr/messages.json';

/** Renders and flushes effects synchronously (act's promise has nothing left to wait for). */
const run = (fn: () => void) => void act(fn);

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const points: ScatterPoint[] = [
  { id: 'a', name: 'Survey <b>about</b> food', x: 1200, y: 600, flagged: true },
  { id: 'b', name: 'Tagging', x: 600, y: 900, flagged: false },
  { id: 'c', name: 'Returned task', x: 800, y: 0, flagged: true },
];

describe('chart scales', () => {
  it('gives round ticks covering the maximum', () => {
    expect(niceTicks(930)).toEqual([0, 200, 400, 600, 800, 1000]);
    const s = linearScale(930, 0, 100);
    expect(s(0)).toBe(0);
    expect(s(1000)).toBe(100);
    const log = logScale(40, 3000, 0, 100);
    expect(log.ticks[0]).toBeLessThanOrEqual(40);
    expect(log.ticks[log.ticks.length - 1]).toBeGreaterThanOrEqual(3000);
    expect(log(0)).toBe(0); // nothing earned is drawn on the axis, not lost
    expect(log(200)).toBeGreaterThan(log(100));
  });
});

describe('ScatterChart', () => {
  for (const scale of ['log', 'linear'] as const) {
    it(`draws the diagonal y = x and one named point per task (${scale})`, () => {
      const onPick = vi.fn();
      render(<ScatterChart points={points} total={3} currency="USD" scale={scale} locale="en-US" t={tKeys} onPick={onPick} />, root);
      const diagonal = root.querySelector('line[data-diagonal]')!;
      expect(diagonal.getAttribute('aria-label')).toBe('dash_scatter_legend_diagonal');
      // Same scale on both axes: the line's ends sit at equal x and y values, i.e. on y = x.
      const [x1, y1, x2, y2] = ['x1', 'y1', 'x2', 'y2'].map((a) => Number(diagonal.getAttribute(a)));
      expect(x2! - x1!).toBeCloseTo(y1! - y2!, 5);
      const drawn = [...root.querySelectorAll('[data-point]')];
      expect(drawn.map((p) => p.getAttribute('data-point'))).toEqual(['a', 'b', 'c']);
      expect(drawn[0]?.getAttribute('aria-label')).toBe('Survey <b>about</b> food: dash_point_label($12.00/h|$6.00/h) (dash_flagged)');
      expect(drawn[0]?.querySelector('title')?.textContent).toBe(drawn[0]?.getAttribute('aria-label'));
      // Page text stays text: no element was made from the title's markup.
      expect(root.querySelector('b')).toBeNull();
      // Flagged tasks differ in shape, not only colour.
      expect(drawn.map((p) => p.tagName.toLowerCase())).toEqual(['path', 'circle', 'path']);
      // Above the diagonal means paid better than advertised: point b sits higher than the line there.
      const b = drawn[1]!;
      const t = (Number(b.getAttribute('cx')) - x1!) / (x2! - x1!);
      expect(Number(b.getAttribute('cy'))).toBeLessThan(y1! + t * (y2! - y1!));
      run(() => {
        drawn[1]?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      });
      expect(onPick).toHaveBeenCalledWith('b');
    });
  }

  it('has a title, a description and a data table', () => {
    render(<ScatterChart points={points} total={10} currency="USD" scale="log" locale="en-US" t={tKeys} />, root);
    const svg = root.querySelector('svg')!;
    const title = document.getElementById(svg.getAttribute('aria-labelledby')!);
    const desc = document.getElementById(svg.getAttribute('aria-describedby')!);
    expect(title?.textContent).toBe('dash_scatter_title(USD)');
    expect(desc?.textContent).toContain('dash_scatter_desc_other(3|2)');
    expect(desc?.textContent).toContain('dash_scatter_capped_other(3|10)');
    const rows = root.querySelectorAll('.visually-hidden tbody tr');
    expect(rows).toHaveLength(3);
    expect(rows[0]?.textContent).toContain('$12.00/h');
  });

  // A chart is only drawn with at least one point, and says "of N tasks" after the count drawn
  // (or the total, when capped): the form follows that count.
  it.each([
    ['en', en, 1, 1, 'paid less than advertised: 1 of 1 task.'],
    ['en', en, 2, 2, 'paid less than advertised: 1 of 2 tasks.'],
    ['en', en, 1, 3, 'paid less than advertised: 1 of 1 task. Showing the 1 most recent of 3 tasks.'],
    ['fr', fr, 1, 1, 'moins payé qu’annoncé : 1 sur 1 tâche.'],
    ['fr', fr, 2, 2, 'moins payé qu’annoncé : 1 sur 2 tâches.'],
    ['fr', fr, 1, 3, 'moins payé qu’annoncé : 1 sur 1 tâche. Seules les plus récentes sont affichées : 1 sur 3 tâches.'],
  ] as const)('its description counts tasks in the plural form of the language (%s, %i drawn of %i)', (locale, messages, drawn, total, end) => {
    const shown = [points[0]!, points[1]!].slice(0, drawn);
    render(<ScatterChart points={shown} total={total} currency="USD" scale="log" locale={locale} t={makeTranslator(messages as Messages)} />, root);
    const svg = root.querySelector('svg')!;
    const description = document.getElementById(svg.getAttribute('aria-describedby')!)?.textContent ?? '';
    expect(description.slice(-end.length)).toBe(end);
  });
});

describe('EarningsChart and TimeSplitChart', () => {
  it('draw a bar per period and a line of the true rate, with the same data as a table', () => {
    render(
      <EarningsChart
        buckets={[
          { key: '2026-11-27', earnedMinor: 300, pendingMinor: 100, trueRate: 900 },
          { key: '2026-11-28', earnedMinor: 0, pendingMinor: 0, trueRate: null },
          { key: '2026-11-29', earnedMinor: 500, pendingMinor: 0, trueRate: 1200 },
        ]}
        currency="USD"
        locale="en-US"
        t={tKeys}
      />,
      root,
    );
    expect(root.querySelectorAll('[data-bucket]')).toHaveLength(3);
    expect(root.querySelector('polyline.rate-line')?.getAttribute('points')?.split(' ')).toHaveLength(2);
    expect([...root.querySelectorAll('.visually-hidden tbody th')].map((th) => th.textContent)).toEqual(['Nov 27', 'Nov 28', 'Nov 29']);
  });

  it('stacks tasks, overhead and unpaid time', () => {
    render(
      <TimeSplitChart buckets={[{ key: '2026-W48', taskMs: 3_600_000, overheadMs: 1_800_000, unpaidMs: 0 }]} locale="en-US" t={tKeys} />,
      root,
    );
    const bar = root.querySelector('[data-bucket="2026-W48"]')!;
    expect([...bar.querySelectorAll('rect')].map((r) => r.getAttribute('class'))).toEqual(['bar-taskMs', 'bar-overheadMs']);
    const [task, overhead] = [...bar.querySelectorAll('rect')].map((r) => Number(r.getAttribute('height')));
    expect(task).toBeCloseTo(2 * overhead!, 5);
    expect(root.querySelector('.visually-hidden tbody th')?.textContent).toBe('dash_week_label(48|2026)');
  });
});

describe('Overview and groups', () => {
  it('says what to do when there is no task at all', () => {
    const db = createDb(`test-${crypto.randomUUID()}`);
    render(<Overview rows={[]} db={db} now={T0} timeZone="UTC" locale="en-US" t={tKeys} onPickTask={() => undefined} />, root);
    expect(root.querySelector('.empty-state')?.textContent).toBe('dash_empty_titledash_empty_body');
    db.close();
  });

  it('shows cards per currency and the charts from the day totals, the scatter once every task is read', async () => {
    const db = createDb(`test-${crypto.randomUUID()}`);
    await db.segments.add({ taskId: null, platform: 'mturk', start: T0 - 3_600_000, end: T0 - 3_000_000, source: 'measured', excluded: false });
    const tasks = [makeTask(1), makeTask(2, { reward: { amountMinor: 200, currency: 'GBP' } }), makeTask(3)];
    await db.tasks.bulkAdd(tasks);
    // Written around the ledger: the overview builds the days from the tables.
    await forgetDays(db);
    render(<Overview rows={null} db={db} now={T0 + 60_000} timeZone="UTC" locale="en-US" t={tKeys} onPickTask={() => undefined} />, root);
    expect(root.querySelector('.overview')?.getAttribute('aria-busy')).toBe('true');
    await vi.waitFor(() => expect(root.querySelectorAll('.card')).toHaveLength(2));
    expect(root.querySelectorAll('figure.chart')).toHaveLength(2);
    expect(root.querySelector('.chart-box-scatter [role="status"]')?.textContent).toBe('dash_scatter_waiting');
    const rows = rowsOf(tasks);
    render(<Overview rows={rows} db={db} now={T0 + 60_000} timeZone="UTC" locale="en-US" t={tKeys} onPickTask={() => undefined} />, root);
    await vi.waitFor(() => expect(root.querySelectorAll('[data-point]')).toHaveLength(2));
    expect([...root.querySelectorAll('.card')].map((c) => c.getAttribute('data-currency'))).toEqual(['USD', 'GBP']);
    expect(root.querySelector('.card [data-stat="overhead"]')?.textContent).not.toBe('0 min');
    expect(root.querySelectorAll('[data-point]')).toHaveLength(2);
    expect(root.querySelectorAll('figure.chart')).toHaveLength(3);
    db.close();
  });

  it('lists requesters with the ratio, its interval and n, and flags that say over how many tasks', () => {
    // Five tasks of one requester taking 3× the advertised minute, so "longer than advertised" is raised.
    const tasks = Array.from({ length: 5 }, (_, n) =>
      makeTask(n * 5, { requesterId: 'R0', requesterName: 'Slow Lab', advertisedSeconds: 60, activeMs: 180_000 + n * 1000 }),
    );
    render(<GroupsTable tasks={tasks} settings={DEFAULT_SETTINGS} locale="en-US" t={tKeys} />, root);
    const row = root.querySelector('tbody tr')!;
    expect(row.querySelector('th')?.textContent).toBe('Slow Lab');
    expect(row.textContent).toMatch(/3\.0× \(\d\.\d–\d\.\d, n = 5\)/);
    expect(row.querySelector('.flag-texts')?.textContent).toBe('dash_group_flag_longer_other(3.0×|5)');
  });
});
