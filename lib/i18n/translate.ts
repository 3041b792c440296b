/**
 * Chrome's messages.json format, resolved without browser.i18n, so the worker can pick a language
 * other than the browser's (browser.i18n only ever uses the browser's). Same rules as Chrome:
 * `$NAME$` refers to a named placeholder whose content is `$1`..`$9`; `$$` is a dollar sign.
 */
export interface MessageEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type Messages = Record<string, MessageEntry>;
export type Translate = (key: string, substitutions?: string | string[]) => string;

export function makeTranslator(messages: Messages): Translate {
  return (key, substitutions) => {
    const entry = messages[key];
    if (!entry) return key;
    const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
    const positional = (text: string) => text.replace(/\$(\d)/g, (_, d: string) => subs[Number(d) - 1] ?? '');
    const named = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
      const placeholder = entry.placeholders?.[name.toLowerCase()];
      return placeholder ? positional(placeholder.content) : whole;
    });
    return named.replace(/\$\$/g, '$');
  };
}
