import type { Translate } from '@/lib/i18n/translate';
import { hashOf, TABS, type Tab } from '@/lib/dashboard/route';

interface Props {
  current: Tab;
  t: Translate;
}

export const tabId = (tab: Tab) => `tab-${tab}`;
export const PANEL_ID = 'dashboard-panel';

/**
 * Tabs that are also links (#history…): each can be opened from the popup or bookmarked. A real
 * tablist: one tab stop, arrows/Home/End move between tabs and follow the link (automatic activation).
 */
export function DashboardTabs({ current, t }: Props) {
  const onKeyDown = (event: KeyboardEvent) => {
    const at = TABS.indexOf(current);
    const next =
      event.key === 'ArrowRight'
        ? TABS[(at + 1) % TABS.length]
        : event.key === 'ArrowLeft'
          ? TABS[(at - 1 + TABS.length) % TABS.length]
          : event.key === 'Home'
            ? TABS[0]
            : event.key === 'End'
              ? TABS[TABS.length - 1]
              : undefined;
    if (!next) return;
    event.preventDefault();
    location.hash = hashOf({ tab: next });
    document.getElementById(tabId(next))?.focus();
  };
  return (
    <nav class="tabs-nav" aria-label={t('dash_nav')}>
      <div role="tablist" class="tabs" aria-label={t('dash_nav')} onKeyDown={onKeyDown}>
        {TABS.map((tab) => (
          <a
            key={tab}
            id={tabId(tab)}
            role="tab"
            class="tab"
            href={hashOf({ tab })}
            aria-selected={tab === current}
            aria-controls={PANEL_ID}
            tabIndex={tab === current ? 0 : -1}
          >
            {t(`dash_tab_${tab}`)}
          </a>
        ))}
      </div>
    </nav>
  );
}
