import type { PlatformId } from '../model/platform-id';
import type { TaskRecord } from '../model/records';
import type { PageAction, PageActionEvent, PlatformContract } from './contract';
import type { PageInfo, PageKind } from './page-info';
import { CONTRACTS, REGISTRY } from './registry';
import { parseUrl } from './url-params';

/**
 * What the rest of TrueRate asks of the platforms, answered from their contracts
 * (lib/platforms/registry.ts). The hosts here build the manifest's content-script matches, the
 * background's sender check and the demo server, so a host is added in its contract only.
 */

/** A table by platform id of one field of each contract; unused ones drop out of the bundles. */
const byId = <T>(field: (contract: PlatformContract) => T): Readonly<Record<PlatformId, T>> =>
  Object.fromEntries(CONTRACTS.map((contract) => [contract.id, field(contract)])) as Record<PlatformId, T>;

export const PLATFORM_HOSTS = /* @__PURE__ */ byId((contract) => contract.hosts);
export const CLAIMED_KINDS: Readonly<Record<PlatformId, readonly PageKind[]>> = /* @__PURE__ */ byId((contract) => contract.claimedKinds);

/** Which events can end a task on each platform that has such a control. */
export const PAGE_ACTION_EVENTS: Readonly<Partial<Record<PlatformId, readonly PageActionEvent[]>>> = /* @__PURE__ */ withActions();

function withActions() {
  return Object.fromEntries(CONTRACTS.flatMap((contract) => (contract.actionEvents ? [[contract.id, contract.actionEvents]] : [])));
}

export function allPlatformHosts(): string[] {
  return CONTRACTS.flatMap((contract) => [...contract.hosts, ...(contract.taskFrameHosts ?? [])]);
}

/** Match patterns (https only: every supported platform serves its pages over https). */
export function platformMatchPatterns(opts: { frames: boolean }): string[] {
  return CONTRACTS.flatMap((contract) => [...contract.hosts, ...(opts.frames ? (contract.taskFrameHosts ?? []) : [])]).map((host) => `https://${host}/*`);
}

/** The platform whose top-level pages are served from this URL, or null. */
export function platformOfUrl(url: string | URL | undefined): PlatformId | null {
  const parsed = typeof url === 'string' ? parseUrl(url) : url;
  if (!parsed || parsed.protocol !== 'https:') return null;
  const host = parsed.hostname.toLowerCase();
  return CONTRACTS.find((contract) => contract.hosts.includes(host))?.id ?? null;
}

/**
 * Picks the adapter for a page. Never throws: a page that breaks an adapter is reported as
 * unreadable, so the worker is told instead of silently recording nothing.
 */
export function readPage(url: URL, doc: ParentNode): PageInfo | null {
  const platform = platformOfUrl(url);
  if (platform === null) return null;
  try {
    return REGISTRY[platform].read(url, doc);
  } catch {
    return { platform, kind: 'other', missing: ['adapter-error'] };
  }
}

/**
 * `readPage` without its guard: an adapter's throw reaches the caller. For tests, which must see
 * a throw that `readPage` would turn into an "adapter-error" page.
 */
export function readPageUnguarded(url: URL, doc: ParentNode): PageInfo | null {
  const platform = platformOfUrl(url);
  return platform === null ? null : REGISTRY[platform].read(url, doc);
}

/**
 * A content script's report is believed only where the URL the browser gives as its sender agrees:
 * same platform, same page kind, same task. A page script cannot change `sender.url`.
 */
export function pageAgreesWithUrl(page: PageInfo, platform: PlatformId, url: URL): boolean {
  if (page.platform !== platform) return false;
  const contract = REGISTRY[platform];
  const ids = contract.idsFromUrl(url);
  const kindAgrees = ids.kind === page.kind || (contract.domDecides?.[ids.kind]?.includes(page.kind) ?? false);
  if (!kindAgrees) return false;
  if (page.groupId !== undefined && page.groupId !== ids.groupId) return false;
  if (!page.task) return true;
  // A URL without the task's id (a Prolific study page) cannot contradict it.
  return (
    (ids.externalId === undefined || ids.externalId === page.task.externalId) &&
    (page.task.groupId === undefined || ids.groupId === page.task.groupId)
  );
}

/** The end of a task a trusted event on a platform's own control says, or null. */
export function pageActionOf(platform: PlatformId, url: URL, eventType: PageActionEvent, target: Element): PageAction | null {
  return REGISTRY[platform].pageAction?.(url, eventType, target) ?? null;
}

/** A link's ids by the names the platforms give them in an address. */
export interface UrlTaskIds {
  assignmentId?: string;
  studyId?: string;
  sessionId?: string;
}

export function taskIdsInUrl(url: string): UrlTaskIds {
  const parsed = parseUrl(url);
  if (!parsed) return {};
  const { externalId: assignmentId } = REGISTRY.mturk.linkIds?.(parsed) ?? {};
  const { externalId: sessionId, groupId: studyId } = REGISTRY.prolific.linkIds?.(parsed) ?? {};
  return { ...(assignmentId ? { assignmentId } : {}), ...(studyId ? { studyId } : {}), ...(sessionId ? { sessionId } : {}) };
}

/**
 * The open task a tab's URL belongs to, or null. Exact ids first (an MTurk assignment, a Prolific
 * submission); a group alone (a Prolific study) links only when exactly one open task is of it.
 */
export function taskForUrl(url: string, open: readonly Pick<TaskRecord, 'id' | 'platform' | 'externalId' | 'groupId'>[]): string | null {
  const parsed = parseUrl(url);
  if (!parsed) return null;
  const links = CONTRACTS.map((contract) => ({ platform: contract.id, ...contract.linkIds?.(parsed) }));
  for (const { platform, externalId } of links) {
    const task = externalId && open.find((t) => t.platform === platform && t.externalId === externalId);
    if (task) return task.id;
  }
  for (const { platform, groupId } of links) {
    const ofGroup = groupId ? open.filter((t) => t.platform === platform && t.groupId === groupId) : [];
    if (ofGroup.length === 1 && ofGroup[0]) return ofGroup[0].id;
  }
  return null;
}
