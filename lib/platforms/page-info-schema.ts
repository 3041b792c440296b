import { z } from 'zod';
import { moneySchema } from '../model/records';
import { PLATFORM_IDS } from '../model/platform-id';
import { MAX_ALLOTTED_S, PAGE_KINDS, type PageInfo } from './page-info';
import { ADVERTISED_KINDS } from '../model/advertised-kind';

const text = (max: number) => z.string().trim().min(1).max(max);

export const taskIdentitySchema = z.object({
  // Platform ids are short tokens; anything else is a page feeding us junk.
  externalId: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/),
  groupId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,128}$/)
    .optional(),
  requesterId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,128}$/)
    .optional(),
  requesterName: text(200).optional(),
  title: text(500).optional(),
  reward: moneySchema.optional(),
  advertised: z
    .object({
      seconds: z.number().int().positive().max(7 * 24 * 3600),
      kind: z.enum(ADVERTISED_KINDS),
    })
    .optional(),
  allottedSeconds: z
    .number()
    .int()
    .positive()
    .max(MAX_ALLOTTED_S)
    .optional(),
});

const id = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/);

export const offerSchema = taskIdentitySchema.omit({ externalId: true }).extend({ groupId: id });

export const statusLineSchema = z.object({
  externalId: id,
  groupId: id.optional(),
  state: z.string().regex(/^[a-z][a-z -]{0,31}$/),
  reward: moneySchema.optional(),
});

export const pageInfoSchema = z.object({
  platform: z.enum(PLATFORM_IDS),
  kind: z.enum(PAGE_KINDS),
  task: taskIdentitySchema.optional(),
  // A list page of 100 offers is usual; 500 leaves room, and bounds what a page can send.
  offers: z.array(offerSchema).max(500).optional(),
  statuses: z.array(statusLineSchema).max(500).optional(),
  groupId: z.string().min(1).max(128).optional(),
  completionCode: z.string().regex(/^[A-Za-z0-9]{4,32}$/).optional(),
  missing: z.array(z.string().max(64)).max(32),
}) satisfies z.ZodType<PageInfo>;
