/**
 * What a badge shows, as the background sends it: plain text, already in the worker's language,
 * so that the content script carries no rates, no translations and no formatting of its own.
 * Everything here is page-independent text: the renderer puts it in the page as text only.
 */
export type BadgeTone = 'good' | 'warn' | 'bad' | 'none';

export interface BadgeView {
  groupId: string;
  tone: BadgeTone;
  /** A shape that carries the verdict with the colour: never colour alone. */
  mark: string;
  /** The short line on the badge, e.g. "You: $5.10/h · n = 14 · 2.3× longer". */
  text: string;
  requesterText: string | null;
  /** "Done 3 times", "Seen 5 times", "Returned 2 of 9". */
  marks: string[];
  /** The whole verdict in a sentence, for screen readers. */
  label: string;
}

export interface BadgeDetailRow {
  when: string;
  active: string;
  advertised: string;
  rate: string;
  status: string;
}

/** The tasks behind a badge's figure, opened on demand. */
export interface BadgeDetail {
  title: string;
  rows: BadgeDetailRow[];
  /** Where the dashboard shows them (an extension page path). */
  dashboardPath: string;
  /** Words the panel needs, in the worker's language. */
  words: { close: string; open: string; columns: [string, string, string, string, string]; empty: string };
}
