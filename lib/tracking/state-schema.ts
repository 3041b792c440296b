import { z } from 'zod';
import { PLATFORM_IDS } from '../model/platform-id';
import { ENGINE_STATE_VERSION, type EngineState } from './state';

/**
 * The engine's saved state, checked whenever the ledger reads it: a state written by an older
 * TrueRate (the database migrations convert those), by a bug or by a damaged profile is never fed
 * to the engine as if it were sound. The background only ever runs this; content scripts never
 * import it.
 */
const instant = z.number().int().nonnegative();
const source = z.enum([...PLATFORM_IDS, 'manual']);
const threshold = z.number().int().positive().max(24 * 3_600_000);

const tabSchema = z.object({
  windowId: z.number().int(),
  platform: z.enum(PLATFORM_IDS),
  taskId: z.string().max(200).nullable(),
  thresholdMs: threshold,
  linked: z.boolean(),
  visible: z.boolean(),
  pulseAt: instant.nullable(),
  sensedFocus: z.object({ frameId: z.number().int().nonnegative(), at: instant }).nullable(),
  shownAt: instant.nullable(),
});

const openSchema = z
  .object({
    taskId: z.string().max(200).nullable(),
    platform: source,
    start: instant,
    end: instant,
    tabId: z.number().int().nullable(),
    thresholdMs: threshold,
    sureEnd: instant,
    byTicks: z.boolean(),
  })
  .refine((o) => o.end >= o.start, { message: 'the open segment ends before it starts' });

export const engineStateSchema = z.object({
  version: z.literal(ENGINE_STATE_VERSION),
  focusedWindowId: z.number().int().nullable(),
  activeTabByWindow: z.record(z.string().regex(/^-?\d+$/), z.number().int()),
  tabs: z.record(z.string().regex(/^-?\d+$/), tabSchema),
  idle: z.enum(['active', 'idle', 'locked']),
  idleDetectionMs: z.number().int().positive(),
  paused: z.boolean(),
  manual: z.object({ taskId: z.string().max(200), thresholdMs: threshold }).nullable(),
  open: openSchema.nullable(),
  quietSince: z.object({ taskId: z.string().max(200), platform: source, end: instant }).nullable(),
  lastTickAt: instant.nullable(),
  lastActAt: instant.nullable(),
  highWater: instant,
}) satisfies z.ZodType<EngineState>;
