import { describe, expect, it } from 'vitest';
import { errorText } from '@/lib/error-text';

const named = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('an error as a worker is shown it', () => {
  it.each([
    ['a plain error', named('QuotaExceededError', 'quota'), 'QuotaExceededError: quota'],
    [
      "Dexie's repeat of its inner error (Firefox, quota full)",
      named('InvalidStateError', 'A mutation operation was attempted on a database that did not allow mutations.\n InvalidStateError: A mutation operation was attempted on a database that did not allow mutations.'),
      'InvalidStateError: A mutation operation was attempted on a database that did not allow mutations.',
    ],
    ['an inner error that says something else', named('AbortError', 'Transaction aborted. AbortError: QuotaExceededError'), 'AbortError: Transaction aborted. AbortError: QuotaExceededError'],
    ["Chromium's quota refusal, its message a name alone", named('AbortError', 'QuotaExceededError '), 'AbortError: QuotaExceededError'],
    ['no message', named('UnknownError', ''), 'UnknownError'],
    ['not an Error', 'disk full', 'disk full'],
  ])('%s', (_, error, text) => {
    expect(errorText(error)).toBe(text);
  });
});
