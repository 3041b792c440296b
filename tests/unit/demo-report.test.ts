import { describe, expect, it } from 'vitest';
import { summary, type TaskLine } from '../../demo/report';
import { counted } from '../../demo/words';

const line: TaskLine = { title: 'Receipt', requester: 'Acme', reward: '$0.35', status: 'Approved', active: '0:31', rate: '$40.65/h', flags: [] };

describe('npm start: what the demo prints', () => {
  it.each([
    [0, 'What TrueRate recorded (0 tasks), as its popup shows it:'],
    [1, 'What TrueRate recorded (1 task), as its popup shows it:'],
    [2, 'What TrueRate recorded (2 tasks), as its popup shows it:'],
  ])('counts the tasks it read in their plural form (%i)', (count, first) => {
    expect(summary(Array.from({ length: count }, () => line), null)[0]).toBe(first);
  });

  it('says a count with its noun, never "task(s)"', () => {
    expect([0, 1, 2].map((n) => counted(n, 'ended task', 'ended tasks'))).toEqual(['0 ended tasks', '1 ended task', '2 ended tasks']);
  });
});
