/**
 * The collective's aggregation in DuckDB, for when the contributions outgrow one Node heap: the
 * same figures as lib/share/aggregate.ts (`createAggregator`), group for group and bit for bit,
 * with the grouping, the duplicates, the medians, percentiles and order statistics done in SQL,
 * which sorts and spills to disk instead of holding every rate in memory.
 *
 * Files are read and checked in Node by the same code as the streaming engine
 * (scripts/aggregate-inputs.ts), so both take exactly the same records; the valid ones go to a
 * temporary CSV whose every value was written by Node from the checked record, never the
 * contributor's text, and DuckDB reads that.
 *
 * Why the SQL matches the streaming engine exactly (docs/collective-aggregation.md):
 * - a rate is (minor · 3600) / activeSeconds, an exact integer divided once in DOUBLE, and a ratio
 *   activeSeconds / advertisedSeconds, one DOUBLE division, as in JavaScript;
 * - order statistics are picked by rank, never interpolated: the value at rank r is the least value
 *   whose running count reaches r; nearest-rank percentiles take rank max(1, ceil(p · n)), and the
 *   median averages the two middle values as (a + b) / 2;
 * - what is not SQL's to decide stays in JavaScript: the interval's rank k (medianRank, the same
 *   function and floating point as the streaming engine), Math.round, the band, the order of groups.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { DEFAULT_K, MAX_CONTRIBUTOR_SHARE, MIN_K, RATIO_BAND, type PublishedGroup } from '../lib/share/aggregate';
import type { ContributedTask } from '../lib/share/contribution';
import { medianRank } from '../lib/rates/median-interval';
import { MIN_RATE_SPAN_MS } from '../lib/rates/measured-rate';
import { readContribution } from './aggregate-inputs';

export interface DuckdbOptions {
  /** Told of each file refused, with its problems; the others go on. */
  onSkipped?: (path: string, problems: string[]) => void;
  /** DuckDB's memory_limit; beyond it, DuckDB spills to the temporary folder. */
  memoryLimit?: string;
  threads?: number;
  /** Where the temporary CSV and DuckDB's spill files go (a new folder inside it, removed after). */
  tempDir?: string;
}

const COLUMNS = {
  file: 'INTEGER',
  contributor: 'INTEGER',
  platform: 'VARCHAR',
  requester: 'VARCHAR',
  grp: 'VARCHAR',
  amount: 'BIGINT',
  currency: 'VARCHAR',
  bonus: 'BIGINT',
  advertised: 'BIGINT',
  kind: 'VARCHAR',
  active: 'BIGINT',
  outcome: 'VARCHAR',
  week: 'VARCHAR',
  idle: 'BIGINT',
};
const RECORD = Object.keys(COLUMNS).filter((c) => c !== 'file' && c !== 'contributor');

/**
 * One CSV row per record. Every text field of a valid record is an enum or matches a pattern of
 * letters, digits, - and _ (contributedTaskSchema), so nothing needs quoting; an id is never
 * empty, so an empty field is unambiguously null.
 */
function csvRow(file: number, contributor: number, t: ContributedTask): string {
  return `${file},${contributor},${t.platform},${t.requesterId ?? ''},${t.groupId ?? ''},${t.reward?.amountMinor ?? ''},${t.reward?.currency ?? ''},${t.bonusMinor},${t.advertisedSeconds ?? ''},${t.advertisedKind ?? ''},${t.activeSeconds},${t.outcome},${t.week},${t.idleThresholdS}\n`;
}

const KEY = 'platform, scope, id, currency';

/** The value at each rank of a group's values, from their running counts (`upto`) and total `n`. */
const atRank = (rank: string) => `min(v) FILTER (WHERE upto >= ${rank})`;

/** (value, copies) per group, then each distinct value's running count in ascending order. */
const cumulative = (name: string, value: string) => `
  CREATE TEMP TABLE ${name} AS
  WITH w AS (
    SELECT ${KEY}, ${value} AS v, sum(copies) AS w FROM scoped SEMI JOIN published USING (${KEY})
    WHERE ${value} IS NOT NULL GROUP BY ALL
  )
  SELECT ${KEY}, v, sum(w) OVER (PARTITION BY ${KEY} ORDER BY v ROWS UNBOUNDED PRECEDING) AS upto, sum(w) OVER (PARTITION BY ${KEY}) AS n FROM w`;

