import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HOST_ATTR } from '@/lib/content/badges/badge-element';
import { RETRY_MS, SETTLE_MS, startBadges, type Anchor, type BadgeSource } from '@/lib/content/badges/badge-mounter';
import type { BadgeDetail, BadgeView } from '@/lib/content/badges/badge-view';

const view = (groupId: string, text = `rate of ${groupId}`): BadgeView => ({
  groupId,
  tone: 'good',
  mark: '✓',
  text,
  requesterText: null,
  marks: [],
  chip: null,
  label: `Your history with ${groupId}`,
  collective: null,
});

/** A list like a platform's: rows that carry their offer's id in an attribute. */
function list(ids: string[]): HTMLElement {
  const table = document.createElement('table');
  table.id = 'offers';
  for (const id of ids) {
    const row = document.createElement('tr');
    row.setAttribute('data-id', id);
    const cell = document.createElement('td');
    cell.className = 'title';
    cell.textContent = `Offer ${id}`;
    row.append(cell);
    table.append(row);
  }
  return table;
}

const anchorsOf = (): Anchor[] =>
  [...document.querySelectorAll('tr[data-id]')].map((row) => ({ groupId: row.getAttribute('data-id') ?? '', element: row.querySelector('td.title') as Element }));

const ctx = {
  setTimeout: (fn: () => void, ms?: number) => setTimeout(fn, ms) as unknown as number,
  addEventListener: (target: EventTarget, type: string, fn: (e: Event) => void) => target.addEventListener(type, fn),
  onInvalidated: () => () => undefined,
};

let fetched: string[][];
let source: BadgeSource;
beforeEach(() => {
  vi.useFakeTimers();
  document.body.replaceChildren(list(['G1', 'G2', 'G3']));
  fetched = [];
  source = {
    anchors: anchorsOf,
    fetch: async (offers) => {
      fetched.push(offers.map((o) => o.groupId));
      return offers.map((o) => view(o.groupId));
    },
    detail: async (): Promise<BadgeDetail | null> => null,
    openDashboard: () => undefined,
  };
});
afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
});

const badgeOf = (row: Element) => row.querySelector(`[${HOST_ATTR}]`);
const settle = async (badges: { settle(): Promise<void> }) => {
  await vi.advanceTimersByTimeAsync(SETTLE_MS + 10);
  await badges.settle();
};

describe('badges on a page of offers', () => {
  it('puts each offer’s badge in its own row, by id, with one request for all offers', async () => {
    const badges = startBadges(ctx, document, source);
    await badges.settle();
    for (const row of document.querySelectorAll('tr')) expect(badgeOf(row)?.getAttribute(HOST_ATTR)).toBe(row.getAttribute('data-id'));
    expect(fetched).toEqual([['G1', 'G2', 'G3']]);
  });

  it('follows the rows when the page re-sorts its list, and never asks twice for the same offer', async () => {
    const badges = startBadges(ctx, document, source);
    await badges.settle();
    const table = document.getElementById('offers')!;
    // The page moves rows (a sort keeps its DOM nodes) and re-renders one from scratch.
    table.prepend(table.lastElementChild!);
    table.children[1]!.replaceWith(list(['G1'])!.firstElementChild!);
    await settle(badges);
    for (const row of document.querySelectorAll('tr')) expect(badgeOf(row)?.getAttribute(HOST_ATTR)).toBe(row.getAttribute('data-id'));
    expect(document.querySelectorAll(`[${HOST_ATTR}]`)).toHaveLength(3);
    expect(fetched).toEqual([['G1', 'G2', 'G3']]);
  });

  it('asks again after a failed request though the page stays still, waiting longer each time', async () => {
    let failures = 2;
    const flaky: BadgeSource = {
      ...source,
      fetch: async (offers) => {
        fetched.push(offers.map((o) => o.groupId));
        if (failures-- > 0) throw new Error('the background is busy');
        return offers.map((o) => view(o.groupId));
      },
    };
    const badges = startBadges(ctx, document, flaky);
    await badges.settle();
    expect(document.querySelectorAll(`[${HOST_ATTR}]`)).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(RETRY_MS + SETTLE_MS + 10);
    await badges.settle();
    expect(fetched).toHaveLength(2);
    // The second wait is twice the first: nothing yet after one more RETRY_MS.
    await vi.advanceTimersByTimeAsync(RETRY_MS + SETTLE_MS + 10);
    expect(fetched).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(RETRY_MS);
    await badges.settle();
    expect(fetched).toEqual([['G1', 'G2', 'G3'], ['G1', 'G2', 'G3'], ['G1', 'G2', 'G3']]);
    expect(document.querySelectorAll(`[${HOST_ATTR}]`)).toHaveLength(3);
  });

  it('asks only for offers that appear later (the next page of a list), and draws them', async () => {
    const badges = startBadges(ctx, document, source);
    await badges.settle();
    document.getElementById('offers')!.append(...list(['G4', 'G5']).children);
    await settle(badges);
    expect(fetched).toEqual([['G1', 'G2', 'G3'], ['G4', 'G5']]);
    expect(document.querySelectorAll(`[${HOST_ATTR}]`)).toHaveLength(5);
  });

  it('puts back a badge the page removed, and its own writes do not wake it again', async () => {
    const anchors = vi.fn(anchorsOf);
    const badges = startBadges(ctx, document, { ...source, anchors });
    await badges.settle();
    badgeOf(document.querySelector('tr')!)!.remove();
    await settle(badges);
    expect(badgeOf(document.querySelector('tr')!)).not.toBeNull();
    const calls = anchors.mock.calls.length;
    // Nothing changes any more: no pass runs (its own mounting did not trigger the observer).
    await settle(badges);
    await settle(badges);
    expect(anchors.mock.calls.length).toBe(calls);
  });

  it('draws nothing while the page is hidden, and draws once it is shown', async () => {
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    const badges = startBadges(ctx, document, source);
    await badges.settle();
    expect(fetched).toEqual([]);
    visibility.mockReturnValue('visible');
    const shown = new Event('visibilitychange');
    Object.defineProperty(shown, 'isTrusted', { value: true });
    document.dispatchEvent(shown);
    await settle(badges);
    expect(fetched).toEqual([['G1', 'G2', 'G3']]);
  });

  it('a badge the background could not give (restarting) is asked for again on the next change', async () => {
    let fail = true;
    const badges = startBadges(ctx, document, {
      ...source,
      fetch: async (offers) => {
        if (fail) throw new Error('Could not establish connection');
        return offers.map((o) => view(o.groupId));
      },
    });
    await badges.settle();
    expect(document.querySelectorAll(`[${HOST_ATTR}]`)).toHaveLength(0);
    fail = false;
    document.body.append(document.createElement('div'));
    await settle(badges);
    expect(document.querySelectorAll(`[${HOST_ATTR}]`)).toHaveLength(3);
  });
});
