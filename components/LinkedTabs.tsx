import type { LinkedTab } from '@/lib/db/popup-data';

interface Props {
  linked: readonly LinkedTab[];
  t: (key: string, subs?: string | string[]) => string;
  onUnlink: (tabId: number) => void;
}

/**
 * Tabs that count for a task without a sensor of their own (a survey opened from it), so the
 * worker sees what TrueRate credits and can stop it: a survey left for another site keeps its link
 * until the task ends, unless the worker unlinks it here.
 */
export function LinkedTabs({ linked, t, onUnlink }: Props) {
  if (linked.length === 0) return null;
  return (
    <section class="linked" aria-labelledby="linked-heading">
      <h2 id="linked-heading">{t('linked_title')}</h2>
      <ul class="linked-list">
        {linked.map((tab) => (
          <li key={tab.tabId} data-tab-id={tab.tabId}>
            <span>{t('linked_row', tab.title ?? t('untitledTask'))}</span>
            <button type="button" onClick={() => onUnlink(tab.tabId)}>
              {t('linked_unlink')}
            </button>
          </li>
        ))}
      </ul>
      <p class="hint">{t('linked_hint')}</p>
    </section>
  );
}