/** Aggregates the contribution files named (read in this order) as createAggregator({ k }) would. */
export async function aggregateDuckdb(paths: string[], k = DEFAULT_K, options: DuckdbOptions = {}): Promise<PublishedGroup[]> {
  if (!Number.isInteger(k) || k < MIN_K) throw new Error(`k must be an integer of at least ${MIN_K}, not ${k}`);
  const dir = await mkdtemp(join(options.tempDir ?? tmpdir(), 'truerate-aggregate-'));
  try {
    const csv = join(dir, 'records.csv');
    const out = createWriteStream(csv);
    const contributorIds = new Map<string, number>();
    for (const [file, path] of paths.entries()) {
      const read = await readContribution(path);
      if ('problems' in read) {
        options.onSkipped?.(path, read.problems);
        continue;
      }
      let id = contributorIds.get(read.contributor);
      if (id === undefined) contributorIds.set(read.contributor, (id = contributorIds.size));
      let chunk = '';
      for (const task of read.tasks) chunk += csvRow(file, id, task);
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'close');

    const instance = await DuckDBInstance.create(':memory:', {
      memory_limit: options.memoryLimit ?? '1GB',
      threads: String(options.threads ?? 2),
      temp_directory: join(dir, 'spill'),
      // The groups' order comes from the final sort in JavaScript; keeping insertion order only costs memory.
      preserve_insertion_order: 'false',
    });
    const db = await instance.connect();
    try {
      return await figures(db, csv, k);
    } finally {
      db.closeSync();
      instance.closeSync();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

type Connection = Awaited<ReturnType<DuckDBInstance['connect']>>;

async function figures(db: Connection, csv: string, k: number): Promise<PublishedGroup[]> {
  const columns = `{${Object.entries(COLUMNS).map(([name, type]) => `'${name}': '${type}'`).join(', ')}}`;
  // Per contributor, a distinct record counts as often as the one file that holds it most often;
  // a record is its every field, as the streaming engine's JSON text of it is.
  await db.run(`
    CREATE TEMP TABLE scoped AS
    WITH records AS (
      SELECT * FROM read_csv('${csv.replaceAll("'", "''")}', header = false, auto_detect = false, delim = ',', quote = '', escape = '', nullstr = '', columns = ${columns})
      WHERE currency IS NOT NULL
    ),
    per_file AS (SELECT file, contributor, ${RECORD.join(', ')}, count(*) AS c FROM records GROUP BY ALL),
    deduped AS (SELECT contributor, ${RECORD.join(', ')}, max(c) AS copies FROM per_file GROUP BY ALL),
    tasks AS (
      SELECT contributor, platform, requester, grp, currency, outcome, copies,
        -- A task's true rate as lib/rates counts it: a rejected task earns nothing, unpaid ones their bonus.
        CASE WHEN active * 1000 < ${MIN_RATE_SPAN_MS} THEN NULL
          ELSE (CASE WHEN outcome = 'rejected' THEN 0 ELSE (CASE WHEN outcome IN ('paid', 'pending') THEN amount ELSE 0 END) + bonus END * 3600)::DOUBLE / active::DOUBLE
        END AS rate,
        active::DOUBLE / advertised::DOUBLE AS ratio
      FROM deduped
    )
    SELECT platform, 'requester' AS scope, requester AS id, currency, contributor, outcome, copies, rate, ratio FROM tasks WHERE requester IS NOT NULL
    UNION ALL
    SELECT platform, 'group' AS scope, grp AS id, currency, contributor, outcome, copies, rate, ratio FROM tasks WHERE grp IS NOT NULL`);

  // At least k distinct contributors, none of them over half of the group's tasks.
  await db.run(`
    CREATE TEMP TABLE published AS
    SELECT ${KEY}, sum(tasks) AS tasks, count(*) AS contributors, sum(rejected)::DOUBLE / sum(tasks)::DOUBLE AS rejected_share, sum(returned)::DOUBLE / sum(tasks)::DOUBLE AS returned_share
    FROM (
      SELECT ${KEY}, contributor, sum(copies) AS tasks,
        coalesce(sum(copies) FILTER (WHERE outcome = 'rejected'), 0) AS rejected, coalesce(sum(copies) FILTER (WHERE outcome = 'returned'), 0) AS returned
      FROM scoped GROUP BY ALL
    )
    GROUP BY ALL HAVING count(*) >= ${k} AND max(tasks) <= ${MAX_CONTRIBUTOR_SHARE} * sum(tasks)`);
  await db.run(cumulative('rate_values', 'rate'));
  await db.run(cumulative('ratio_values', 'ratio'));

  // The interval's rank depends on n alone: medianRank in JavaScript, as the streaming engine takes it.
  const ns = (await db.runAndReadAll('SELECT DISTINCT n::DOUBLE AS n FROM ratio_values')).getRowObjectsJS().map((r) => r.n as number);
  const ranks = new Map(ns.map((n) => [n, medianRank(n)]));
  await db.run('CREATE TEMP TABLE ranks (n BIGINT, k BIGINT)');
  if (ranks.size > 0) await db.run(`INSERT INTO ranks VALUES ${[...ranks].map(([n, r]) => `(${n}, ${r.k})`).join(', ')}`);

  // Middle ranks: (n + 1) // 2 and n // 2 + 1, the same one when n is odd.
  const middle = `${atRank('(n + 1) // 2')} AS lo, ${atRank('n // 2 + 1')} AS hi, any_value(n)::DOUBLE AS n`;
  const rows = (
    await db.runAndReadAll(`
    WITH rate AS (
      SELECT ${KEY}, ${middle}, ${atRank('greatest(1, (n + 3) // 4)')} AS p25, ${atRank('greatest(1, (3 * n + 3) // 4)')} AS p75
      FROM rate_values GROUP BY ALL
    ),
    ratio AS (
      SELECT ${KEY}, ${middle}, ${atRank('ranks.k')} AS low, ${atRank('n - ranks.k + 1')} AS high
      FROM ratio_values JOIN ranks USING (n) GROUP BY ALL
    )
    SELECT p.platform, p.scope, p.id, p.currency, p.tasks::DOUBLE AS tasks, p.contributors::DOUBLE AS contributors, p.rejected_share, p.returned_share,
      rate.n AS rate_n, CASE WHEN rate.n % 2 = 1 THEN rate.lo ELSE (rate.lo + rate.hi) / 2 END AS rate_median, rate.p25, rate.p75,
      ratio.n AS ratio_n, CASE WHEN ratio.n % 2 = 1 THEN ratio.lo ELSE (ratio.lo + ratio.hi) / 2 END AS ratio_median, ratio.low, ratio.high
    FROM published p LEFT JOIN rate USING (${KEY}) LEFT JOIN ratio USING (${KEY})`)
  ).getRowObjectsJS();

  const published = rows.map((r): PublishedGroup & { key: string } => {
    const num = (name: string) => r[name] as number;
    const rateN = (r.rate_n as number | null) ?? 0;
    const ratioN = (r.ratio_n as number | null) ?? 0;
    const platform = r.platform as string;
    const by = r.scope as 'requester' | 'group';
    const id = r.id as string;
    const currency = r.currency as string;
    return {
      key: JSON.stringify([platform, by, id, currency]),
      platform,
      by,
      id,
      currency,
      tasks: num('tasks'),
      contributors: num('contributors'),
      rate: rateN >= MIN_K ? { median: Math.round(num('rate_median')), p25: Math.round(num('p25')), p75: Math.round(num('p75')), n: rateN } : null,
      ratio: ratioN < MIN_K ? null : ratioFigure(num('ratio_median'), num('low'), num('high'), ratioN, ranks.get(ratioN)!),
      rejectedShare: num('rejected_share'),
      returnedShare: num('returned_share'),
    };
  });
  // The streaming engine's order: by the JSON text of [platform, by, id, currency], code unit by code unit.
  published.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return published.map(({ key: _key, ...group }) => group);
}

/** As lib/share/aggregate.ts: where the interval's ends would be the minimum and maximum, a band. */
function ratioFigure(median: number, low: number, high: number, n: number, rank: { k: number; coverage: number }): PublishedGroup['ratio'] {
  if (rank.k === 1) return { band: [Math.floor(median / RATIO_BAND) * RATIO_BAND, (Math.floor(median / RATIO_BAND) + 1) * RATIO_BAND], n };
  return { median, low, high, coverage: rank.coverage, n };
}
