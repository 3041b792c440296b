/**
 * `truerate-backup-2026-11-28.json`: the date is the worker's own day, so the offset of their time
 * zone is passed in (minutes east of UTC, i.e. `-new Date(now).getTimezoneOffset()`).
 */
export function datedFileName(prefix: string, extension: string, epochMs: number, offsetMinutes: number): string {
  const day = new Date(epochMs + offsetMinutes * 60_000).toISOString().slice(0, 10);
  return `${prefix}-${day}.${extension}`;
}
