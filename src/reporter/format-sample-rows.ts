/**
 * Failing test rows as a small aligned table (the way `dbt show` prints rows), so the summary
 * shows *why* a test failed without a trip to the database.
 */

/** How many rows the summary shows at most. */
export const SAMPLE_ROW_LIMIT = 5;

function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * `| order_id | n |` / `| -------- | - |` / `|       17 | 2 |`: numbers right-aligned, text
 * left-aligned, at most {@link SAMPLE_ROW_LIMIT} rows. Returns no lines for no rows.
 */
export function formatSampleRows(rows: readonly Readonly<Record<string, unknown>>[]): string[] {
  const shown = rows.slice(0, SAMPLE_ROW_LIMIT);
  if (shown.length === 0) return [];
  const columns = [...new Set(shown.flatMap((row) => Object.keys(row)))];
  const cells = shown.map((row) => columns.map((column) => cellText(row[column])));
  const widths = columns.map((column, index) => Math.max(column.length, ...cells.map((row) => row[index].length)));
  const numeric = columns.map((column) => shown.every((row) => typeof row[column] === 'number' || typeof row[column] === 'bigint'));
  const line = (values: readonly string[], align: boolean): string =>
    `| ${values.map((value, index) => (align && numeric[index] ? value.padStart(widths[index]) : value.padEnd(widths[index]))).join(' | ')} |`;
  const lines = [line(columns, false), line(widths.map((width) => '-'.repeat(width)), false), ...cells.map((row) => line(row, true))];
  if (rows.length > shown.length) lines.push(`... ${rows.length - shown.length} more rows`);
  return lines;
}
