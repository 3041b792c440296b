// zod's mini build: the popup reads the state too, and waits for its bundle (lib/settings.ts).
import { z } from 'zod/mini';
import { PLATFORM_IDS } from '../model/platform-id';
import { ENGINE_STATE_VERSION, type EngineState } from './state';

/**
 * The engine's saved state, checked whenever the ledger reads it: a state written by an older
 * TrueRate (the database migrations convert those), by a bug or by a damaged profile is never fed
 * to the engine as if it were sound. The background only ever runs this; content scripts never
 * import it.
 */
const instant = z.int().check(z.nonnegative());
const source = z.enum([...PLATFORM_IDS, 'manual']);
const threshold = z.int().check(z.positive(), z.maximum(24 * 3_600_000));
const tabKey = z.string().check(z.regex(/^-?\d+$/));
const id = z.string().check(z.maxLength(200));

const tabSchema = z.object({
  windowId: z.int(),
  platform: z.enum(PLATFORM_IDS),
  taskId: z.nullable(id),
  thresholdMs: threshold,
  linked: z.boolean(),
  visible: z.boolean(),
  pulseAt: z.nullable(instant),
  sensedFocus: z.nullable(z.object({ frameId: z.int().check(z.nonnegative()), at: instant })),
  shownAt: z.nullable(instant),
});

const openSchema = z
  .object({
    taskId: z.nullable(id),
    platform: source,
    start: instant,
    end: instant,
    tabId: z.nullable(z.int()),
    thresholdMs: threshold,
    sureEnd: instant,
    byTicks: z.boolean(),
  })
  .check(z.refine((o) => o.end >= o.start, { message: 'the open segment ends before it starts' }));

export const engineStateSchema = z.object({
  version: z.literal(ENGINE_STATE_VERSION),
  focusedWindowId: z.nullable(z.int()),
  activeTabByWindow: z.record(tabKey, z.int()),
  tabs: z.record(tabKey, tabSchema),
  idle: z.enum(['active', 'idle', 'locked']),
  idleDetectionMs: z.int().check(z.positive()),
  paused: z.boolean(),
  manual: z.nullable(z.object({ taskId: id, thresholdMs: threshold })),
  open: z.nullable(openSchema),
  quietSince: z.nullable(z.object({ taskId: id, platform: source, end: instant })),
  lastTickAt: z.nullable(instant),
  lastActAt: z.nullable(instant),
  highWater: instant,
}) satisfies z.ZodMiniType<EngineState>;
