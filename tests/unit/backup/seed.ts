import type { EditRecord, GapRecord, OfferRecord, SegmentRecord, TaskRecord } from '../../../lib/model/records';

/** Records of a small but varied history: every kind of thing a backup must carry back exactly. */
export const T = 1_795_000_000_000;
const MIN = 60_000;

/** A deterministic stand-in for lib/rates' flags, so tests do not depend on another helper's code. */
export function testFlagsOf(task: TaskRecord): string[] {
  const flags: string[] = [];
  if (task.advertisedSeconds !== null && task.activeMs >= 1.5 * task.advertisedSeconds * 1000) flags.push('longer-than-advertised');
  if (['returned', 'rejected', 'timed-out', 'screened-out'].includes(task.status) && task.activeMs > 0) flags.push('unpaid-work');
  return flags;
}

const base = (over: Partial<TaskRecord> & Pick<TaskRecord, 'id' | 'platform' | 'externalId'>): TaskRecord => ({
  groupId: null,
  requesterId: null,
  requesterName: null,
  title: null,
  reward: null,
  advertisedSeconds: null,
  advertisedKind: null,
  allottedSeconds: null,
  status: 'accepted',
  acceptedAt: T,
  endedAt: null,
  activeMs: 0,
  wallMs: 0,
  idleThresholdS: 60,
  // Stored flags are stale on purpose: the backup writes flagsOf(task), not these.
  flags: [],
  completionCode: null,
  bonuses: [],
  updatedAt: T,
  ...over,
});

