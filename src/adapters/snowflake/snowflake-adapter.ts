/**
 * The Snowflake adapter: one `snowflake-sdk` connection pool sized to the target's threads,
 * Snowflake identifier casing, catalog lookups with `show objects` / `describe table`.
 */
import type { Connection, Pool } from 'snowflake-sdk';
import type { RelationName } from '../../parse/manifest.js';
import type { Adapter, ColumnInfo, Relation, RelationType } from '../adapter.js';
import { normalizeSnowflakeIdentifier, quoteSnowflakeIdentifier, renderSnowflakeRelation, snowflakeCapabilities } from './snowflake-dialect.js';
import { createSnowflakePool } from './connect.js';
import { isTransientSnowflakeError, mapSnowflakeError } from './map-error.js';
import { defaultRetryPolicy, withRetry, type RetryPolicy } from './retry.js';
import { createSnowflakeSession, type SnowflakeSession } from './snowflake-session.js';
import { secretsOf, type SnowflakeTargetOptions } from './target.js';

export type { SnowflakeSession } from './snowflake-session.js';
export type { SnowflakeTargetOptions } from './target.js';
export { normalizeSnowflakeIdentifier, quoteSnowflakeIdentifier, snowflakeCapabilities } from './snowflake-dialect.js';

/** The Snowflake adapter, with sessions that carry the Snowflake-only extras. */
export interface SnowflakeAdapter extends Adapter {
  openSession(): Promise<SnowflakeSession>;
}

export interface SnowflakeAdapterOptions {
  /**
   * Retries for failures that never reached the SQL engine; default 3 attempts, 1 s base delay.
   * Logins use the target's `connect_retries` + 1 attempts when it is set.
   */
  readonly retry?: RetryPolicy;
}

function relationTypeOf(kind: unknown): RelationType {
  const text = String(kind).toUpperCase();
  if (text.includes('EXTERNAL')) return 'external';
  return text.includes('VIEW') ? 'view' : 'table';
}

/** Snowflake answers `show objects` on a schema that does not exist with 002003; that is simply no relations. */
function isMissingObject(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '002003';
}

/**
 * Create the Snowflake adapter for a target. Connections open lazily, one per session, up to `threads`.
 *
 * @example
 * const adapter = await createSnowflakeAdapter(profile.outputs.prod, { retry: { attempts: 5, baseDelayMs: 500 } });
 * const session = await adapter.openSession();
 * try { await session.execute(sql); } finally { await session.release(); }
 */
export async function createSnowflakeAdapter(
  target: SnowflakeTargetOptions,
  options: SnowflakeAdapterOptions = {},
): Promise<SnowflakeAdapter> {
  const retry = options.retry ?? defaultRetryPolicy;
  const connectRetry: RetryPolicy = target.connect_retries === undefined ? retry : { ...retry, attempts: target.connect_retries + 1 };
  const secrets = secretsOf(target);
  const pool: Pool<Connection> = createSnowflakePool(target);
  const open = new Map<SnowflakeSession, Connection>();
  const initialized = new WeakSet<Connection>();

  const renderIdentifier = (name: string): string => quoteSnowflakeIdentifier(normalizeSnowflakeIdentifier(name));

  async function openSession(): Promise<SnowflakeSession> {
    let connection: Connection;
    try {
      connection = await withRetry(() => pool.acquire(), connectRetry, isTransientSnowflakeError);
    } catch (error) {
      throw mapSnowflakeError(error, { secrets });
    }
    const isNew = !initialized.has(connection);
    const session = createSnowflakeSession(connection, {
      retry,
      secrets,
      renderIdentifier,
      defaults: { queryTag: target.query_tag, warehouse: target.warehouse },
      onRelease: async (released) => {
        open.delete(released);
        await pool.release(connection);
      },
    });
    open.set(session, connection);
    if (isNew) {
      initialized.add(connection);
      try {
        if (target.query_tag) await session.setQueryTag(target.query_tag);
      } catch (error) {
        await session.release();
        throw error;
      }
    }
    return session;
  }

  async function withSession<T>(work: (session: SnowflakeSession) => Promise<T>): Promise<T> {
    const session = await openSession();
    try {
      return await work(session);
    } finally {
      await session.release();
    }
  }

  const adapter: SnowflakeAdapter = {
    type: 'snowflake',
    capabilities: snowflakeCapabilities,
    openSession,
    quote: quoteSnowflakeIdentifier,
    renderRelation: renderSnowflakeRelation,
    async listRelations(database: string, schema: string): Promise<readonly Relation[]> {
      return withSession(async (session) => {
        let result;
        try {
          result = await session.query(`show objects in ${renderIdentifier(database)}.${renderIdentifier(schema)}`);
        } catch (error) {
          if (isMissingObject(error)) return [];
          throw error;
        }
        return result.rows.map((row) => ({
          database: String(row.database_name),
          schema: String(row.schema_name),
          identifier: String(row.name),
          type: relationTypeOf(row.kind),
        }));
      });
    },
    async getColumns(relation: RelationName): Promise<readonly ColumnInfo[]> {
      return withSession(async (session) => {
        const result = await session.query(`describe table ${adapter.renderRelation(relation)}`);
        return result.rows
          .filter((row) => row.kind === undefined || row.kind === 'COLUMN')
          .map((row) => ({ name: String(row.name), dataType: String(row.type) }));
      });
    },
    async createSchema(database: string, schema: string): Promise<void> {
      await withSession((session) => session.execute(`create schema if not exists ${renderIdentifier(database)}.${renderIdentifier(schema)}`));
    },
    async close(): Promise<void> {
      const sessions = [...open.keys()];
      await Promise.all(sessions.map((session) => session.cancel()));
      await Promise.all(sessions.map((session) => session.release()));
      await pool.drain();
      await pool.clear();
    },
  };
  return adapter;
}
