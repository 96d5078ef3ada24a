/**
 * One Snowflake session: a pooled `snowflake-sdk` connection held by one runner thread.
 */
import { randomUUID } from 'node:crypto';
import type { Column, Connection, RowStatement } from 'snowflake-sdk';
import type { ColumnInfo, QueryResult, Row, Session, SessionSettings } from '../adapter.js';
import { splitStatements } from '../split-statements.js';
import { isTransientSnowflakeError, mapSnowflakeError } from './map-error.js';
import { withRetry, type RetryPolicy } from './retry.js';

/** A Session plus the Snowflake-only extras a runner or template may use. */
export interface SnowflakeSession extends Session {
  /** Snowflake only: `use warehouse <name>` for the rest of this session (per-model `snowflake_warehouse`). */
  useWarehouse(name: string): Promise<void>;
  /** Snowflake only: `alter session set query_tag = '<tag>'`, or `unset` when `tag` is undefined. */
  setQueryTag(tag: string | undefined): Promise<void>;
  /** The warehouse and query tag this session is on now (the target's until changed). */
  currentSettings(): SessionSettings;
  /** Give the connection back to the pool. */
  release(): Promise<void>;
}

export interface SessionDependencies {
  readonly retry: RetryPolicy;
  /** Scrubbed from every error message. */
  readonly secrets: readonly string[];
  /** Quote an identifier (with Snowflake casing) for `use warehouse`. */
  readonly renderIdentifier: (name: string) => string;
  readonly onRelease: (session: SnowflakeSession) => Promise<void>;
  /** The target's query tag and warehouse: a session that changed them restores them before going back to the pool. */
  readonly defaults: { readonly queryTag?: string; readonly warehouse?: string };
}

interface StatementOutcome {
  readonly statement: RowStatement;
  readonly rows: readonly Record<string, unknown>[];
}

/** Snowflake's type name for a result column, e.g. `NUMBER(38,0)`, `TIMESTAMP_NTZ`. */
function typeNameOf(column: Column): string {
  const type = column.getType();
  if (type === 'fixed') return `NUMBER(${column.getPrecision()},${column.getScale()})`;
  if (type === 'real') return 'FLOAT';
  if (type === 'text') return 'VARCHAR';
  return type.toUpperCase();
}

/** Driver values → plain JS: the driver's dates are `Date` subclasses with extra methods. */
function plainValue(value: unknown): unknown {
  return value instanceof Date ? new Date(value.getTime()) : value;
}

function toQueryResult(outcome: StatementOutcome): QueryResult {
  const columns: ColumnInfo[] = (outcome.statement.getColumns() ?? []).map((column) => ({
    name: column.getName(),
    dataType: typeNameOf(column),
  }));
  const rows: Row[] = outcome.rows.map((row) => Object.fromEntries(columns.map(({ name }) => [name, plainValue(row[name])])));
  return { columns, rows };
}

function rowsAffectedOf(outcome: StatementOutcome): number | undefined {
  const count = outcome.statement.getNumUpdatedRows();
  return count === undefined || count < 0 ? undefined : count;
}

function escapeString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/'/g, "''");
}

/** Wrap a pooled connection as a session. */
export function createSnowflakeSession(connection: Connection, dependencies: SessionDependencies): SnowflakeSession {
  const running = new Set<RowStatement>();
  let cancelled = false;
  let released = false;
  let queryTag = dependencies.defaults.queryTag;
  let warehouse = dependencies.defaults.warehouse;

  function runOnce(sql: string, requestId: string, attempt: number): Promise<StatementOutcome> {
    return new Promise((resolve, reject) => {
      const statement = connection.execute({
        sqlText: sql,
        // A retry resubmits the same request id: if the first try did reach Snowflake, Snowflake
        // answers with that execution's result instead of running the statement twice.
        ...(attempt > 1 ? { requestId } : {}),
        complete: (error, completed, rows) => {
          running.delete(statement);
          if (error) reject(error);
          else resolve({ statement: completed as RowStatement, rows: (rows ?? []) as Record<string, unknown>[] });
        },
      });
      running.add(statement);
    });
  }

  async function run(sql: string): Promise<StatementOutcome> {
    if (released) throw mapSnowflakeError(new Error('This Snowflake session was already released.'));
    cancelled = false;
    const requestId = randomUUID();
    try {
      return await withRetry(
        (attempt) => runOnce(sql, requestId, attempt),
        dependencies.retry,
        isTransientSnowflakeError,
        () => cancelled,
      );
    } catch (error) {
      throw mapSnowflakeError(error, { secrets: dependencies.secrets });
    }
  }

  /** Run every statement of a script, one request each; the last outcome is returned. */
  async function runScript(sql: string): Promise<{ readonly last?: StatementOutcome; readonly rowsAffected?: number }> {
    let last: StatementOutcome | undefined;
    let rowsAffected: number | undefined;
    for (const statement of splitStatements(sql)) {
      last = await run(statement);
      const count = rowsAffectedOf(last);
      if (count !== undefined) rowsAffected = (rowsAffected ?? 0) + count;
    }
    return { last, rowsAffected };
  }

  const session: SnowflakeSession = {
    async execute(sql) {
      const { rowsAffected } = await runScript(sql);
      return rowsAffected === undefined ? {} : { rowsAffected };
    },
    async query(sql) {
      const { last } = await runScript(sql);
      return last ? toQueryResult(last) : { columns: [], rows: [] };
    },
    async begin() {
      await run('begin');
    },
    async commit() {
      await run('commit');
    },
    async rollback() {
      await run('rollback');
    },
    async cancel() {
      cancelled = true;
      await Promise.all(
        [...running].map(
          (statement) =>
            new Promise<void>((resolve) => {
              // The abort request may fail when the statement just finished; either way it is no longer running.
              statement.cancel(() => resolve());
            }),
        ),
      );
    },
    async useWarehouse(name) {
      await run(`use warehouse ${dependencies.renderIdentifier(name)}`);
      warehouse = name;
    },
    async setQueryTag(tag) {
      await run(tag === undefined ? 'alter session unset query_tag' : `alter session set query_tag = '${escapeString(tag)}'`);
      queryTag = tag;
    },
    currentSettings() {
      return { ...(warehouse === undefined ? {} : { warehouse }), ...(queryTag === undefined ? {} : { queryTag }) };
    },
    async release() {
      if (released) return;
      try {
        // The connection goes back to the pool: the next session must start from the target's context.
        const { defaults } = dependencies;
        if (!cancelled && queryTag !== defaults.queryTag) await session.setQueryTag(defaults.queryTag);
        if (!cancelled && defaults.warehouse && warehouse !== defaults.warehouse) await session.useWarehouse(defaults.warehouse);
      } catch {
        // Best effort: a session that cannot be reset is still returned (the pool validates nothing else either).
      } finally {
        released = true;
        await dependencies.onRelease(session);
      }
    },
  };
  return session;
}