export function seedRecords() {
  const tasks: TaskRecord[] = [
    base({
      id: 'mturk:3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P',
      platform: 'mturk',
      externalId: '3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P',
      groupId: '3PZ1QH7GXWJ8R4ZC0E5N2T6B9K1MDA',
      requesterId: 'A1B2C3D4E5F6G7',
      requesterName: 'Acme "Research", Inc.',
      title: 'Label 20 images, quickly\nthen submit',
      reward: { amountMinor: 35, currency: 'USD' },
      advertisedSeconds: 180,
      advertisedKind: 'estimate',
      allottedSeconds: 3600,
      status: 'approved',
      acceptedAt: T,
      endedAt: T + 10 * MIN,
      activeMs: 5 * MIN + 1_234,
      wallMs: 10 * MIN,
      bonuses: [{ amountMinor: 25, currency: 'USD', source: 'manual', at: T + 20 * MIN }],
      updatedAt: T + 20 * MIN,
    }),
    base({
      id: 'prolific:65a1f0c2b3d4e5f6a7b8c9d0',
      platform: 'prolific',
      externalId: '65a1f0c2b3d4e5f6a7b8c9d0',
      groupId: '65a1f0c2b3d4e5f6a7b8c9ff',
      requesterName: '=HYPERLINK("http://evil.example","click")',
      title: 'Étude sur la perception des couleurs',
      reward: { amountMinor: 150, currency: 'GBP' },
      advertisedSeconds: 600,
      advertisedKind: 'estimate',
      status: 'paid',
      acceptedAt: T + 30 * MIN,
      endedAt: T + 45 * MIN,
      activeMs: 12 * MIN,
      wallMs: 15 * MIN,
      completionCode: 'C1A2B3C4',
      updatedAt: T + 50 * MIN,
    }),
    base({
      id: 'manual:6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
      platform: 'manual',
      externalId: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
      title: 'Transcription 検索 — audio 3',
      reward: { amountMinor: 500, currency: 'JPY' },
      status: 'submitted',
      acceptedAt: T + 60 * MIN,
      endedAt: T + 70 * MIN,
      activeMs: 8 * MIN,
      wallMs: 10 * MIN,
      idleThresholdS: 120,
      updatedAt: T + 70 * MIN,
    }),
    base({
      id: 'toloka:1234567890--abcdef',
      platform: 'toloka',
      externalId: '1234567890--abcdef',
      groupId: '1234567890',
      requesterName: '-1+2',
      title: 'Classify search results',
      reward: { amountMinor: 2, currency: 'USD' },
      status: 'returned',
      acceptedAt: T + 80 * MIN,
      endedAt: T + 83 * MIN,
      activeMs: 3 * MIN,
      wallMs: 3 * MIN,
      updatedAt: T + 83 * MIN,
    }),
    base({
      id: 'raterhub:987654321',
      platform: 'raterhub',
      externalId: '987654321',
      title: 'Side by side',
      reward: { amountMinor: 199_999, currency: 'USD' },
      advertisedSeconds: 120,
      advertisedKind: 'aet',
      status: 'accepted',
      acceptedAt: T + 90 * MIN,
      activeMs: MIN,
      updatedAt: T + 91 * MIN,
    }),
  ];
  const [mturk, prolific, manual, toloka, raterhub] = tasks.map((t) => t.id) as [string, string, string, string, string];
  const seg = (id: number, taskId: string | null, platform: SegmentRecord['platform'], start: number, ms: number, more: Partial<SegmentRecord> = {}): SegmentRecord => ({
    id, taskId, platform, start, end: start + ms, source: 'measured', excluded: false, ...more,
  });
  const segments: SegmentRecord[] = [
    seg(1, null, 'mturk', T - 2 * MIN, 2 * MIN),
    seg(2, mturk, 'mturk', T, 3 * MIN),
    seg(3, mturk, 'mturk', T + 4 * MIN, 2 * MIN + 1_234),
    seg(4, mturk, 'mturk', T + 7 * MIN, 2 * MIN, { excluded: true }),
    seg(5, prolific, 'prolific', T + 30 * MIN, 5 * MIN),
    seg(6, prolific, 'prolific', T + 35 * MIN, 4 * MIN, { source: 'gap-confirmed' }),
    seg(7, prolific, 'prolific', T + 40 * MIN, 3 * MIN),
    seg(8, null, 'prolific', T + 46 * MIN, MIN),
    seg(9, manual, 'manual', T + 60 * MIN, 8 * MIN, { source: 'manual' }),
    seg(10, toloka, 'toloka', T + 80 * MIN, 3 * MIN),
    seg(11, raterhub, 'raterhub', T + 90 * MIN, MIN),
  ];
  const offers: OfferRecord[] = [
    {
      id: 'mturk:3PZ1QH7GXWJ8R4ZC0E5N2T6B9K1MDA',
      platform: 'mturk',
      groupId: '3PZ1QH7GXWJ8R4ZC0E5N2T6B9K1MDA',
      requesterId: 'A1B2C3D4E5F6G7',
      requesterName: 'Acme "Research", Inc.',
      title: 'Label 20 images, quickly',
      reward: { amountMinor: 35, currency: 'USD' },
      advertisedSeconds: 180,
      advertisedKind: 'estimate',
      // Seen three times, each more than SIGHTING_GAP_MS after the one before.
      firstSeenAt: T - 45 * MIN,
      lastSeenAt: T - MIN,
      seenCount: 3,
    },
    {
      id: 'prolific:65a1f0c2b3d4e5f6a7b8c9ff',
      platform: 'prolific',
      groupId: '65a1f0c2b3d4e5f6a7b8c9ff',
      requesterId: null,
      requesterName: null,
      title: 'Étude sur la perception des couleurs',
      reward: { amountMinor: 150, currency: 'GBP' },
      advertisedSeconds: 600,
      advertisedKind: 'estimate',
      firstSeenAt: T + 29 * MIN,
      lastSeenAt: T + 29 * MIN,
      seenCount: 1,
    },
  ];
  const gaps: GapRecord[] = [
    { id: 1, taskId: prolific, platform: 'prolific', start: T + 35 * MIN, end: T + 39 * MIN, answer: 'work', answeredAt: T + 40 * MIN },
    { id: 2, taskId: raterhub, platform: 'raterhub', start: T + 91 * MIN, end: T + 95 * MIN, answer: 'pending', answeredAt: null },
  ];
  const mturkTask = tasks[0] as TaskRecord;
  const beforeBonus = { ...mturkTask, bonuses: [], updatedAt: T + 10 * MIN };
  const excludedSeg = segments[3] as SegmentRecord;
  const edits: EditRecord[] = [
    {
      id: 1,
      taskId: mturk,
      at: T + 15 * MIN,
      kind: 'exclude-segment',
      before: { task: { ...beforeBonus, activeMs: mturkTask.activeMs + 2 * MIN }, segments: [{ ...excludedSeg, excluded: false }] },
      after: { task: beforeBonus, segments: [excludedSeg] },
      undoneAt: null,
    },
    {
      id: 2,
      taskId: mturk,
      at: T + 20 * MIN,
      kind: 'bonus',
      before: { task: beforeBonus, segments: [] },
      after: { task: mturkTask, segments: [] },
      undoneAt: null,
    },
  ];
  return { tasks, segments, offers, gaps, edits };
}
