import { useCallback, useEffect, useState } from 'preact/hooks';
import type { TrueRateDb } from '@/lib/db/database';
import { viewSubscriptions } from '@/lib/db/feeds';
import { collectiveIndex, type CollectiveIndex } from '@/lib/share/collective-index';

/**
 * The collectives' figures for the requester table: read when the dashboard opens, when the
 * worker changes a subscription, and when the page comes back to the foreground (the background
 * may have fetched a new copy meanwhile).
 */
export function useCollective(db: TrueRateDb) {
  const [index, setIndex] = useState<CollectiveIndex | null>(null);
  const reread = useCallback(() => {
    viewSubscriptions(db).then(
      (subs) => setIndex(collectiveIndex(subs)),
      () => setIndex(null),
    );
  }, [db]);
  useEffect(() => {
    reread();
    const onVisible = () => {
      if (document.visibilityState === 'visible') reread();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [reread]);
  return { index, reread };
}
