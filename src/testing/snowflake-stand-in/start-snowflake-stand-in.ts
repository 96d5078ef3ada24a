/**
 * A local server that speaks the part of Snowflake's HTTP protocol `snowflake-sdk` uses, and runs
 * the SQL on DuckDB, so the Snowflake adapter is exercised through the real driver without an account.
 *
 * Databases: each Snowflake database (named at login, by `use database` or `create database`) is a
 * DuckDB catalog of the same upper-cased name, attached on first use, so `"ANALYTICS"."STAGING"."X"`
 * resolves as it would on Snowflake. Catalogs are in memory, or files `<duckdbPath>.<DATABASE>.duckdb`.
 *
 * @example
 * const standIn = await startSnowflakeStandIn();
 * const adapter = await createSnowflakeAdapter({ account: 'x', user: 'u', password: 'p',
 *   database: 'analytics', schema: 'staging', warehouse: 'wh', role: 'r', threads: 4, access_url: standIn.url });
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { FaultQueue, type StandInFault } from './faults.js';
import { handleLogin, type StandInCredentials } from './login.js';
import { abortQuery, handleQueryRequest, type HandlerReply, type QueryHandlerContext } from './query-handler.js';
import { RequestLog, type RecordedRequest } from './request-log.js';
import { DatabaseCatalog, type StandInSession } from './stand-in-session.js';

export type { RecordedRequest } from './request-log.js';
export type { StandInFault } from './faults.js';

export interface SnowflakeStandInOptions {
  /** DuckDB file for the instance; in memory when omitted. */
  readonly duckdbPath?: string;
  /** When given, logins with another user or password fail with Snowflake's `390100`. */
  readonly credentials?: StandInCredentials;
}

export interface SnowflakeStandIn {
  /** `http://127.0.0.1:<port>`, for the driver's `accessUrl`. */
  readonly url: string;
  readonly port: number;
  /** Every request received, in order. */
  readonly requests: readonly RecordedRequest[];
  /** SQL of the query requests that reached the SQL engine, in order. */
  statements(): string[];
  clearLog(): void;
  /** Make the next `times` matching requests fail or stall (see {@link StandInFault}). */
  injectFault(fault: StandInFault): void;
  /** Drop faults not used up yet. */
  clearFaults(): void;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  let buffer = Buffer.concat(chunks);
  if (request.headers['content-encoding'] === 'gzip') buffer = gunzipSync(buffer);
  if (buffer.length === 0) return {};
  return JSON.parse(buffer.toString('utf8'));
}

function send(response: ServerResponse, reply: HandlerReply): void {
  const text = JSON.stringify(reply.body);
  response.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function tokenOf(request: IncomingMessage): string | undefined {
  return /Token="([^"]*)"/.exec(request.headers.authorization ?? '')?.[1];
}

const ok: HandlerReply = { status: 200, body: { success: true, code: null, message: null, data: {} } };
const expired: HandlerReply = {
  status: 200,
  body: { success: false, code: '390112', message: 'Your session has expired. Please login again.', data: {} },
};

/** Start the stand-in on a free loopback port. */
export async function startSnowflakeStandIn(options: SnowflakeStandInOptions = {}): Promise<SnowflakeStandIn> {
  const instance = await DuckDBInstance.create(options.duckdbPath ?? ':memory:');
  const catalog = new DatabaseCatalog(instance, (database) =>
    options.duckdbPath ? `${options.duckdbPath}.${database}.duckdb` : ':memory:',
  );
  const log = new RequestLog();
  const faults = new FaultQueue();
  const sessions = new Map<string, StandInSession>();
  const context: QueryHandlerContext = { faults, catalog, running: new Map(), createdOn: String(Math.floor(Date.now() / 1000)) + '.000000000' };

  async function route(request: IncomingMessage, url: URL, body: unknown, entry: RecordedRequest, session: StandInSession | undefined): Promise<HandlerReply> {
    const path = url.pathname;
    if (path === '/session/v1/login-request') {
      return handleLogin(body as object, url.searchParams, instance, catalog, sessions, options.credentials);
    }
    if (path === '/telemetry/send') return ok;
    if (!session) return expired;
    if (path === '/queries/v1/query-request') {
      const queryBody = body as { sqlText?: string; bindings?: unknown };
      // One statement at a time per session, as on a Snowflake connection.
      const run = session.queue.then(() => handleQueryRequest(context, session, queryBody, url.searchParams.get('requestId') ?? undefined, entry));
      session.queue = run.catch(() => undefined);
      return run;
    }
    const abort = /^\/queries\/([^/]+)\/abort-request$/.exec(path);
    if (abort) {
      const requestId = (body as { requestId?: string }).requestId;
      abortQuery(context, abort[1] === 'v1' ? undefined : abort[1], requestId);
      return ok;
    }
    if (path === '/session/heartbeat') return ok;
    if (path === '/session/token-request') {
      return { status: 200, body: { success: true, data: { sessionToken: session.token, validityInSecondsST: 3600 } } };
    }
    if (path === '/session' && url.searchParams.get('delete') === 'true') {
      sessions.delete(session.token);
      session.connection.closeSync();
      return ok;
    }
    return { status: 404, body: { success: false, code: '000404', message: `Unknown path ${request.method} ${path}`, data: {} } };
  }

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const session = sessions.get(tokenOf(request) ?? '');
      let body: unknown = {};
      try {
        body = await readBody(request);
      } catch {
        body = {};
      }
      const sql = url.pathname === '/session/v1/login-request' ? 'login' : (body as { sqlText?: string }).sqlText;
      const fault = url.pathname === '/session/v1/login-request' || url.pathname === '/queries/v1/query-request'
        ? faults.take(['http500'], sql ?? '')
        : undefined;
      const retryCount = url.searchParams.get('retryCount');
      const entry = log.add({
        path: url.pathname,
        method: request.method ?? 'GET',
        status: fault ? 500 : 200,
        sql: (body as { sqlText?: string }).sqlText,
        binds: (body as { bindings?: unknown }).bindings,
        requestId: url.searchParams.get('requestId') ?? undefined,
        retryCount: retryCount === null ? undefined : Number(retryCount),
        // A statement-level QUERY_TAG parameter wins over the session's, as on Snowflake.
        queryTag: (body as { parameters?: { QUERY_TAG?: string } }).parameters?.QUERY_TAG ?? session?.queryTag,
        warehouse: session?.warehouse,
        role: session?.role,
        database: session?.database,
        schema: session?.schema,
      });
      const reply: HandlerReply = fault
        ? { status: 500, body: { success: false, code: '000500', message: 'Injected HTTP 500', data: {} } }
        : await route(request, url, body, entry, session).catch((error: unknown) => ({
            status: 500,
            body: { success: false, code: '000500', message: error instanceof Error ? error.message : String(error), data: {} },
          }));
      entry.finishedAt = log.now();
      send(response, reply);
    })();
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests: log.entries,
    statements: () => log.statements(),
    clearLog: () => log.clear(),
    injectFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    close: async () => {
      for (const query of context.running.values()) query.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const session of sessions.values()) session.connection.closeSync();
      sessions.clear();
      instance.closeSync();
    },
  };
}
