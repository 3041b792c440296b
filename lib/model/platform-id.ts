/**
 * The platforms TrueRate supports, by the id every record, message and setting uses. Their hosts
 * and page readers live in lib/platforms; this list is shared vocabulary, so it lives here.
 */
export const PLATFORM_IDS = [
  'mturk',
  'prolific',
  'toloka',
  'raterhub',
  'uhrs',
  'clickworker',
  'appen',
  'dataannotation',
] as const;

export type PlatformId = (typeof PLATFORM_IDS)[number];

/** Where a task or segment comes from: a platform, or a timer the worker started by hand. */
export type Source = PlatformId | 'manual';
