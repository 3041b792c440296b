import type { Table } from 'dexie';

/**
 * Every record of a table in primary-key order, `size` at a time. Each chunk starts above the last
 * key seen (not at an offset), so reading a million segments stays linear.
 */
export async function* readChunks<T extends { id?: string | number }>(
  table: Table<T, string | number>,
  size: number,
): AsyncGenerator<T[]> {
  let last: string | number | undefined;
  for (;;) {
    const chunk =
      last === undefined
        ? await table.orderBy('id').limit(size).toArray()
        : await table.where('id').above(last).limit(size).toArray();
    if (chunk.length === 0) return;
    yield chunk;
    if (chunk.length < size) return;
    last = chunk[chunk.length - 1]?.id;
    if (last === undefined) return;
  }
}
