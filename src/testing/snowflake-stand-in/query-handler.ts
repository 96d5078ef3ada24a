/**
 * `POST /queries/v1/query-request`: run one statement for a session and answer in Snowflake's
 * JSON result format; plus `abort-request`, which cancels a statement in flight.
 */
import { randomUUID } from 'node:crypto';
import type { DuckDBValue } from '@duckdb/node-api';
import { describeTable, MissingObjectError, showObjects, type EncodedResult } from './catalog-queries.js';
import type { FaultQueue } from './faults.js';
import type { RecordedRequest } from './request-log.js';
import { encodeValue, rowTypeFor } from './result-encoding.js';
import { cancelledError, snowflakeErrorFor, type SnowflakeErrorBody } from './snowflake-errors.js';
import { planStatement, type StatementPlan, type StatementType } from './sql-rewrite.js';
import { applyContext, DatabaseCatalog, duckQuote, sessionParameters, type StandInSession } from './stand-in-session.js';

/** A statement in flight, found by an abort request through its query id or request id. */
export interface RunningQuery {
  readonly queryId: string;
  readonly requestId?: string;
  abort(): void;
}

export interface QueryHandlerContext {
  readonly faults: FaultQueue;
  readonly catalog: DatabaseCatalog;
  readonly running: Map<string, RunningQuery>;
  /** `created_on` for `show objects` (DuckDB does not track creation times). */
  readonly createdOn: string;
}

/** An HTTP answer: status and JSON body. */
export interface HandlerReply {
  readonly status: number;
  readonly body: unknown;
}

class CancelledError extends Error {}

// Snowflake statement type ids (the driver reads affected rows for the 0x3xxx DML ids).
const statementTypeIds: Readonly<Record<StatementType, number>> = {
  query: 0x1000,
  insert: 0x3100,
  update: 0x3200,
  delete: 0x3300,
  merge: 0x3400,
  transaction: 0x5000,
  ddl: 0x6000,
};

const dmlCountColumn: Partial<Record<StatementType, string>> = {
  insert: 'number of rows inserted',
  update: 'number of rows updated',
  delete: 'number of rows deleted',
  // DuckDB reports one total for a merge; Snowflake splits it into inserted/updated columns.
  merge: 'number of rows merged',
};

function statusResult(message: string): EncodedResult {
  return { rowtype: [rowTypeFor('status', 'VARCHAR')], rowset: [[message]] };
}

/** Binds as the driver sends them (`{"1": {type, value}}`) → positional DuckDB values. */
function bindValues(bindings: unknown): DuckDBValue[] | undefined {
  if (!bindings || typeof bindings !== 'object') return undefined;
  return Object.entries(bindings as Record<string, { type?: string; value?: unknown }>)
    .sort(([left], [right]) => Number(left) - Number(right))
    .map(([, bind]) => {
      if (bind.value === null || bind.value === undefined) return null;
      if (bind.type === 'FIXED' || bind.type === 'REAL') return Number(bind.value);
      if (bind.type === 'BOOLEAN') return bind.value === true || bind.value === 'true' || bind.value === '1';
      return String(bind.value);
    });
}

/** `begin` / `commit` / `rollback` with Snowflake's leniency: nested begin and commit without begin are no-ops. */
async function runTransactionStatement(session: StandInSession, sql: string): Promise<EncodedResult> {
  const opening = /^\s*(BEGIN|START)\b/.test(sql);
  if (opening !== session.inTransaction) {
    await session.connection.run(sql);
    session.inTransaction = opening;
  }
  return statusResult('Statement executed successfully.');
}

async function runOnDuckDb(
  session: StandInSession,
  sql: string,
  statementType: StatementType,
  binds: DuckDBValue[] | undefined,
): Promise<EncodedResult> {
  await applyContext(session);
  if (statementType === 'transaction') return runTransactionStatement(session, sql);
  if (statementType === 'ddl' && session.inTransaction) {
    // Snowflake runs DDL in its own transaction and commits the open one first; DuckDB's DDL is transactional.
    await session.connection.run('commit');
    session.inTransaction = false;
  }
  const reader = await session.connection.runAndReadAll(sql, binds);
  const countColumn = dmlCountColumn[statementType];
  if (countColumn) return { rowtype: [rowTypeFor(countColumn, 'BIGINT')], rowset: [[String(reader.rowsChanged)]] };
  if (statementType !== 'query') {
    // A statement that changed the session's catalog may have made its schema usable now.
    session.appliedContext = undefined;
    return statusResult('Statement executed successfully.');
  }
  const rowtype = reader.columnNames().map((name, index) => rowTypeFor(name, reader.columnTypes()[index].toString()));
  const rowset = reader.getRows().map((row) => row.map((value, index) => encodeValue(value, rowtype[index].type)));
  return { rowtype, rowset };
}

/** Snowflake's atomic `swap with`, as three renames in one DuckDB transaction. */
async function swapTables(session: StandInSession, left: readonly string[], right: readonly string[]): Promise<void> {
  if (session.inTransaction) {
    await session.connection.run('commit');
    session.inTransaction = false;
  }
  const name = (parts: readonly string[]): string => parts.map(duckQuote).join('.');
  const parking = `${left[2]}__SWAP_${Date.now()}`;
  await session.connection.run('begin');
  try {
    await session.connection.run(`alter table ${name(left)} rename to ${duckQuote(parking)}`);
    await session.connection.run(`alter table ${name(right)} rename to ${duckQuote(left[2])}`);
    await session.connection.run(`alter table ${name([left[0], left[1], parking])} rename to ${duckQuote(right[2])}`);
    await session.connection.run('commit');
  } catch (error) {
    await session.connection.run('rollback');
    throw error;
  }
}

