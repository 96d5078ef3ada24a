/**
 * Per-node session settings: a node whose config sets `snowflake_warehouse` or `query_tag` runs
 * with them, and the session goes back to what it had before for the next node (as dbt-snowflake
 * does around a model). Only sessions that expose the optional `useWarehouse` / `setQueryTag`
 * hooks (`adapters/adapter.ts`) act on them; on others the keys are ignored, as on dbt-duckdb.
 */
import type { Session, SessionSettings } from '../adapters/adapter.js';

/** The session settings a node's config asks for; keys keep dbt-snowflake's names. */
export function sessionSettingsOf(config: Readonly<Record<string, unknown>>): SessionSettings {
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
  const warehouse = text(config.snowflake_warehouse);
  const queryTag = text(config.query_tag);
  return { ...(warehouse === undefined ? {} : { warehouse }), ...(queryTag === undefined ? {} : { queryTag }) };
}

/** Apply `wanted` where it differs from `current`; returns what to restore afterwards. */
async function applySettings(session: Session, wanted: SessionSettings, current: SessionSettings): Promise<SessionSettings & { readonly restoreTag: boolean }> {
  let restoreWarehouse: string | undefined;
  let restoreTag = false;
  // The warehouse first: a statement that fails to switch it must not leave a changed tag behind.
  if (wanted.warehouse !== undefined && session.useWarehouse && wanted.warehouse !== current.warehouse) {
    await session.useWarehouse(wanted.warehouse);
    restoreWarehouse = current.warehouse;
  }
  if (wanted.queryTag !== undefined && session.setQueryTag && wanted.queryTag !== current.queryTag) {
    await session.setQueryTag(wanted.queryTag);
    restoreTag = true;
  }
  return { ...(restoreWarehouse === undefined ? {} : { warehouse: restoreWarehouse }), queryTag: current.queryTag, restoreTag };
}

/**
 * Run `work` (one node) with the session settings `config` asks for, restoring the previous ones
 * afterwards in reverse order. When the node failed, a failed restore is ignored (the node's
 * error is the one to report; the adapter resets a session it releases). After a cancel nothing
 * is restored: the session is going away.
 */
export async function withSessionSettings<T>(session: Session, config: Readonly<Record<string, unknown>>, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const wanted = sessionSettingsOf(config);
  if (wanted.warehouse === undefined && wanted.queryTag === undefined) return work();
  const current = session.currentSettings?.() ?? {};
  const restore = await applySettings(session, wanted, current);
  const undo = async (): Promise<void> => {
    if (signal?.aborted) return;
    if (restore.restoreTag) await session.setQueryTag?.(restore.queryTag);
    if (restore.warehouse !== undefined) await session.useWarehouse?.(restore.warehouse);
  };
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await undo().catch(() => undefined);
    throw error;
  }
  await undo();
  return result;
}
