/**
 * dbt's `pluralize`: `1 model`, `2 models`, `3 analyses`.
 */

const IRREGULAR: Readonly<Record<string, string>> = { analysis: 'analyses' };

/** `${count} ${word}` with the plural form when count is not 1. */
export function pluralize(count: number, word: string): string {
  if (count === 1) return `${count} ${word}`;
  const lastSpace = word.lastIndexOf(' ');
  const head = word.slice(0, lastSpace + 1);
  const last = word.slice(lastSpace + 1);
  return `${count} ${head}${IRREGULAR[last] ?? `${last}s`}`;
}
