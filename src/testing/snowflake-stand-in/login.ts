/**
 * `POST /session/v1/login-request`: open a stand-in session with tokens, the session parameters
 * and the context the driver asked for (`databaseName`, `schemaName`, `warehouse`, `roleName`).
 */
import { randomUUID } from 'node:crypto';
import type { DuckDBInstance } from '@duckdb/node-api';
import type { HandlerReply } from './query-handler.js';
import { DatabaseCatalog, sessionParameters, type StandInSession } from './stand-in-session.js';

/** Credentials the stand-in accepts; any user and password when not given. */
export interface StandInCredentials {
  readonly user: string;
  readonly password: string;
}

interface LoginBody {
  readonly data?: {
    readonly LOGIN_NAME?: string;
    readonly PASSWORD?: string;
    readonly SESSION_PARAMETERS?: { readonly QUERY_TAG?: string };
  };
}

/** Snowflake folds an unquoted name to upper case; a `"quoted"` one keeps its spelling. */
export function foldIdentifier(name: string | null | undefined): string | undefined {
  if (!name) return undefined;
  return /^".*"$/.test(name) ? name.slice(1, -1).replace(/""/g, '"') : name.toUpperCase();
}

let nextSessionId = 1;

/** Check credentials and open a session; `sessions` is keyed by session token. */
export async function handleLogin(
  body: LoginBody,
  params: URLSearchParams,
  instance: DuckDBInstance,
  catalog: DatabaseCatalog,
  sessions: Map<string, StandInSession>,
  credentials: StandInCredentials | undefined,
): Promise<HandlerReply> {
  const data = body.data ?? {};
  if (credentials && (data.LOGIN_NAME?.toUpperCase() !== credentials.user.toUpperCase() || data.PASSWORD !== credentials.password)) {
    return {
      status: 200,
      body: { success: false, code: '390100', message: 'Incorrect username or password was specified.', data: { nextAction: 'RETRY_LOGIN' } },
    };
  }
  const database = foldIdentifier(params.get('databaseName'));
  if (database) await catalog.ensure(database);
  const session: StandInSession = {
    sessionId: nextSessionId++,
    token: `session-${randomUUID()}`,
    masterToken: `master-${randomUUID()}`,
    connection: await instance.connect(),
    database,
    schema: foldIdentifier(params.get('schemaName')),
    warehouse: foldIdentifier(params.get('warehouse')),
    role: foldIdentifier(params.get('roleName')),
    queryTag: data.SESSION_PARAMETERS?.QUERY_TAG,
    inTransaction: false,
    queue: Promise.resolve(),
  };
  // Snowflake's session TIMEZONE parameter is UTC (see sessionParameters); DuckDB's default is the machine's.
  await session.connection.run("set TimeZone = 'UTC'");
  sessions.set(session.token, session);
  return {
    status: 200,
    body: {
      success: true,
      code: null,
      message: null,
      data: {
        token: session.token,
        masterToken: session.masterToken,
        validityInSeconds: 3600,
        masterValidityInSeconds: 14400,
        sessionId: session.sessionId,
        displayUserName: data.LOGIN_NAME ?? '',
        serverVersion: 'tsdbt-stand-in',
        firstLogin: false,
        parameters: sessionParameters,
        sessionInfo: {
          databaseName: session.database ?? null,
          schemaName: session.schema ?? null,
          warehouseName: session.warehouse ?? null,
          roleName: session.role ?? null,
        },
      },
    },
  };
}
