/**
 * One logged-in driver session: its tokens, its Snowflake context (database, schema, warehouse,
 * role, query tag) and its own DuckDB connection, so transactions stay per session as in Snowflake.
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

export interface StandInSession {
  readonly sessionId: number;
  readonly token: string;
  readonly masterToken: string;
  readonly connection: DuckDBConnection;
  database?: string;
  schema?: string;
  warehouse?: string;
  role?: string;
  queryTag?: string;
  /** A `begin` is open (Snowflake semantics: DDL commits it, a nested `begin` is ignored). */
  inTransaction: boolean;
  /** The `USE` last applied on the DuckDB connection, so it is only re-issued after a change. */
  appliedContext?: string;
  /** Statements of one session run one after another, as on a Snowflake connection. */
  queue: Promise<unknown>;
}

/** Snowflake's session parameters the driver reads (timezone, output formats, cache sizes). */
export const sessionParameters: readonly { readonly name: string; readonly value: string | number | boolean }[] = [
  { name: 'TIMEZONE', value: 'UTC' },
  { name: 'TIMESTAMP_OUTPUT_FORMAT', value: 'YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM' },
  { name: 'TIMESTAMP_NTZ_OUTPUT_FORMAT', value: 'YYYY-MM-DD HH24:MI:SS.FF3' },
  { name: 'TIMESTAMP_LTZ_OUTPUT_FORMAT', value: '' },
  { name: 'TIMESTAMP_TZ_OUTPUT_FORMAT', value: '' },
  { name: 'DATE_OUTPUT_FORMAT', value: 'YYYY-MM-DD' },
  { name: 'TIME_OUTPUT_FORMAT', value: 'HH24:MI:SS' },
  { name: 'BINARY_OUTPUT_FORMAT', value: 'HEX' },
  { name: 'CLIENT_RESULT_CHUNK_SIZE', value: 160 },
  { name: 'CLIENT_SESSION_KEEP_ALIVE_HEARTBEAT_FREQUENCY', value: 3600 },
  { name: 'QUERY_CONTEXT_CACHE_SIZE', value: 5 },
  { name: 'JS_TREAT_INTEGER_AS_BIGINT', value: false },
];

/** Quote a DuckDB identifier. */
export function duckQuote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Serializes `ATTACH`es: two sessions naming a new database at once must attach it only once. */
export class DatabaseCatalog {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly fileFor: (database: string) => string,
  ) {}

  /** Make the Snowflake database `name` exist as a DuckDB catalog of the same name. */
  ensure(name: string): Promise<void> {
    const next = this.chain.then(async () => {
      const connection = await this.instance.connect();
      try {
        const found = await connection.runAndReadAll('select 1 from duckdb_databases() where lower(database_name) = lower($1)', [name]);
        if (found.currentRowCount === 0) await connection.run(`attach '${this.fileFor(name).replace(/'/g, "''")}' as ${duckQuote(name)}`);
      } finally {
        connection.closeSync();
      }
    });
    this.chain = next.catch(() => undefined);
    return next;
  }
}

/** Point the session's DuckDB connection at its current database and schema (best effort, as Snowflake). */
export async function applyContext(session: StandInSession): Promise<void> {
  if (!session.database) return;
  const wanted = session.schema ? `${duckQuote(session.database)}.${duckQuote(session.schema)}` : duckQuote(session.database);
  if (session.appliedContext === wanted) return;
  try {
    await session.connection.run(`use ${wanted}`);
    session.appliedContext = wanted;
  } catch {
    // A session may name a schema that does not exist yet (Snowflake allows it); fall back to the database.
    await session.connection.run(`use ${duckQuote(session.database)}`);
    session.appliedContext = undefined;
  }
}
