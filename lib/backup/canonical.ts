import type { Bonus, EditRecord, GapRecord, OfferRecord, SegmentRecord, TaskRecord } from '../model/records';

/**
 * Records rebuilt with their keys in one fixed order, whatever order IndexedDB gives them back in,
 * so that export -> restore -> export is the same text byte for byte. Fields unknown to the format
 * are left out: the file holds what the schema describes, nothing else.
 */
const money = (m: { amountMinor: number; currency: string } | null) =>
  m === null ? null : { amountMinor: m.amountMinor, currency: m.currency };

const bonus = (b: Bonus): Bonus => ({ amountMinor: b.amountMinor, currency: b.currency, source: b.source, at: b.at });

export function canonicalTask(t: TaskRecord, flags: readonly string[] = t.flags): TaskRecord {
  return {
    id: t.id,
    platform: t.platform,
    externalId: t.externalId,
    groupId: t.groupId,
    requesterId: t.requesterId,
    requesterName: t.requesterName,
    title: t.title,
    reward: money(t.reward),
    advertisedSeconds: t.advertisedSeconds,
    advertisedKind: t.advertisedKind,
    allottedSeconds: t.allottedSeconds,
    status: t.status,
    acceptedAt: t.acceptedAt,
    endedAt: t.endedAt,
    activeMs: t.activeMs,
    wallMs: t.wallMs,
    idleThresholdS: t.idleThresholdS,
    flags: [...flags],
    completionCode: t.completionCode,
    bonuses: t.bonuses.map(bonus),
    updatedAt: t.updatedAt,
  };
}

export function canonicalSegment(s: SegmentRecord): SegmentRecord {
  return {
    // `undefined` is dropped by JSON.stringify: a segment inside an edit may have no id.
    id: s.id,
    taskId: s.taskId,
    platform: s.platform,
    start: s.start,
    end: s.end,
    source: s.source,
    excluded: s.excluded,
  };
}

export function canonicalOffer(o: OfferRecord): OfferRecord {
  return {
    id: o.id,
    platform: o.platform,
    groupId: o.groupId,
    requesterId: o.requesterId,
    requesterName: o.requesterName,
    title: o.title,
    reward: money(o.reward),
    advertisedSeconds: o.advertisedSeconds,
    advertisedKind: o.advertisedKind,
    firstSeenAt: o.firstSeenAt,
    lastSeenAt: o.lastSeenAt,
    seenCount: o.seenCount,
  };
}

export function canonicalGap(g: GapRecord): GapRecord {
  return {
    id: g.id,
    taskId: g.taskId,
    platform: g.platform,
    start: g.start,
    end: g.end,
    answer: g.answer,
    answeredAt: g.answeredAt,
  };
}

const side = (x: EditRecord['before']): EditRecord['before'] => ({
  // Tasks inside an edit keep the flags they had when the edit was made: they are history.
  task: x.task === null ? null : canonicalTask(x.task),
  segments: x.segments.map(canonicalSegment),
  // A deleted task's gaps, kept so that its undo gives them back, after a restore too.
  ...(x.gaps === undefined ? {} : { gaps: x.gaps.map(canonicalGap) }),
});

export function canonicalEdit(e: EditRecord): EditRecord {
  return {
    id: e.id,
    taskId: e.taskId,
    at: e.at,
    kind: e.kind,
    before: side(e.before),
    after: side(e.after),
    undoneAt: e.undoneAt,
  };
}
