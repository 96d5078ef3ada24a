import type { DuckDBConnection } from '@duckdb/node-api';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { TsdbtError } from '../errors/tsdbt-error.js';
import { mapDuckDbError } from '../adapters/duckdb/map-duckdb-error.js';
import { quoteDuckDbIdentifier } from '../adapters/duckdb/duckdb-quoting.js';
import type { EventsFormat } from './generate-options.js';
import { rawFeedsSql } from './raw-feeds-sql.js';

export interface LoadRawFeedsOptions {
  /** Stamped on every row as `_loaded_at` (UTC). Default: now. */
  readonly loadedAt?: Date;
}

/** Which event formats a dataset has (a day folder holds `events.csv` or `events.parquet`). */
async function eventsFormatsIn(dataDir: string): Promise<EventsFormat[]> {
  const formats = new Set<EventsFormat>();
  let days: string[];
  try {
    days = await readdir(join(dataDir, 'events'));
  } catch (error) {
    throw new TsdbtError({
      kind: 'runtime',
      message: `No raw data in ${dataDir} (no events folder).`,
      hint: 'Run `tsdbt generate` first.',
      cause: error,
    });
  }
  for (const day of days) {
    const files = await readdir(join(dataDir, 'events', day)).catch(() => [] as string[]);
    if (files.includes('events.csv')) formats.add('csv');
    if (files.includes('events.parquet')) formats.add('parquet');
  }
  return formats.size === 0 ? ['csv'] : [...formats].sort();
}

/**
 * Loads the generated feeds into `<schema>.customers`, `.products`, `.orders`, `.order_lines`,
 * `.payments` and `.events` (replacing them, so re-running is safe) and returns rows per table.
 * The statements are those of `rawFeedsSql`.
 *
 * @example
 * const counts = await loadRawFeeds(connection, 'project/data/raw');
 * counts.orders; // rows in raw.orders, duplicates included
 */
export async function loadRawFeeds(
  connection: DuckDBConnection,
  dataDir: string,
  schema = 'raw',
  options: LoadRawFeedsOptions = {},
): Promise<Record<string, number>> {
  const directory = resolve(dataDir);
  const statements = rawFeedsSql(directory, {
    schema,
    loadedAt: options.loadedAt ?? new Date(),
    eventsFormats: await eventsFormatsIn(directory),
  });
  const counts: Record<string, number> = {};
  for (const statement of statements) {
    try {
      await connection.run(statement.sql);
      if (statement.table === null) continue;
      const reader = await connection.runAndReadAll(
        `select count(*)::BIGINT as n from ${quoteDuckDbIdentifier(schema)}.${quoteDuckDbIdentifier(statement.table)}`,
      );
      counts[statement.table] = Number(reader.getRowObjectsJS()[0]?.n ?? 0);
    } catch (error) {
      throw mapDuckDbError(error, {
        hint: statement.table ? `While loading the ${statement.table} feed from ${directory}.` : undefined,
      });
    }
  }
  return counts;
}
