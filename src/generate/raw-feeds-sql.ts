/**
 * The SQL that loads the raw feeds into tables (DuckDB dialect). Exported on its own so it can
 * be printed, tested, and used as the model for a Snowflake variant (stage + COPY INTO).
 */
import { quoteDuckDbIdentifier } from '../adapters/duckdb/duckdb-quoting.js';
import { sqlStringLiteral } from '../adapters/sql-literal.js';
import { FEEDS } from './dirty-records.js';
import type { FeedName } from './dirty-records.js';
import type { EventsFormat } from './generate-options.js';
import { RAW_FEED_COLUMNS } from './raw-feed-columns.js';
import type { ColumnTypes } from './raw-feed-columns.js';

export interface RawFeedsSqlOptions {
  /** Target schema. Default `raw`. */
  readonly schema?: string;
  /** The load time stamped on every row as `_loaded_at` (UTC). */
  readonly loadedAt: Date;
  /** Which event file formats are present (both may be, after a format change). Default csv. */
  readonly eventsFormats?: readonly EventsFormat[];
}

/** One statement per table, plus the schema statement first. */
export interface RawFeedStatement {
  /** The feed (= table name), or `null` for the schema statement. */
  readonly table: FeedName | null;
  readonly sql: string;
}

/** A DuckDB `STRUCT` literal of column types: `{'order_id': 'BIGINT', ...}`. */
export function columnsStruct(columns: ColumnTypes): string {
  return `{${Object.entries(columns)
    .map(([name, type]) => `${sqlStringLiteral(name)}: ${sqlStringLiteral(type)}`)
    .join(', ')}}`;
}

/** `read_csv(...)` of events CSV files with explicit types; rows missing a field are padded with NULL. */
export function readEventsCsvSql(pathOrGlob: string, withFilename: boolean): string {
  return (
    `read_csv(${sqlStringLiteral(pathOrGlob)}, header = true, delim = ',', quote = '"', escape = '"', ` +
    `auto_detect = false, null_padding = true, columns = ${columnsStruct(RAW_FEED_COLUMNS.events)}` +
    `${withFilename ? ', filename = true' : ''})`
  );
}

function fromClauses(feed: FeedName, dataDir: string, eventsFormats: readonly EventsFormat[]): string[] {
  if (feed !== 'events') {
    return [
      `read_json(${sqlStringLiteral(`${dataDir}/${feed}/${feed}_*.json`)}, format = 'newline_delimited', ` +
        `columns = ${columnsStruct(RAW_FEED_COLUMNS[feed])}, filename = true)`,
    ];
  }
  return eventsFormats.map((format) =>
    format === 'csv'
      ? readEventsCsvSql(`${dataDir}/events/*/events.csv`, true)
      : `read_parquet(${sqlStringLiteral(`${dataDir}/events/*/events.parquet`)}, filename = true)`,
  );
}

/**
 * The statements `loadRawFeeds` runs: `create schema if not exists`, then one
 * `create or replace table <schema>.<feed> as select ...` per feed with explicit casts,
 * `_loaded_at` and `_source_file` (the file's path relative to `dataDir`).
 */
export function rawFeedsSql(dataDir: string, options: RawFeedsSqlOptions): RawFeedStatement[] {
  const schema = options.schema ?? 'raw';
  const directory = dataDir.replaceAll('\\', '/').replace(/\/+$/, '');
  const loadedAt = `TIMESTAMP ${sqlStringLiteral(options.loadedAt.toISOString().replace('T', ' ').replace('Z', ''))}`;
  const statements: RawFeedStatement[] = [
    { table: null, sql: `create schema if not exists ${quoteDuckDbIdentifier(schema)}` },
  ];
  for (const feed of FEEDS) {
    const columns = Object.entries(RAW_FEED_COLUMNS[feed])
      .map(([name, type]) => `cast(${quoteDuckDbIdentifier(name)} as ${type}) as ${quoteDuckDbIdentifier(name)}`)
      .join(', ');
    const selects = fromClauses(feed, directory, options.eventsFormats ?? ['csv']).map(
      (from) =>
        `select ${columns}, ${loadedAt} as _loaded_at, ` +
        `substr(replace(filename, '\\', '/'), ${directory.length + 2}) as _source_file from ${from}`,
    );
    statements.push({
      table: feed,
      sql: `create or replace table ${quoteDuckDbIdentifier(schema)}.${quoteDuckDbIdentifier(feed)} as\n${selects.join('\nunion all\n')}`,
    });
  }
  return statements;
}
