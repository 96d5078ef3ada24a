/**
 * `show objects` and `describe table` answered from DuckDB's catalog in Snowflake's column layout
 * (https://docs.snowflake.com/en/sql-reference/sql/show-objects, .../sql/desc-table).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { rowTypeFor, snowflakeTypeOf, type SnowflakeRowType } from './result-encoding.js';
import { duckQuote } from './stand-in-session.js';

/** A result already in Snowflake's JSON shape. */
export interface EncodedResult {
  readonly rowtype: readonly SnowflakeRowType[];
  readonly rowset: readonly (readonly (string | null)[])[];
}

/** Thrown for a Snowflake-shaped "does not exist" answer. */
export class MissingObjectError extends Error {}

const showObjectsColumns = [
  'created_on',
  'name',
  'database_name',
  'schema_name',
  'kind',
  'comment',
  'cluster_by',
  'rows',
  'bytes',
  'owner',
  'retention_time',
  'owner_role_type',
] as const;
const terseColumns = ['created_on', 'name', 'kind', 'database_name', 'schema_name'] as const;
const numericShowColumns = new Set(['rows', 'bytes']);

/** `show [terse] objects in <database>.<schema>`. */
export async function showObjects(
  connection: DuckDBConnection,
  database: string,
  schema: string,
  terse: boolean,
  createdOn: string,
): Promise<EncodedResult> {
  const schemaFound = await connection.runAndReadAll(
    'select 1 from information_schema.schemata where lower(catalog_name) = lower($1) and lower(schema_name) = lower($2)',
    [database, schema],
  );
  if (schemaFound.currentRowCount === 0) throw new MissingObjectError(`Schema '${database}.${schema}' does not exist or not authorized.`);
  const reader = await connection.runAndReadAll(
    `select table_catalog, table_schema, table_name, table_type from information_schema.tables
     where lower(table_catalog) = lower($1) and lower(table_schema) = lower($2) order by table_name`,
    [database, schema],
  );
  const columns = terse ? terseColumns : showObjectsColumns;
  const rowtype = columns.map((name) =>
    name === 'created_on' ? rowTypeFor(name, 'TIMESTAMP WITH TIME ZONE') : rowTypeFor(name, numericShowColumns.has(name) ? 'BIGINT' : 'VARCHAR'),
  );
  const rowset = reader.getRowObjectsJS().map((row) => {
    const values: Record<string, string | null> = {
      created_on: createdOn,
      name: String(row.table_name),
      database_name: String(row.table_catalog),
      schema_name: String(row.table_schema),
      kind: row.table_type === 'VIEW' ? 'VIEW' : 'TABLE',
      comment: '',
      cluster_by: '',
      rows: row.table_type === 'VIEW' ? null : '0',
      bytes: row.table_type === 'VIEW' ? null : '0',
      owner: 'TSDBT_STAND_IN',
      retention_time: '1',
      owner_role_type: 'ROLE',
    };
    return columns.map((name) => values[name]);
  });
  return { rowtype, rowset };
}

const describeColumns = [
  'name',
  'type',
  'kind',
  'null?',
  'default',
  'primary key',
  'unique key',
  'check',
  'expression',
  'comment',
  'policy name',
  'privacy domain',
] as const;

/** `describe table <database>.<schema>.<name>`. */
export async function describeTable(connection: DuckDBConnection, parts: readonly [string, string, string]): Promise<EncodedResult> {
  let reader;
  try {
    reader = await connection.runAndReadAll(`describe ${parts.map(duckQuote).join('.')}`);
  } catch {
    throw new MissingObjectError(`Table '${parts.join('.')}' does not exist or not authorized.`);
  }
  const rowset = reader.getRowObjectsJS().map((row) => {
    const values: Record<string, string | null> = {
      name: String(row.column_name),
      type: snowflakeTypeOf(String(row.column_type)).typeName,
      kind: 'COLUMN',
      'null?': row.null === 'NO' ? 'N' : 'Y',
      default: row.default === null ? null : String(row.default),
      'primary key': 'N',
      'unique key': 'N',
      check: null,
      expression: null,
      comment: null,
      'policy name': null,
      'privacy domain': null,
    };
    return describeColumns.map((name) => values[name]);
  });
  return { rowtype: describeColumns.map((name) => rowTypeFor(name, 'VARCHAR')), rowset };
}
