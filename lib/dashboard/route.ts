/** The dashboard's address: one hash per tab, so the popup and tests can open any of them. */
export const TABS = ['overview', 'history', 'requesters', 'sharing', 'settings', 'data'] as const;
export type Tab = (typeof TABS)[number];

/**
 * A tab; a task opened over the history; or the requesters tab showing one requester or task group
 * (`key` as groupStats makes it, "platform:requesterId" or "platform:groupId") with its evidence
 * open, as a badge beside an offer links to it.
 */
export type Route = { tab: Tab } | { tab: 'history'; taskId: string } | { tab: 'requesters'; by: 'requester' | 'group'; key: string };

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
  if (path.startsWith('requesters?')) {
    // URLSearchParams never throws: a broken escape is read as it stands.
    const params = new URLSearchParams(path.slice('requesters?'.length));
    const by = params.get('by');
    const key = params.get('key');
    return (by === 'requester' || by === 'group') && key ? { tab: 'requesters', by, key } : { tab: 'requesters' };
  }
  const tab = TABS.find((t) => t === path);
  return { tab: tab ?? 'overview' };
}

export function hashOf(route: Route): string {
  if ('taskId' in route) return `#task/${encodeURIComponent(route.taskId)}`;
  if ('key' in route) return `#requesters?${new URLSearchParams({ by: route.by, key: route.key }).toString()}`;
  return `#${route.tab}`;
}