function qualified(session: StandInSession, parts: readonly string[], wanted: number): string[] {
  const defaults = [session.database ?? '', session.schema ?? ''];
  return [...defaults.slice(0, Math.max(0, wanted - parts.length)), ...parts];
}

async function execute(
  context: QueryHandlerContext,
  session: StandInSession,
  plan: StatementPlan,
  binds: DuckDBValue[] | undefined,
): Promise<{ readonly result: EncodedResult; readonly statementType: StatementType }> {
  switch (plan.kind) {
    case 'run':
      return { result: await runOnDuckDb(session, plan.sql, plan.statementType, binds), statementType: plan.statementType };
    case 'noop':
      return { result: statusResult('Statement executed successfully.'), statementType: 'ddl' };
    case 'set-query-tag':
      session.queryTag = plan.tag;
      return { result: statusResult('Statement executed successfully.'), statementType: 'ddl' };
    case 'create-database':
      await context.catalog.ensure(plan.name);
      return { result: statusResult(`Database ${plan.name} successfully created.`), statementType: 'ddl' };
    case 'use': {
      if (plan.target === 'warehouse') session.warehouse = plan.parts[0];
      if (plan.target === 'role') session.role = plan.parts[0];
      if (plan.target === 'database') {
        await context.catalog.ensure(plan.parts[0]);
        session.database = plan.parts[0];
        session.schema = 'PUBLIC';
      }
      if (plan.target === 'schema') [session.database, session.schema] = qualified(session, plan.parts, 2);
      return { result: statusResult('Statement executed successfully.'), statementType: 'ddl' };
    }
    case 'swap': {
      await swapTables(session, qualified(session, plan.left, 3), qualified(session, plan.right, 3));
      return { result: statusResult('Statement executed successfully.'), statementType: 'ddl' };
    }
    case 'show-objects': {
      const [database, schema] = qualified(session, plan.parts, 2);
      return { result: await showObjects(session.connection, database, schema, plan.terse, context.createdOn), statementType: 'query' };
    }
    case 'describe-table': {
      const [database, schema, name] = qualified(session, plan.parts, 3);
      return { result: await describeTable(session.connection, [database, schema, name]), statementType: 'query' };
    }
  }
}

function errorReply(error: SnowflakeErrorBody, queryId: string): HandlerReply {
  return {
    status: 200,
    body: { success: false, code: error.code, message: error.message, data: { queryId, sqlState: error.sqlState, errorCode: error.code } },
  };
}

function sessionState(session: StandInSession): Record<string, unknown> {
  return {
    finalDatabaseName: session.database ?? null,
    finalSchemaName: session.schema ?? null,
    finalWarehouseName: session.warehouse ?? null,
    finalRoleName: session.role ?? null,
  };
}

/** Wait `delayMs`, unless aborted first. */
function sleepUnlessAborted(delayMs: number, onAbort: (abort: () => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, delayMs);
    onAbort(() => {
      clearTimeout(timer);
      reject(new CancelledError());
    });
  });
}

/**
 * Run one query request. `entry` is the request's log entry; the reply's error code is written to it.
 */
export async function handleQueryRequest(
  context: QueryHandlerContext,
  session: StandInSession,
  body: { readonly sqlText?: string; readonly bindings?: unknown },
  requestId: string | undefined,
  entry: RecordedRequest,
): Promise<HandlerReply> {
  const sql = body.sqlText ?? '';
  const queryId = randomUUID();
  const injected = context.faults.take(['sql-error', 'slow'], sql);
  if (injected?.kind === 'sql-error') {
    const error = { code: injected.code ?? '100000', sqlState: injected.sqlState ?? '22000', message: injected.message ?? 'Injected failure' };
    entry.errorCode = error.code;
    return errorReply(error, queryId);
  }
  let aborted = false;
  let abortDelay: (() => void) | undefined;
  let onDuckDb = false;
  context.running.set(queryId, {
    queryId,
    requestId,
    abort: () => {
      aborted = true;
      abortDelay?.();
      // Only interrupt DuckDB while this statement runs there, never a later one.
      if (onDuckDb) session.connection.interrupt();
    },
  });
  try {
    if (injected?.kind === 'slow') {
      await sleepUnlessAborted(injected.delayMs ?? 30_000, (abort) => {
        abortDelay = abort;
      });
    }
    onDuckDb = true;
    const { result, statementType } = await execute(context, session, planStatement(sql), bindValues(body.bindings));
    onDuckDb = false;
    if (aborted) throw new CancelledError();
    return {
      status: 200,
      body: {
        success: true,
        code: null,
        message: null,
        data: {
          queryId,
          rowtype: result.rowtype,
          rowset: result.rowset,
          total: result.rowset.length,
          returned: result.rowset.length,
          queryResultFormat: 'json',
          statementTypeId: statementTypeIds[statementType],
          version: 1,
          parameters: sessionParameters,
          ...sessionState(session),
        },
      },
    };
  } catch (error) {
    const snowflakeError =
      error instanceof CancelledError || aborted
        ? cancelledError
        : error instanceof MissingObjectError
          ? { code: '002003', sqlState: '02000', message: `SQL compilation error:\n${error.message}` }
          : snowflakeErrorFor(error instanceof Error ? error.message : String(error), sql);
    entry.errorCode = snowflakeError.code;
    return errorReply(snowflakeError, queryId);
  } finally {
    context.running.delete(queryId);
  }
}

/** `abort-request`: cancel the statement with this query id or request id. Returns whether one was running. */
export function abortQuery(context: QueryHandlerContext, queryId: string | undefined, requestId: string | undefined): boolean {
  for (const query of context.running.values()) {
    if ((queryId && query.queryId === queryId) || (requestId && query.requestId === requestId)) {
      query.abort();
      return true;
    }
  }
  return false;
}
