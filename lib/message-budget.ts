/**
 * How many messages one frame may make the background act on: a token bucket per frame, refilled
 * at `perSecond` up to `burst`. The sensor sends at most one pulse a second plus a heartbeat and
 * the page reader at most one read a second, so an honest frame never comes near it; a page that
 * floods events (each one a database transaction) is cut off before anything is read or written
 * (docs/trust-boundaries.md#a-budget-of-messages-per-frame). Memory only: a restarted service
 * worker starts with full buckets, which is harmless.
 */
export interface Budget {
  /** True if the frame may send one more message now (and spends it). */
  take(key: string, now: number): boolean;
}

export const MESSAGE_BUDGET = { burst: 10, perSecond: 4 } as const;

export function createBudget(opts: { burst: number; perSecond: number } = MESSAGE_BUDGET): Budget {
  const buckets = new Map<string, { tokens: number; at: number }>();
  let swept = 0;
  return {
    take(key, now) {
      // Frames come and go: forget the buckets that have been full for a while.
      if (now - swept > 60_000) {
        for (const [k, b] of buckets) if (now - b.at > 60_000) buckets.delete(k);
        swept = now;
      }
      const bucket = buckets.get(key) ?? { tokens: opts.burst, at: now };
      const tokens = Math.min(opts.burst, bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * opts.perSecond);
      if (tokens < 1) {
        buckets.set(key, { tokens, at: now });
        return false;
      }
      buckets.set(key, { tokens: tokens - 1, at: now });
      return true;
    },
  };
}
