import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupsTable } from '@/components/dashboard/GroupsTable';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { makeTask, tKeys } from './make-task';

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

describe('GroupsTable with a requester or group to show (a badge’s dashboard link)', () => {
  const tasks = Array.from({ length: 14 }, (_, n) => makeTask(n));
  const table = (focus: { by: 'requester' | 'group'; key: string } | null) => (
    <GroupsTable tasks={tasks} settings={DEFAULT_SETTINGS} locale="en-US" t={tKeys} focus={focus} />
  );

  it('shows task groups when the link names one, marks its row and opens its evidence', () => {
    run(() => render(table({ by: 'group', key: 'mturk:G3' }), root));
    expect(root.querySelector('input[value="group"]')).toHaveProperty('checked', true);
    const current = root.querySelectorAll('tr[aria-current="true"]');
    expect([...current].map((tr) => (tr as HTMLElement).dataset.group)).toEqual(['mturk:G3']);
    expect(current[0]?.querySelector('button')?.getAttribute('aria-expanded')).toBe('true');
    expect(root.querySelectorAll('tr.group-evidence')).toHaveLength(1);
  });

  it('follows a new link to a requester', () => {
    run(() => render(table({ by: 'group', key: 'mturk:G3' }), root));
    run(() => render(table({ by: 'requester', key: 'mturk:R2' }), root));
    expect(root.querySelector('input[value="requester"]')).toHaveProperty('checked', true);
    expect([...root.querySelectorAll('tr[aria-current="true"]')].map((tr) => (tr as HTMLElement).dataset.group)).toEqual(['mturk:R2']);
  });

  it('without a link: requesters, nothing marked or open', () => {
    run(() => render(table(null), root));
    expect(root.querySelector('input[value="requester"]')).toHaveProperty('checked', true);
    expect(root.querySelector('tr[aria-current]')).toBeNull();
    expect(root.querySelector('tr.group-evidence')).toBeNull();
  });
});
