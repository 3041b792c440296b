import { z } from 'zod';
import type { TrueRateDb } from '../db/database';
import type { EditRecord, SavedEdit, SegmentRecord, TaskRecord } from '../model/records';

/**
 * What every correction returns. A refusal carries a reason code the dashboard translates
 * (`detail_refuse_<reason>`), never a sentence: lib/ knows no language.
 */
export type EditRefusal =
  | 'invalid-input'
  | 'task-not-found'
  | 'segment-not-found'
  | 'overhead-segment'
  | 'unchanged'
  | 'bonus-not-found'
  | 'overlap'
  | 'task-running'
  | 'edit-not-found'
  | 'already-undone'
  | 'undo-of-undo'
  | 'later-edit'
  | 'time-added-since'
  | 'task-changed-since'
  | 'segments-changed-since'
  | 'gaps-changed-since'
  | 'task-recreated';

/** The segment (of any task, or overhead) an added interval would overlap. */
export interface OverlapConflict {
  start: number;
  end: number;
  taskId: string | null;
}

export type EditResult =
  | { ok: true; edit: SavedEdit; task: TaskRecord | null }
  | { ok: false; reason: EditRefusal; detail?: string; conflict?: OverlapConflict };

export type Refused = Extract<EditResult, { ok: false }>;

export function refuse(reason: EditRefusal, extra: Omit<Refused, 'ok' | 'reason'> = {}): Refused {
  return { ok: false, reason, ...extra };
}

export const timestampInput = z.number().int().nonnegative();
export const taskIdInput = z.string().min(1).max(200);
export const segmentIdInput = z.number().int().positive();

/** Stores an edit inside the caller's transaction and returns it with its id. */
export async function recordEdit(db: TrueRateDb, edit: Omit<EditRecord, 'id'>): Promise<SavedEdit> {
  const id = await db.edits.add(edit as EditRecord);
  return { ...edit, id: id as number };
}

export async function segmentsOf(db: TrueRateDb, taskId: string): Promise<SegmentRecord[]> {
  return db.segments.where('taskId').equals(taskId).toArray();
}

/** Records read from IndexedDB compared by value, whatever the order of their keys. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const keysB = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
