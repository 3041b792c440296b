import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HOST_ATTR, mountBadge, type BadgeActions } from '@/lib/content/badges/badge-element';
import type { BadgeDetail, BadgeView } from '@/lib/content/badges/badge-view';

const view: BadgeView = {
  groupId: 'G1',
  tone: 'bad',
  mark: '✗',
  text: 'You: $2.10/h · n = 6',
  requesterText: '<img src=x onerror=alert(1)> Lab: $3.00/h',
  marks: ['Done 2 times'],
  label: 'Your median for this HIT is $2.10 an hour over 6 tasks, below your minimum.',
  chip: null,
  collective: null,
};
const detail: BadgeDetail = {
  title: 'Your 2 tasks of <b>this</b> HIT',
  rows: [{ when: 'Nov 30', active: '4:10', advertised: '2:00', rate: '$2.10/h', status: 'Approved' }],
  total: 1,
  dashboardPath: 'options.html#requesters',
  words: { close: 'Close', open: 'Open in dashboard', columns: ['When', 'Active', 'Advertised', 'Rate', 'Status'], empty: 'No tasks yet' },
};

/** Closed roots are out of a page's reach, and of a test's: the test keeps them as they are made. */
let roots: ShadowRoot[];
let anchor: HTMLAnchorElement;
let opened: string[];
let actions: BadgeActions;
beforeEach(() => {
  roots = [];
  const attach = Element.prototype.attachShadow;
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
    const root = attach.call(this, init);
    roots.push(root);
    return root;
  });
  anchor = document.createElement('a');
  anchor.href = 'https://worker.mturk.com/projects/G1/tasks';
  anchor.textContent = 'Transcribe a receipt';
  document.body.replaceChildren(anchor);
  opened = [];
  actions = { detail: async () => detail, openDashboard: (path) => opened.push(path) };
});
afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

const trusted = <E extends Event>(event: E): E => {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
};
const click = (el: Element) => el.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true })));
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('a badge', () => {
  it('is one host right after its anchor (the offer’s link), with a closed shadow root holding the verdict as text, with words and a shape', () => {
    mountBadge(anchor, view, actions);
    // Never inside the page's link: a control inside a link is pressed with it.
    expect(anchor.querySelector(`[${HOST_ATTR}]`)).toBeNull();
    const host = anchor.nextElementSibling;
    expect(host?.getAttribute(HOST_ATTR)).toBe('G1');
    expect(host?.shadowRoot).toBeNull(); // closed: the page cannot read or change it
    const button = roots[0]!.querySelector('button')!;
    expect(button.className).toBe('badge bad');
    // Named by what it shows (the shape is decoration), described by the sentences.
    expect(button.getAttribute('aria-label')).toBeNull();
    expect(button.querySelector('.mark')?.getAttribute('aria-hidden')).toBe('true');
    expect(roots[0]!.getElementById(button.getAttribute('aria-describedby')!)?.textContent).toBe(view.label);
    expect(button.querySelector('.mark')?.textContent).toBe('✗');
    expect(button.querySelector('.text')?.textContent).toBe('You: $2.10/h · n = 6');
    expect(button.title).toContain('Done 2 times');
    // Page text is text: a requester name holding HTML is shown, not parsed.
    expect(button.title).toContain('<img src=x onerror=alert(1)>');
    expect(roots[0]!.querySelector('img')).toBeNull();
  });

  it('mounting the same view again changes nothing; a new view updates the same host', () => {
    const first = mountBadge(anchor, view, actions);
    const before = roots[0]!.innerHTML;
    expect(mountBadge(anchor, view, actions)).toBe(first);
    expect(roots).toHaveLength(1);
    expect(roots[0]!.innerHTML).toBe(before);
    mountBadge(anchor, { ...view, tone: 'good', mark: '✓' }, actions);
    expect(document.querySelectorAll(`[${HOST_ATTR}]`)).toHaveLength(1);
    expect(roots[0]!.querySelector('button')?.className).toBe('badge good');
    // The "done" chip comes and goes with the view, as text.
    mountBadge(anchor, { ...view, chip: 'Done ×2 <b>' }, actions);
    expect(roots[0]!.querySelector('.chip')?.textContent).toBe('Done ×2 <b>');
    expect(roots[0]!.querySelector('b')).toBeNull();
    mountBadge(anchor, view, actions);
    expect(roots[0]!.querySelector('.chip')).toBeNull();
  });

  it('takes no room in the page: the host is out of the flow whatever the page’s styles', () => {
    const host = mountBadge(anchor, view, actions) as HTMLElement;
    expect(host.getAttribute('style')).toContain('all:initial;position:absolute');
  });

  it('goes into the cell of a flex row that holds the offer’s own link, where it cannot take part in the layout', () => {
    const row = document.createElement('div');
    row.style.display = 'flex';
    const requester = document.createElement('div');
    requester.innerHTML = '<a href="/requesters/A1/projects">Lab</a>';
    const name = document.createElement('div');
    name.innerHTML = '<a href="/projects/G1/tasks">Transcribe</a>';
    const reward = document.createElement('div');
    reward.textContent = '$0.35';
    row.append(requester, name, reward);
    document.body.append(row);
    const host = mountBadge(row, view, actions);
    expect(host.parentElement).toBe(name);
    expect(mountBadge(row, view, actions)).toBe(host);
    // A row with no link of its own offer: the last cell.
    name.innerHTML = 'Transcribe';
    host.remove();
    expect(mountBadge(row, view, actions).parentElement).toBe(reward);
  });

  it('a click on the badge is TrueRate’s: the offer’s link does not navigate and the page hears nothing', async () => {
    const heard: Event[] = [];
    document.body.addEventListener('click', (event) => heard.push(event));
    mountBadge(anchor, view, actions);
    const button = roots[0]!.querySelector('button')!;
    const event = trusted(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }));
    button.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(heard).toEqual([]);
    await flush();
  });

  it('opens the tasks behind the figure as a labelled dialog, closes on Escape with the focus back on the badge', async () => {
    mountBadge(anchor, view, actions);
    const root = roots[0]!;
    const button = root.querySelector('button')!;
    click(button);
    await flush();
    const panel = root.querySelector('.panel')!;
    expect(panel.getAttribute('role')).toBe('dialog');
    expect(panel.getAttribute('aria-label')).toBe(detail.title);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(panel.querySelector('h2')?.textContent).toBe('Your 2 tasks of <b>this</b> HIT');
    expect(panel.querySelector('b')).toBeNull();
    expect([...panel.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['Nov 30', '4:10', '2:00', '$2.10/h', 'Approved']);
    const open = [...panel.querySelectorAll('button')].find((b) => b.textContent === 'Open in dashboard')!;
    click(open);
    expect(opened).toEqual(['options.html#requesters']);
    panel.dispatchEvent(trusted(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true })));
    expect(root.querySelector('.panel')).toBeNull();
    expect(button.getAttribute('aria-expanded')).toBe('false');
  });

  it('ignores clicks a page script makes', async () => {
    mountBadge(anchor, view, actions);
    roots[0]!.querySelector('button')!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    await flush();
    expect(roots[0]!.querySelector('.panel')).toBeNull();
  });
});
