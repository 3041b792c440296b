import { describe, expect, it } from 'vitest';
import { classifySender } from '@/lib/sender-check';

const self = { id: 'truerate-id', origin: 'chrome-extension://truerate-id/' };
const TASK_URL =
  'https://worker.mturk.com/projects/3PZ1QH7GXWJ8R4ZC0E5N2T6B9K1MDA/tasks/3VW0LJ5NQ8T2XA4C7E9G1I3K5M7O9R?assignment_id=3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P';

describe('classifySender', () => {
  it('accepts this extension’s content script on a platform page', () => {
    const verdict = classifySender({ id: self.id, url: TASK_URL, frameId: 0, tab: { id: 7 } }, self);
    expect(verdict).toMatchObject({ kind: 'content', platform: 'mturk', tabId: 7, topFrame: true });
  });

  it('knows a task frame of a platform and that it is not the top frame', () => {
    const verdict = classifySender(
      { id: self.id, url: 'https://www.mturkcontent.com/dynamic/hit?assignmentId=X', frameId: 3, tab: { id: 7 } },
      self,
    );
    expect(verdict).toMatchObject({ kind: 'content', platform: 'mturk', topFrame: false });
  });

  it('accepts the extension’s own pages, in a tab or not', () => {
    expect(classifySender({ id: self.id, url: `${self.origin}popup.html` }, self).kind).toBe('extension-page');
    expect(
      classifySender({ id: self.id, url: `${self.origin}options.html`, tab: { id: 3 } }, self).kind,
    ).toBe('extension-page');
  });

  it.each([
    ['another extension', { id: 'other-id', url: TASK_URL, frameId: 0, tab: { id: 1 } }, 'foreign-sender'],
    ['no id', { url: TASK_URL, frameId: 0, tab: { id: 1 } }, 'foreign-sender'],
    ['no url', { id: self.id, frameId: 0, tab: { id: 1 } }, 'foreign-sender'],
    ['a content script with no tab', { id: self.id, url: TASK_URL, frameId: 0 }, 'foreign-sender'],
    ['a non-platform page', { id: self.id, url: 'https://evil.example/', frameId: 0, tab: { id: 1 } }, 'not-a-platform-page'],
    ['a look-alike host', { id: self.id, url: 'https://worker.mturk.com.evil.example/', frameId: 0, tab: { id: 1 } }, 'not-a-platform-page'],
    ['plain http', { id: self.id, url: 'http://worker.mturk.com/', frameId: 0, tab: { id: 1 } }, 'not-a-platform-page'],
    ['another extension’s page', { id: self.id, url: 'chrome-extension://other-id/popup.html', tab: { id: 1 } }, 'not-a-platform-page'],
    ['a garbage url', { id: self.id, url: 'not a url', tab: { id: 1 } }, 'foreign-sender'],
  ] as const)('rejects %s', (_name, sender, reason) => {
    expect(classifySender(sender, self)).toEqual({ kind: 'rejected', reason });
  });
});
