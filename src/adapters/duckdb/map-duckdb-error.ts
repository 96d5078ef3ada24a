import { TsdbtError } from '../../errors/tsdbt-error.js';

/**
 * DuckDB errors arrive as `Error` with messages like
 * `Binder Error: Referenced column "x" not found in FROM clause!\nCandidate bindings: ...\n\nLINE 1: ...`.
 * Keep DuckDB's own words (they are good), drop nothing, tag as a database error.
 */
export function mapDuckDbError(error: unknown, extra: { readonly hint?: string } = {}): TsdbtError {
  if (error instanceof TsdbtError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = /^([A-Za-z ]+ Error):/.exec(message)?.[1];
  return new TsdbtError({ kind: 'database', message: message.trim(), code, hint: extra.hint, cause: error });
}
