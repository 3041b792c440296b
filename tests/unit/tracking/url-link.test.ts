import { describe, expect, it } from 'vitest';
import { taskForUrl, taskIdsInUrl } from '@/lib/platforms';

const open = [
  { id: 'mturk:3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P', platform: 'mturk' as const, externalId: '3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P', groupId: '3PZ1QH7GXWJ8R4ZC0E5N2T6B9K1MDA' },
  { id: 'prolific:64f0c0ffee0000000000aa01', platform: 'prolific' as const, externalId: '64f0c0ffee0000000000aa01', groupId: '64f0c0ffee0000000000bb01' },
  { id: 'prolific:64f0c0ffee0000000000aa02', platform: 'prolific' as const, externalId: '64f0c0ffee0000000000aa02', groupId: '64f0c0ffee0000000000bb02' },
  { id: 'prolific:64f0c0ffee0000000000aa03', platform: 'prolific' as const, externalId: '64f0c0ffee0000000000aa03', groupId: '64f0c0ffee0000000000bb02' },
];

describe('linking a tab to a task by the ids in its URL', () => {
  it.each([
    ['an MTurk external question', 'https://survey.example/q?hitId=3VW0&assignmentId=3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P&workerId=A1&turkSubmitTo=https%3A%2F%2Fwww.mturk.com', 'mturk:3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P'],
    ['a Prolific survey by its session', 'https://survey.example/s?PROLIFIC_PID=p1p1p1p1&STUDY_ID=64f0c0ffee0000000000bb02&SESSION_ID=64f0c0ffee0000000000aa02', 'prolific:64f0c0ffee0000000000aa02'],
    ['a Prolific survey by its study, when one open task is of it', 'https://survey.example/s?STUDY_ID=64f0c0ffee0000000000bb01', 'prolific:64f0c0ffee0000000000aa01'],
    ['a study with two open tasks and no session: ambiguous', 'https://survey.example/s?STUDY_ID=64f0c0ffee0000000000bb02', null],
    ['a preview frame (no assignment yet)', 'https://survey.example/q?assignmentId=ASSIGNMENT_ID_NOT_AVAILABLE', null],
    ['an assignment of no open task', 'https://survey.example/q?assignmentId=3OTHEROTHEROTHEROTHEROTHER1', null],
    ['an unrelated page', 'https://news.example/article?id=12', null],
    ['not a URL', 'about:blank', null],
  ])('%s', (_name, url, expected) => {
    expect(taskForUrl(url, open)).toBe(expected);
  });

  it('refuses ids that are not plain tokens', () => {
    expect(taskIdsInUrl('https://x.example/?assignmentId=%3Cscript%3E&SESSION_ID=a%20b')).toEqual({});
  });
});
