import { plural } from '@/lib/i18n/plural';
import type { Translate } from '@/lib/i18n/translate';
import { HELD_KEY, parseHeld } from '@/lib/ledger/held-events';
import { useStored } from './use-stored';

interface Held {
  since: number;
  error: string;
  count: number;
  dropped: number;
}

/** What the notice shows of the held events (checked as the background checks them). */
function heldOf(value: unknown): Held | null {
  const held = parseHeld(value);
  return held && { since: held.since, error: held.error.slice(0, 300), count: held.events.length, dropped: held.dropped };
}

/**
 * Says so when the browser refuses TrueRate's database writes (a full disk, its quota): since
 * when, why, and that the activity is kept safe until the writes resume. Gone as soon as they do.
 * `openProblem`: the database cannot be opened for its version, and DbProblemNotice says why
 * (lib/db/open-problem.ts' isVersionProblem); the writes fail for that, not for space, so this
 * only says how much activity waits.
 */
export function HeldNotice({ t, locale, openProblem = false }: { t: Translate; locale: string; openProblem?: boolean }) {
  const held = useStored(HELD_KEY, heldOf);
  if (!held) return null;
  const since = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(held.since);
  const count = (n: number) => new Intl.NumberFormat(locale).format(n);
  const dropped = held.dropped > 0 ? <p>{plural(t, locale, 'popup_held_dropped', held.dropped, [count(held.dropped)])}</p> : null;
  if (openProblem) {
    return (
      <div class="notice held-notice" role="status">
        <p>{plural(t, locale, 'popup_held_aside', held.count, [since, count(held.count)])}</p>
        {dropped}
      </div>
    );
  }
  return (
    <div class="notice held-notice" role="alert">
      <p>
        <strong>{t('popup_held_title')}</strong>
      </p>
      <p>{plural(t, locale, 'popup_held_body', held.count, [since, count(held.count)])}</p>
      <p class="held-error">{held.error}</p>
      {dropped}
    </div>
  );
}
