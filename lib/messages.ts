import { z } from 'zod';
import type { PageWriteResult } from './db/tasks';
import type { TaskRecord } from './db/records';
import { pageInfoSchema } from './platforms/page-info-schema';

/**
 * Every message that crosses a context boundary. Content scripts import only the types (erased at
 * build), so zod stays out of them; the background parses every message with these schemas.
 */

/** Messages a content script may send. */
export const contentMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('page/read'), page: pageInfoSchema }),
]);
export type ContentMessage = z.infer<typeof contentMessageSchema>;

/** Messages the extension's own pages (popup, options) may send. */
export const extensionPageMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('status/get') }),
]);
export type ExtensionPageMessage = z.infer<typeof extensionPageMessageSchema>;

export type Message = ContentMessage | ExtensionPageMessage;

export type RejectReason =
  | 'foreign-sender'
  | 'not-a-platform-page'
  | 'not-top-frame'
  | 'invalid-message'
  | 'not-allowed-from-sender'
  | 'page-does-not-match-url'
  | 'internal-error';

/** Every reply is one of these, told apart by `type`. */
export type Reply =
  | { type: 'page/recorded'; outcome: PageWriteResult['outcome']; taskId: string | null }
  | { type: 'status'; version: string; lastTask: TaskRecord | null }
  | { type: 'rejected'; reason: RejectReason; detail?: string };
