import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlStringLiteral } from '../adapters/sql-literal.js';
import { mapDuckDbError } from '../adapters/duckdb/map-duckdb-error.js';
import { readEventsCsvSql } from './raw-feeds-sql.js';

/**
 * Turns a day's events CSV into `events.parquet` with DuckDB's `COPY ... (FORMAT parquet)`,
 * typed as the raw table is. A malformed row (a missing field) arrives in parquet as it would
 * load from CSV: padded with NULL, the later values shifted one column left.
 */
export async function writeEventsParquet(connection: DuckDBConnection, csvPath: string, parquetPath: string): Promise<void> {
  try {
    await connection.run(
      `copy (select * from ${readEventsCsvSql(csvPath, false)}) to ${sqlStringLiteral(parquetPath)} (format parquet)`,
    );
  } catch (error) {
    throw mapDuckDbError(error, { hint: `While writing ${parquetPath}.` });
  }
}
