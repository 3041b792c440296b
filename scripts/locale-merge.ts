/**
 * Adds or updates strings in public/_locales/{en,fr}/messages.json from one JSON file:
 *   { "key": { "en": "…", "fr": "…", "description"?: "…", "placeholders"?: { … } } }
 * Every key must have both languages. Several people add strings at once, so the write holds a
 * lock directory and rewrites each file whole (never a partial file).
 *   npx tsx scripts/locale-merge.ts my-strings.json
 */
import { mkdirSync, readFileSync, renameSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Entry = { en: string; fr: string; description?: string; placeholders?: Record<string, unknown> };
const input = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as Record<string, Entry>;
for (const [key, entry] of Object.entries(input)) {
  if (typeof entry.en !== 'string' || typeof entry.fr !== 'string') throw new Error(`${key}: needs "en" and "fr"`);
}
const root = join(import.meta.dirname, '..', 'public', '_locales');
const lock = join(root, '.lock');
for (let i = 0; ; i++) {
  try {
    mkdirSync(lock);
    break;
  } catch {
    if (i > 200) throw new Error(`${lock} held for 20 s; remove it if no merge is running`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
try {
  for (const lang of ['en', 'fr'] as const) {
    const file = join(root, lang, 'messages.json');
    const messages = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    for (const [key, entry] of Object.entries(input)) {
      messages[key] = {
        message: entry[lang],
        ...(entry.description ? { description: entry.description } : {}),
        ...(entry.placeholders ? { placeholders: entry.placeholders } : {}),
      };
    }
    writeFileSync(`${file}.tmp`, `${JSON.stringify(messages, null, 2)}\n`);
    renameSync(`${file}.tmp`, file);
  }
  console.log(`merged ${Object.keys(input).length} strings`);
} finally {
  rmdirSync(lock);
}
