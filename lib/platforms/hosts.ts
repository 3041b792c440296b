/**
 * The platforms TrueRate supports and the hosts their pages live on.
 *
 * One table drives the manifest's content-script matches, the background's sender check and the
 * demo server, so a host is added in exactly one place. Each host and where it is known from:
 * docs/platforms.md (the N.1 "Hosts" section of each platform).
 */
import { PLATFORM_IDS, type PlatformId } from '../model/platform-id';

/** Hosts where a platform's own pages (lists, task pages) are served, top frame. */
export const PLATFORM_HOSTS: Readonly<Record<PlatformId, readonly string[]>> = {
  mturk: ['worker.mturk.com', 'workersandbox.mturk.com'],
  // `.co` was Prolific's app host until about 2023 (docs/platforms.md#2-prolific); old bookmarks still use it.
  prolific: ['app.prolific.com', 'app.prolific.co'],
  // The worker app moved from yandex hosts to toloka.ai, then we.toloka.ai (docs/platforms.md#3-toloka).
  toloka: ['we.toloka.ai', 'toloka.ai', 'toloka.yandex.com', 'toloka.yandex.ru'],
  raterhub: ['www.raterhub.com'],
  uhrs: ['prod.uhrs.playmsn.com'],
  clickworker: ['workplace.clickworker.com'],
  appen: ['annotate.appen.com', 'account.appen.com', 'view.appen.io'],
  dataannotation: ['app.dataannotation.tech'],
};

/**
 * Hosts that serve task frames inside a platform page (MTurk HTMLQuestion/layout HITs are served
 * from www.mturkcontent.com, docs/platforms.md#1-amazon-mechanical-turk). They belong to the platform but carry no list or
 * task page of their own.
 */
export const TASK_FRAME_HOSTS: Readonly<Partial<Record<PlatformId, readonly string[]>>> = {
  mturk: ['www.mturkcontent.com'],
};

export function allPlatformHosts(): string[] {
  return PLATFORM_IDS.flatMap((id) => [...PLATFORM_HOSTS[id], ...(TASK_FRAME_HOSTS[id] ?? [])]);
}

/** Match patterns (https only: every supported platform serves its pages over https). */
export function platformMatchPatterns(opts: { frames: boolean }): string[] {
  return PLATFORM_IDS.flatMap((id) => [
    ...PLATFORM_HOSTS[id],
    ...(opts.frames ? (TASK_FRAME_HOSTS[id] ?? []) : []),
  ]).map((host) => `https://${host}/*`);
}

/** The platform whose top-level pages are served from this URL, or null. */
export function platformOfUrl(url: string | URL | undefined): PlatformId | null {
  if (url === undefined) return null;
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:') return null;
  const host = parsed.hostname.toLowerCase();
  for (const id of PLATFORM_IDS) {
    if (PLATFORM_HOSTS[id].includes(host)) return id;
  }
  return null;
}
