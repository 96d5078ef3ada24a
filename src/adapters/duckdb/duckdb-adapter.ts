/**
 * The DuckDB adapter over `@duckdb/node-api`: one embedded database file (or `:memory:`),
 * one connection per runner thread. DuckDB has MVCC with optimistic concurrency, so several
 * connections of one instance may write at once as long as they touch different tables.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Adapter, ColumnInfo, QueryResult, Relation, Session } from '../adapter.js';
import type { RelationName } from '../../parse/manifest.js';
import { duckdbCapabilities } from './duckdb-capabilities.js';
import { mapDuckDbError } from './map-duckdb-error.js';
import { toJsRow } from './to-js-row.js';
import { quoteDuckDbIdentifier, renderDuckDbRelation } from './duckdb-quoting.js';
import { sqlStringLiteral } from '../sql-literal.js';

export interface DuckDbTargetOptions {
  /** Database file path (absolute) or `:memory:`. */
  readonly path: string;
  /** Extensions to load at start (`httpfs`, `json`, ...). */
  readonly extensions?: readonly string[];
  /** `SET key = value` settings applied to each connection. */
  readonly settings?: Readonly<Record<string, string | number | boolean>>;
  /**
   * Database configuration given when the instance opens (`config_options` in the profile), for
   * options that cannot be SET afterwards, e.g. `storage_compatibility_version: latest`, which
   * decides the file format of a database file created by this run.
   */
  readonly configOptions?: Readonly<Record<string, string>>;
}

/** The catalog name DuckDB gives the attached database file (the file's base name). */
async function currentCatalog(connection: DuckDBConnection): Promise<string> {
  const reader = await connection.runAndReadAll('select current_database() as db');
  return String(reader.getRowObjectsJS()[0]?.db ?? 'memory');
}

export async function createDuckDbAdapter(options: DuckDbTargetOptions): Promise<Adapter & { readonly database: string }> {
  if (options.path !== ':memory:') await mkdir(dirname(options.path), { recursive: true });
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(options.path, { ...options.configOptions });
  } catch (error) {
    throw mapDuckDbError(error, { hint: `Could not open the DuckDB file ${options.path}. Is another process holding it open?` });
  }
  const admin = await instance.connect();
  const prepareConnection = async (connection: DuckDBConnection): Promise<void> => {
    for (const extension of options.extensions ?? []) await connection.run(`load ${quoteDuckDbIdentifier(extension)}`);
    for (const [key, value] of Object.entries(options.settings ?? {})) {
      await connection.run(`set ${key} = ${typeof value === 'string' ? sqlStringLiteral(value) : String(value)}`);
    }
  };
  await prepareConnection(admin);
  const database = await currentCatalog(admin);
  const open = new Set<DuckDBConnection>();

  const runQuery = async (connection: DuckDBConnection, sql: string): Promise<QueryResult> => {
    try {
      const reader = await connection.runAndReadAll(sql);
      const names = reader.columnNames();
      const types = reader.columnTypes();
      const columns = names.map((name, i) => ({ name, dataType: String(types[i]) }));
      return { columns, rows: reader.getRowObjectsJS().map(toJsRow) };
    } catch (error) {
      throw mapDuckDbError(error);
    }
  };

  const adapter: Adapter & { readonly database: string } = {
    type: 'duckdb',
    database,
    capabilities: duckdbCapabilities,
    async openSession() {
      const connection = await instance.connect();
      await prepareConnection(connection);
      open.add(connection);
      const session: Session & { release(): Promise<void> } = {
        async execute(sql: string) {
          try {
            const result = await connection.run(sql);
            return { rowsAffected: result.rowsChanged };
          } catch (error) {
            throw mapDuckDbError(error);
          }
        },
        query: (sql: string) => runQuery(connection, sql),
        async begin() {
          await session.execute('begin transaction');
        },
        async commit() {
          await session.execute('commit');
        },
        async rollback() {
          try {
            await connection.run('rollback');
          } catch {
            // No transaction open (DuckDB already aborted it): nothing to undo.
          }
        },
        async cancel() {
          connection.interrupt();
        },
        async release() {
          open.delete(connection);
          connection.closeSync();
        },
      };
      return session;
    },
    async listRelations(db: string, schema: string): Promise<readonly Relation[]> {
      const result = await runQuery(
        admin,
        `select table_catalog, table_schema, table_name, table_type from information_schema.tables
         where table_catalog = ${sqlStringLiteral(db)} and table_schema = ${sqlStringLiteral(schema)}`,
      );
      return result.rows.map((row) => ({
        database: String(row.table_catalog),
        schema: String(row.table_schema),
        identifier: String(row.table_name),
        type: row.table_type === 'VIEW' ? 'view' : 'table',
      }));
    },
    async getColumns(relation: RelationName): Promise<readonly ColumnInfo[]> {
      const result = await runQuery(
        admin,
        `select column_name, data_type from information_schema.columns
         where table_catalog = ${sqlStringLiteral(relation.database)} and table_schema = ${sqlStringLiteral(relation.schema)}
           and table_name = ${sqlStringLiteral(relation.identifier)}
         order by ordinal_position`,
      );
      return result.rows.map((row) => ({ name: String(row.column_name), dataType: String(row.data_type) }));
    },
    quote: quoteDuckDbIdentifier,
    renderRelation: renderDuckDbRelation,
    async createSchema(db: string, schema: string) {
      await runQuery(admin, `create schema if not exists ${quoteDuckDbIdentifier(db)}.${quoteDuckDbIdentifier(schema)}`);
    },
    async loadCsv(relation, csvPath, columnTypes) {
      const types = Object.keys(columnTypes).length
        ? `, types = {${Object.entries(columnTypes)
            .map(([name, type]) => `${sqlStringLiteral(name)}: ${sqlStringLiteral(type)}`)
            .join(', ')}}`
        : '';
      const target = renderDuckDbRelation(relation);
      const source = `read_csv(${sqlStringLiteral(csvPath)}, header = true, auto_detect = true${types})`;
      await runQuery(admin, `create or replace table ${target} as select * from ${source}`);
      const count = await runQuery(admin, `select count(*) as n from ${target}`);
      return Number(count.rows[0]?.n ?? 0);
    },
    async close() {
      for (const connection of open) connection.closeSync();
      open.clear();
      admin.closeSync();
      instance.closeSync();
    },
  };
  return adapter;
}
