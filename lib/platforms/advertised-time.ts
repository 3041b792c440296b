/**
 * Requesters on MTurk often state the expected time in the title: "(~5 min)", "5 minutes",
 * "about 10 mins", "1 hour" (docs/platforms.md#1-amazon-mechanical-turk: MTurk has no estimate field). Only such a statement
 * counts as an estimate; time allotted never does.
 */
const DURATION =
  /(?:^|[\s(~≈[-])(?:about\s+|approx\.?\s+|approximately\s+|~\s*)?(\d{1,3}(?:[.,]\d+)?)(?:\s*-\s*(\d{1,3}(?:[.,]\d+)?))?\s*(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h)\b/i;

export function estimateFromTitle(title: string | undefined): number | undefined {
  if (!title) return undefined;
  const match = DURATION.exec(title);
  if (!match) return undefined;
  const low = Number((match[1] ?? '').replace(',', '.'));
  const high = match[2] === undefined ? low : Number(match[2].replace(',', '.'));
  const unit = (match[3] ?? '').toLowerCase();
  // A range states an upper bound; use it so a flag never rests on the friendlier number.
  const value = Math.max(low, high);
  const factor = unit.startsWith('h') ? 3600 : unit.startsWith('s') ? 1 : 60;
  const seconds = Math.round(value * factor);
  return seconds > 0 && seconds <= 7 * 24 * 3600 ? seconds : undefined;
}
