/**
 * Compare two row sets as multisets and show the difference as dbt does: rows only in
 * expected marked `-`, rows only in actual marked `+`, aligned in a small table.
 */
export function normalizeValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, '');
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return value ?? null;
}

function key(row: Record<string, unknown>, columns: readonly string[]): string {
  return JSON.stringify(columns.map((column) => row[column] ?? null));
}

/** `undefined` when equal, else a readable table of the differing rows. */
export function diffRows(
  expected: readonly Record<string, unknown>[],
  actual: readonly Record<string, unknown>[],
  columns: readonly string[],
): string | undefined {
  const counts = new Map<string, number>();
  for (const row of expected) counts.set(key(row, columns), (counts.get(key(row, columns)) ?? 0) + 1);
  const extra: Record<string, unknown>[] = [];
  for (const row of actual) {
    const k = key(row, columns);
    const n = counts.get(k) ?? 0;
    if (n > 0) counts.set(k, n - 1);
    else extra.push(row);
  }
  const missing = expected.filter((row) => {
    const k = key(row, columns);
    const n = counts.get(k) ?? 0;
    if (n > 0) {
      counts.set(k, n - 1);
      return true;
    }
    return false;
  });
  if (missing.length === 0 && extra.length === 0) return undefined;
  const lines: string[][] = [['', ...columns]];
  for (const row of missing) lines.push(['-', ...columns.map((column) => String(row[column] ?? 'null'))]);
  for (const row of extra) lines.push(['+', ...columns.map((column) => String(row[column] ?? 'null'))]);
  const widths = lines[0].map((_, i) => Math.max(...lines.map((line) => line[i].length)));
  const render = (line: string[]) => line.map((cell, i) => cell.padEnd(widths[i])).join(' | ').trimEnd();
  return ['(- expected, + actual)', ...lines.map(render)].join('\n');
}
