import type { TrueRateDb } from '../db/database';
import type { TaskRecord } from '../model/records';
import type { HourlyRate } from '../rates/types';
import { currencyExponent } from '../model/money';
import type { Progress } from './export';

export interface CsvOptions {
  /** The task's flags as they stand now (lib/rates' taskRates(task, settings).flags). */
  flagsOf: (task: TaskRecord) => string[];
  /**
   * True rate of the task (lib/rates' taskRates(task, settings).trueRate); columns empty without it:
   * a task still open, one too short for a rate, or one whose reward is unknown.
   */
  rateOf?: (task: TaskRecord) => HourlyRate | null;
}

export const CSV_COLUMNS = [
  'id',
  'platform',
  'external_id',
  'group_id',
  'requester_id',
  'requester_name',
  'title',
  'status',
  'accepted_at',
  'ended_at',
  'reward_amount',
  'reward_currency',
  'bonus_amount',
  'bonus_currency',
  'advertised_seconds',
  'advertised_kind',
  'active_seconds',
  'wall_seconds',
  'idle_threshold_seconds',
  'true_rate_per_hour',
  'true_rate_currency',
  'flags',
  'completion_code',
] as const;

const BOM = '\uFEFF';
const EOL = '\r\n';

/**
 * Minor units as a decimal with a dot, by string arithmetic (never a float): 29 USD -> "0.29",
 * 199999 USD -> "1999.99", 350 JPY -> "350", 1500 KWD -> "1.500".
 */
export function minorToDecimal(amountMinor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const sign = amountMinor < 0 ? '-' : '';
  const digits = String(Math.abs(amountMinor));
  if (exponent === 0) return sign + digits;
  const padded = digits.padStart(exponent + 1, '0');
  return `${sign}${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`;
}

/** Milliseconds as seconds, exact: 65432 -> "65.432", 60000 -> "60". */
export function msToSeconds(ms: number): string {
  const whole = Math.floor(ms / 1000);
  const fraction = String(ms % 1000).padStart(3, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/**
 * A text cell from a page (title, requester name…) could be read as a formula by a spreadsheet
 * ("=HYPERLINK(…)"): a leading apostrophe makes it text (OWASP, CSV injection).
 */
export function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
export function quoteField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

const text = (value: string | null) => quoteField(value === null ? '' : guardFormula(value));
const iso = (epochMs: number | null) => (epochMs === null ? '' : new Date(epochMs).toISOString());
const num = (value: number | null) => (value === null ? '' : String(value));

/** Bonuses summed per currency, in integers; several currencies give "0.50;1.00" and "USD;GBP". */
function bonusCells(task: TaskRecord): [string, string] {
  const sums = new Map<string, number>();
  for (const b of task.bonuses) sums.set(b.currency, (sums.get(b.currency) ?? 0) + b.amountMinor);
  const entries = [...sums].sort(([a], [b]) => a.localeCompare(b));
  return [entries.map(([c, m]) => minorToDecimal(m, c)).join(';'), entries.map(([c]) => c).join(';')];
}

export function csvRow(task: TaskRecord, options: CsvOptions): string {
  const rate = options.rateOf?.(task) ?? null;
  const [bonusAmount, bonusCurrency] = bonusCells(task);
  const cells = [
    text(task.id),
    task.platform,
    text(task.externalId),
    text(task.groupId),
    text(task.requesterId),
    text(task.requesterName),
    text(task.title),
    task.status,
    iso(task.acceptedAt),
    iso(task.endedAt),
    task.reward ? minorToDecimal(task.reward.amountMinor, task.reward.currency) : '',
    task.reward?.currency ?? '',
    quoteField(bonusAmount),
    quoteField(bonusCurrency),
    num(task.advertisedSeconds),
    task.advertisedKind ?? '',
    msToSeconds(task.activeMs),
    msToSeconds(task.wallMs),
    String(task.idleThresholdS),
    rate ? minorToDecimal(rate.minorPerHour, rate.currency) : '',
    rate?.currency ?? '',
    text(options.flagsOf(task).join(';')),
    text(task.completionCode),
  ];
  return cells.join(',');
}

/** The header line, with the byte-order mark spreadsheets need to read UTF-8 (non-Latin titles). */
export const csvHeader = (): string => `${BOM}${CSV_COLUMNS.join(',')}${EOL}`;

/** Tasks as a CSV file that opens in a spreadsheet: UTF-8 with BOM, CRLF, RFC 4180 quoting. */
export function tasksToCsv(tasks: readonly TaskRecord[], options: CsvOptions): string {
  return csvHeader() + tasks.map((task) => csvRow(task, options) + EOL).join('');
}

/**
 * Every task of the database as CSV parts (`new Blob(parts)` is the file), oldest first, read and
 * written `chunkSize` tasks at a time with progress.
 */
export async function exportTasksCsv(
  db: TrueRateDb,
  options: CsvOptions & { onProgress?: (progress: Progress) => void; chunkSize?: number },
): Promise<string[]> {
  const { onProgress, chunkSize = 5_000 } = options;
  return db.transaction('r', db.tasks, async () => {
    const total = await db.tasks.count();
    const parts = [csvHeader()];
    onProgress?.({ done: 0, total });
    // Offsets cost a walk over the skipped keys, which for 100,000 tasks is still far below
    // the time spent building rows; the order (by acceptedAt) is what a spreadsheet reader wants.
    for (let done = 0; done < total; ) {
      const chunk = await db.tasks.orderBy('acceptedAt').offset(done).limit(chunkSize).toArray();
      if (chunk.length === 0) break;
      parts.push(chunk.map((task) => csvRow(task, options) + EOL).join(''));
      done += chunk.length;
      onProgress?.({ done, total });
    }
    return parts;
  });
}
