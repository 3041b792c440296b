/** The dashboard's address: one hash per tab, so the popup and tests can open any of them. */
export const TABS = ['overview', 'history', 'requesters', 'settings', 'data'] as const;
export type Tab = (typeof TABS)[number];

export type Route = { tab: Tab } | { tab: 'history'; taskId: string };

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  if (path.startsWith('task/')) {
    const raw = path.slice('task/'.length);
    let id: string;
    try {
      id = decodeURIComponent(raw);
    } catch {
      id = raw;
    }
    return id ? { tab: 'history', taskId: id } : { tab: 'history' };
  }
  const tab = TABS.find((t) => t === path);
  return { tab: tab ?? 'overview' };
}

export function hashOf(route: Route): string {
  return 'taskId' in route ? `#task/${encodeURIComponent(route.taskId)}` : `#${route.tab}`;
}
