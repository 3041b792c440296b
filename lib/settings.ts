// zod's mini build: the same checks, a fraction of the code, for the popup loads this file too
// (its first paint waits for the bundle; the full zod is for the dashboard and the background).
import { z } from 'zod/mini';
import { PLATFORM_IDS, type PlatformId } from './model/platform-id';

/**
 * The worker's settings, kept in browser.storage.local under "settings". Fields added after the
 * first version carry a default, so settings saved by an older TrueRate still read as they were
 * (the worker's values kept, the new fields at their defaults); a value that fails validation is
 * never replaced in storage: the stored object is kept and reported, and what applies meanwhile
 * is repaired field by field (see parseSettings).
 */
/** Each bound once: the schema checks it, and the settings form says it (lib/settings-form.ts). */
export const BOUNDS = {
  idleThresholdS: { min: 5, max: 3600 },
  mediaLimitS: { min: 10, max: 3600 },
  longerRatio: { min: 1, max: 10 },
  groupMinN: { min: 2, max: 1000 },
  unpaidMinS: { min: 0, max: 3600 },
} as const;
const between = (bound: { min: number; max: number }) => [z.minimum(bound.min), z.maximum(bound.max)] as const;

const thresholdS = z.int().check(...between(BOUNDS.idleThresholdS));
const currencyCode = z.string().check(z.regex(/^[A-Z]{3}$/));
const platformId = z.enum(PLATFORM_IDS);
const minorPerHour = z.int().check(z.minimum(0), z.maximum(100_000_000));

export const flagThresholdsSchema = z.object({
  /** "Takes longer than advertised" when active time >= ratio x advertised time (design: 1.5). */
  longerRatio: z.number().check(...between(BOUNDS.longerRatio)),
  /** A requester or task group is flagged only over at least this many tasks (design: 3). */
  groupMinN: z.int().check(...between(BOUNDS.groupMinN)),
  /** "Unpaid work" needs at least this much active time in the returned/rejected/... task. */
  unpaidMinS: z.int().check(...between(BOUNDS.unpaidMinS)),
});
export type FlagThresholds = z.infer<typeof flagThresholdsSchema>;

export const LANGUAGES = ['auto', 'en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export const settingsSchema = z.object({
  /** Idle threshold in seconds (design: default 60 s), and per platform where the worker set one. */
  idleThresholdS: thresholdS,
  idleThresholdByPlatform: z.partialRecord(platformId, thresholdS),
  /** The worker's minimum hourly rate, per currency, in minor units per hour (e.g. USD 1200 = $12/h). */
  minHourlyMinor: z._default(z.record(currencyCode, minorPerHour), {}),
  flagThresholds: z._default(flagThresholdsSchema, { longerRatio: 1.5, groupMinN: 3, unpaidMinS: 30 }),
  /** Platforms the worker turned off: their pages are neither read nor timed. Missing = on. */
  platformsOff: z._default(z.array(platformId), []),
  /** "auto" follows the browser's language. */
  language: z._default(z.enum(LANGUAGES), 'auto'),
  /**
   * Media (audio, video) counts as work for at most this long after the worker's last input:
   * transcription means listening without typing for a while, but not a loop left playing.
   */
  mediaLimitS: z._default(z.int().check(...between(BOUNDS.mediaLimitS)), 300),
  /**
   * Platforms on whose list and preview pages the worker wants no badge beside offers. Missing =
   * badges on: they show the worker's own history, and nothing leaves the machine for them.
   */
  badgesOff: z._default(z.array(platformId), []),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  idleThresholdS: 60,
  idleThresholdByPlatform: {},
  minHourlyMinor: {},
  flagThresholds: { longerRatio: 1.5, groupMinN: 3, unpaidMinS: 30 },
  platformsOff: [],
  language: 'auto',
  mediaLimitS: 300,
  badgesOff: [],
};

export type SettingsRead =
  | { ok: true; settings: Settings }
  /**
   * Stored settings that fail validation are kept in storage as they are and reported. What applies
   * is repaired field by field (repairSettings): every valid value is the worker's, only the
   * invalid ones are at their defaults, and `repaired` names them.
   */
  | { ok: false; settings: Settings; problem: string; repaired: string[] };

export function parseSettings(stored: unknown): SettingsRead {
  if (stored === undefined) return { ok: true, settings: DEFAULT_SETTINGS };
  const parsed = settingsSchema.safeParse(stored);
  if (parsed.success) return { ok: true, settings: parsed.data };
  const { settings, repaired } = repairSettings(stored);
  return {
    ok: false,
    settings,
    problem: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    repaired,
  };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Settings that failed validation, repaired as little as possible: a field that passes is kept; in
 * a list or a per-platform or per-currency table, each valid entry is kept and only the invalid
 * ones dropped; in the flag thresholds, each valid threshold is kept. So a platform the worker
 * turned off stays off when some other value is broken. Returns the fields that were not kept whole.
 */
export function repairSettings(stored: unknown): { settings: Settings; repaired: string[] } {
  const source = isObject(stored) ? stored : {};
  const out: Record<string, unknown> = {};
  const repaired: string[] = [];
  const shape = settingsSchema.shape;
  for (const key of Object.keys(shape) as (keyof Settings)[]) {
    const value = source[key];
    const whole = shape[key].safeParse(value);
    if (whole.success) {
      out[key] = whole.data;
      continue;
    }
    repaired.push(key);
    out[key] = repairField(key, value);
  }
  return { settings: settingsSchema.parse(out), repaired };
}

function repairField(key: keyof Settings, value: unknown): unknown {
  const keep = <T>(schema: { safeParse: (v: unknown) => { success: boolean; data?: T } }, v: unknown): v is T => schema.safeParse(v).success;
  switch (key) {
    case 'platformsOff':
    case 'badgesOff':
      return Array.isArray(value) ? [...new Set(value.filter((id) => keep(platformId, id)))] : DEFAULT_SETTINGS[key];
    case 'idleThresholdByPlatform':
      return isObject(value) ? Object.fromEntries(Object.entries(value).filter(([id, s]) => keep(platformId, id) && keep(thresholdS, s))) : {};
    case 'minHourlyMinor':
      return isObject(value) ? Object.fromEntries(Object.entries(value).filter(([code, m]) => keep(currencyCode, code) && keep(minorPerHour, m))) : {};
    case 'flagThresholds': {
      const given = isObject(value) ? value : {};
      const fields = flagThresholdsSchema.shape;
      const fixed: Record<string, unknown> = {};
      for (const name of Object.keys(fields) as (keyof FlagThresholds)[]) {
        fixed[name] = keep(fields[name], given[name]) ? given[name] : DEFAULT_SETTINGS.flagThresholds[name];
      }
      return fixed;
    }
    default:
      return DEFAULT_SETTINGS[key];
  }
}

export function thresholdFor(settings: Settings, platform: PlatformId | 'manual'): number {
  return platform === 'manual'
    ? settings.idleThresholdS
    : (settings.idleThresholdByPlatform[platform] ?? settings.idleThresholdS);
}

export function platformOn(settings: Settings, platform: PlatformId | 'manual'): boolean {
  return platform === 'manual' || !settings.platformsOff.includes(platform);
}

/** Badges beside offers on this platform's pages: on unless the worker turned them off. */
export function badgesOn(settings: Settings, platform: PlatformId): boolean {
  return !settings.badgesOff.includes(platform);
}
