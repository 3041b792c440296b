import { z } from 'zod';
import { ADVERTISED_KINDS } from '../model/advertised-kind';
import { PLATFORM_IDS } from '../model/platform-id';
import type { TaskRecord, TaskStatus } from '../model/records';
import { isFinished } from '../rates/status-class';
import { toBase64Url } from './feed';

/**
 * What a worker gives a collective: per finished task, only what the collective's figures need,
 * in the format of docs/contribution-format.md. Public ids (requester, task group), money, the
 * advertised time, the active time rounded to 5 s, a coarse outcome, the ISO week and the idle
 * threshold; and a random token that tells one contributor's records apart, made for that
 * collective alone. Never the worker's id, a task or assignment id, an address, a completion code,
 * a title or a time of day.
 */
export const CONTRIBUTION_FORMAT = 'truerate-contribution';
export const CONTRIBUTION_VERSION = 1;

/** Outcomes as coarse as a collective needs: what the work paid, not what happened when. */
export const OUTCOMES = ['paid', 'pending', 'rejected', 'returned', 'screened-out'] as const;
export type Outcome = (typeof OUTCOMES)[number];

const OUTCOME_OF: Readonly<Record<TaskStatus, Outcome | null>> = {
  previewed: null,
  accepted: null,
  submitted: 'pending',
  approved: 'paid',
  paid: 'paid',
  rejected: 'rejected',
  // Work left unpaid because it was not finished in time or given back: one outcome.
  returned: 'returned',
  expired: 'returned',
  'timed-out': 'returned',
  'screened-out': 'screened-out',
};

/** 128 random bits, base64url: nothing in it comes from the worker or a platform. */
const token = z.string().regex(/^[A-Za-z0-9_-]{22}$/);
const currencyCode = z.string().regex(/^[A-Z]{3}$/);
const isoWeek = z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/);
/** A platform's public id of a requester or task group: letters, digits, - and _ only. */
const publicId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const contributionHeaderSchema = z.strictObject({
  format: z.literal(CONTRIBUTION_FORMAT),
  version: z.literal(CONTRIBUTION_VERSION),
  contributor: token,
  /** The week the file was made. */
  week: isoWeek,
});
export type ContributionHeader = z.infer<typeof contributionHeaderSchema>;

export const contributedTaskSchema = z.strictObject({
  platform: z.enum(PLATFORM_IDS),
  requesterId: publicId.nullable(),
  groupId: publicId.nullable(),
  reward: z.strictObject({ amountMinor: z.number().int().nonnegative().max(100_000_000), currency: currencyCode }).nullable(),
  /** Bonuses paid in the reward's currency, summed (0 when none). */
  bonusMinor: z.number().int().nonnegative().max(100_000_000),
  advertisedSeconds: z.number().int().positive().max(30 * 86_400).nullable(),
  advertisedKind: z.enum(ADVERTISED_KINDS).nullable(),
  /** Active time in seconds, rounded to 5 s. */
  activeSeconds: z.number().int().nonnegative().multipleOf(5).max(30 * 86_400),
  outcome: z.enum(OUTCOMES),
  /** The ISO week (UTC) the task was accepted in. */
  week: isoWeek,
  idleThresholdS: z.number().int().positive().max(3600),
});
export type ContributedTask = z.infer<typeof contributedTaskSchema>;

const DAY_MS = 86_400_000;

/** ISO 8601 week of an instant, in UTC: "2026-W48". */
export function isoWeekOf(epochMs: number): string {
  const date = new Date(epochMs);
  const mondayBased = (d: Date) => (d.getUTCDay() + 6) % 7;
  // The Thursday of the instant's week decides the week's year; week 1 holds January 4.
  const thursday = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - mondayBased(date) + 3);
  const year = new Date(thursday).getUTCFullYear();
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const firstMonday = jan4.getTime() - mondayBased(jan4) * DAY_MS;
  const week = 1 + Math.floor((thursday - firstMonday) / (7 * DAY_MS));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** A new contributor token from 16 random bytes (crypto.getRandomValues in use). */
export function contributorToken(random: (bytes: Uint8Array) => Uint8Array): string {
  return toBase64Url(random(new Uint8Array(16)));
}

/** The record a finished task contributes, or null when it has nothing a collective may use. */
export function contributedTask(task: TaskRecord): ContributedTask | null {
  const outcome = OUTCOME_OF[task.status];
  if (!outcome || !isFinished(task.status) || task.platform === 'manual') return null;
  const requesterId = task.requesterId && publicId.safeParse(task.requesterId).success ? task.requesterId : null;
  const groupId = task.groupId && publicId.safeParse(task.groupId).success ? task.groupId : null;
  if (!requesterId && !groupId) return null;
  const currency = task.reward?.currency ?? null;
  return {
    platform: task.platform,
    requesterId,
    groupId,
    reward: task.reward ? { amountMinor: task.reward.amountMinor, currency: task.reward.currency } : null,
    bonusMinor: task.bonuses.filter((b) => b.currency === currency).reduce((sum, b) => sum + b.amountMinor, 0),
    advertisedSeconds: task.advertisedKind === 'allotted' ? null : task.advertisedSeconds,
    advertisedKind: task.advertisedKind === 'allotted' ? null : task.advertisedKind,
    activeSeconds: Math.round(task.activeMs / 5000) * 5,
    outcome,
    week: isoWeekOf(task.acceptedAt),
    idleThresholdS: task.idleThresholdS,
  };
}

export interface ContributionChoice {
  /** The token made for this collective (contributorToken), kept with the subscription. */
  contributor: string;
  /** Only these platforms and weeks (null: all of them). */
  platforms: readonly string[] | null;
  weeks: readonly string[] | null;
  now: number;
}

/**
 * The contribution as NDJSON lines: the header, then one line per task the worker chose, in an
 * order that says nothing of when each was done (sorted by their content).
 */
export function contributionLines(tasks: Iterable<TaskRecord>, choice: ContributionChoice): string[] {
  const header: ContributionHeader = { format: CONTRIBUTION_FORMAT, version: CONTRIBUTION_VERSION, contributor: choice.contributor, week: isoWeekOf(choice.now) };
  const lines: string[] = [];
  for (const task of tasks) {
    const record = contributedTask(task);
    if (!record) continue;
    if (choice.platforms && !choice.platforms.includes(record.platform)) continue;
    if (choice.weeks && !choice.weeks.includes(record.week)) continue;
    lines.push(JSON.stringify(record));
  }
  return [JSON.stringify(contributionHeaderSchema.parse(header)), ...lines.sort()];
}
