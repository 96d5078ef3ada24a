/**
 * Paths shown to people (in the run summary, errors and artifacts) are relative to the
 * project root, as dbt prints them, rather than the absolute path the file was written at.
 */
import { isAbsolute, relative } from 'node:path';

/**
 * `target/run/shop/models/orders.sql` for a file inside the project; the absolute path when it
 * lies outside it (a `target-path` elsewhere), since a `../..` path reads worse than the real one.
 */
export function displayPathOf(projectRoot: string, path: string): string {
  const shown = relative(projectRoot, path);
  return shown === '' || shown.startsWith('..') || isAbsolute(shown) ? path : shown.split('\\').join('/');
}
