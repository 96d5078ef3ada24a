/**
 * What a DuckDB profile target asks of the database: the file, extensions, per-session
 * settings and the options DuckDB takes only when it opens (`config_options`). One place, so
 * `tsdbt generate` opens the file exactly as the adapter does.
 */
import type { DuckDbTarget } from '../../config/profile-config.js';
import type { DuckDbTargetOptions } from './duckdb-adapter.js';

export function duckDbTargetOptions(target: DuckDbTarget): DuckDbTargetOptions {
  return {
    path: target.path,
    extensions: target.extensions.map((extension) => (typeof extension === 'string' ? extension : extension.name)),
    settings: scalarEntries(target.settings),
    configOptions: Object.fromEntries(Object.entries(scalarEntries(target.config_options ?? {})).map(([key, value]) => [key, String(value)])),
  };
}

/** The entries whose values DuckDB can take as a setting (scalars). */
function scalarEntries(values: Readonly<Record<string, unknown>>): Record<string, string | number | boolean> {
  return Object.fromEntries(
    Object.entries(values).filter((entry): entry is [string, string | number | boolean] => ['string', 'number', 'boolean'].includes(typeof entry[1])),
  );
}
