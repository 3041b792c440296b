import { z } from 'zod';
import { PLATFORM_IDS, type PlatformId } from './platforms/hosts';

/**
 * The worker's settings, kept in browser.storage.local under "settings". Issue #5 adds the page
 * that edits them; the tracking already reads them.
 */
const thresholdS = z.number().int().min(5).max(3600);

export const settingsSchema = z.object({
  /** Idle threshold in seconds (design: default 60 s), and per platform where the worker set one. */
  idleThresholdS: thresholdS,
  idleThresholdByPlatform: z.partialRecord(z.enum(PLATFORM_IDS), thresholdS),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = { idleThresholdS: 60, idleThresholdByPlatform: {} };

export type SettingsRead =
  | { ok: true; settings: Settings }
  /** Stored settings that fail validation are kept as they are and reported; defaults apply. */
  | { ok: false; settings: Settings; problem: string };

export function parseSettings(stored: unknown): SettingsRead {
  if (stored === undefined) return { ok: true, settings: DEFAULT_SETTINGS };
  const parsed = settingsSchema.safeParse(stored);
  if (parsed.success) return { ok: true, settings: parsed.data };
  return {
    ok: false,
    settings: DEFAULT_SETTINGS,
    problem: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
  };
}

export function thresholdFor(settings: Settings, platform: PlatformId | 'manual'): number {
  return platform === 'manual'
    ? settings.idleThresholdS
    : (settings.idleThresholdByPlatform[platform] ?? settings.idleThresholdS);
}
