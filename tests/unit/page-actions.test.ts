import { describe, expect, it } from 'vitest';
import { PAGE_ACTION_EVENTS, pageActionOf, platformOfUrl } from '@/lib/platforms';
import { type PlatformId } from '@/lib/model/platform-id';
import { documentOf, fixturesOf } from './helpers/fixtures';

const platformOf = (url: URL): PlatformId => {
  const platform = platformOfUrl(url.href);
  if (!platform) throw new Error(`not a platform page: ${url.href}`);
  return platform;
};

describe('end-of-task controls on the platforms’ own pages', () => {
  const mturkWorking = fixturesOf('mturk').filter((f) => f.kind === 'working');
  it.each(mturkWorking.map((f) => [f.file.split('/').pop(), f] as const))('MTurk %s: submitting the Return form returns that assignment', (_n, fixture) => {
    const doc = documentOf(fixture);
    const form = doc.querySelector('input[name="_method"][value="delete"]')?.closest('form');
    expect(form).toBeTruthy();
    if (!form) return;
    expect(pageActionOf('mturk', fixture.url, 'submit', form)).toEqual({ action: 'return', externalId: fixture.url.searchParams.get('assignment_id') });
    // A click on it is not the submit yet, and any other form is not a return.
    expect(pageActionOf('mturk', fixture.url, 'click', form)).toBeNull();
    const other = document.createElement('form');
    expect(pageActionOf('mturk', fixture.url, 'submit', other)).toBeNull();
  });

  it('MTurk: the same form on a preview (no assignment in the URL) is nothing', () => {
    const preview = fixturesOf('mturk').find((f) => f.kind === 'preview');
    if (!preview) throw new Error('no MTurk preview fixture');
    const form = document.createElement('form');
    form.innerHTML = '<input name="_method" value="delete">';
    expect(pageActionOf('mturk', preview.url, 'submit', form)).toBeNull();
  });

  const raterhubTasks = fixturesOf('raterhub').filter((f) => f.kind === 'working');
  it.each(raterhubTasks.map((f) => [f.file.split('/').pop(), f] as const))('RaterHub %s: both submit buttons submit the task of the URL', (_n, fixture) => {
    const doc = documentOf(fixture);
    for (const id of ['ewok-task-submit-button', 'ewok-task-submit-done-button']) {
      const button = doc.querySelector(`#${id}`);
      if (!button) continue;
      const taskId = fixture.url.searchParams.get('taskIds');
      // Without a task id in the address there is nothing the background could check it against.
      expect(pageActionOf('raterhub', fixture.url, 'click', button)).toEqual(taskId ? { action: 'submit', externalId: taskId } : null);
    }
    const form = doc.querySelector('#ewok-task-form');
    if (form) expect(pageActionOf('raterhub', fixture.url, 'click', form)).toBeNull();
  });

  const toloka = fixturesOf('toloka').filter((f) => f.kind === 'working');
  it.each(toloka.map((f) => [f.file.split('/').pop(), f] as const))('Toloka %s: Submit submits, Skip returns; nothing else does', (_n, fixture) => {
    const doc = documentOf(fixture);
    const buttons = [...doc.querySelectorAll('.new-task-page-footer > button')];
    const platform = platformOf(fixture.url);
    const actions = buttons.map((b) => pageActionOf(platform, fixture.url, 'click', b));
    if (fixture.variant === 'key-element-removed') {
      expect(buttons).toHaveLength(0);
    } else {
      expect(actions).toEqual([
        { action: 'submit', externalId: fixture.expect?.externalId },
        { action: 'return', externalId: fixture.expect?.externalId },
      ]);
    }
    const stray = document.createElement('button');
    stray.textContent = 'Submit';
    expect(pageActionOf(platform, fixture.url, 'click', stray)).toBeNull();
  });

  it('every event that ends a task on a fixture is one the page reader listens to on that platform', () => {
    const seen: string[] = [];
    for (const fixture of ['mturk', 'raterhub', 'toloka', 'prolific', 'clickworker', 'appen', 'uhrs'].flatMap(fixturesOf)) {
      const platform = platformOfUrl(fixture.url.href);
      if (!platform) continue;
      const doc = documentOf(fixture);
      for (const el of doc.querySelectorAll('form, button, input[type="submit"]')) {
        for (const type of ['submit', 'click'] as const) {
          if (!pageActionOf(platform, fixture.url, type, el)) continue;
          seen.push(`${platform}:${type}`);
          expect(PAGE_ACTION_EVENTS[platform] ?? []).toContain(type);
        }
      }
    }
    // Each listened event is used by some fixture: no listener is registered for nothing.
    expect(new Set(seen)).toEqual(new Set(Object.entries(PAGE_ACTION_EVENTS).flatMap(([p, types]) => (types ?? []).map((t) => `${p}:${t}`))));
  });
});
