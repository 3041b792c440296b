/**
 * Reading contributions for `npm run aggregate`, whichever engine then aggregates them: both must
 * take exactly the same records from the same files, so the reading and its checks live here once.
 * Every file is checked against docs/contribution-format.md line by line; a file with problems is
 * refused whole (its problems say why), never half read.
 */
import { createReadStream, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { contributedTaskSchema, contributionHeaderSchema, type ContributedTask } from '../lib/share/contribution';

/** Every file named, folders read one level deep (their .ndjson and .jsonl files). */
export function inputsOf(paths: string[]): string[] {
  return paths.flatMap((path) =>
    statSync(path).isDirectory()
      ? readdirSync(path)
          .filter((name) => /\.(?:ndjson|jsonl)$/.test(name))
          .sort()
          .map((name) => join(path, name))
      : [path],
  );
}

export type ReadContribution = { contributor: string; tasks: ContributedTask[] } | { problems: string[] };

/** One contribution file: its contributor and tasks, or its problems (the file is then skipped). */
export async function readContribution(path: string): Promise<ReadContribution> {
  const problems: string[] = [];
  const tasks: ContributedTask[] = [];
  let contributor: string | null = null;
  let lineNo = 0;
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    lineNo += 1;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push(`line ${lineNo}: not JSON`);
      continue;
    }
    const issues = (error: { issues: { path: PropertyKey[]; message: string }[] }) =>
      error.issues.slice(0, 2).map((i) => `${i.path.join('.') || '(record)'} ${i.message}`).join('; ');
    if (contributor === null) {
      const header = contributionHeaderSchema.safeParse(value);
      if (!header.success) {
        // No header: nothing after it can be trusted.
        problems.push(`line ${lineNo}: not a contribution header: ${issues(header.error)}`);
        break;
      }
      contributor = header.data.contributor;
      continue;
    }
    const task = contributedTaskSchema.safeParse(value);
    if (task.success) tasks.push(task.data);
    else problems.push(`line ${lineNo}: ${issues(task.error)}`);
    if (problems.length > 20) break;
  }
  if (contributor === null && problems.length === 0) problems.push('empty file');
  return problems.length > 0 || contributor === null ? { problems } : { contributor, tasks };
}
