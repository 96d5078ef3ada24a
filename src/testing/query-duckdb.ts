/**
 * Read a DuckDB file the way a test checks what a run built: real DuckDB, plain JS rows.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { toJsRow } from '../adapters/duckdb/to-js-row.js';

export async function queryDuckDb(path: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowObjectsJS().map(toJsRow);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
