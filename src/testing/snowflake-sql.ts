/**
 * Syntax check for generated Snowflake SQL (golden-SQL tests), using the Rust `sqlparser` crate's
 * Snowflake dialect compiled to WASM (`@guanmingchiu/sqlparser-ts`).
 *
 * The WASM module loads asynchronously: `await initSnowflakeSqlValidator()` once (e.g. in `beforeAll`),
 * then call `validateSnowflakeSql` as often as needed.
 */
import { init, validate } from '@guanmingchiu/sqlparser-ts';
import { splitStatements } from '../adapters/split-statements.js';

export type SnowflakeSqlValidation = { readonly ok: true } | { readonly ok: false; readonly error: string };

/**
 * Statement forms valid on Snowflake that the parser (0.62) rejects or may reject; each is accepted
 * without parsing. Keep this list short and add a case to the test for every entry.
 */
const allowList: readonly { readonly pattern: RegExp; readonly why: string }[] = [
  { pattern: /^\s*(describe|desc)\s+view\s+/i, why: '`describe view <name>` is not parsed (only `describe table`)' },
  { pattern: /^\s*alter\s+table\s+\S+\s+(resume|suspend)\s+recluster\s*$/i, why: 'automatic clustering switches' },
  { pattern: /^\s*show\s+(terse\s+)?objects(\s+like\s+'[^']*')?\s+in\s+/i, why: 'catalog listing used by listRelations' },
];

let ready: Promise<void> | undefined;
let initialized = false;

/** Load the parser's WASM module; safe to call many times. */
export function initSnowflakeSqlValidator(): Promise<void> {
  ready ??= init().then(() => {
    initialized = true;
  });
  return ready;
}

/**
 * Check that every statement of `sql` parses as Snowflake SQL.
 *
 * @example
 * await initSnowflakeSqlValidator();
 * validateSnowflakeSql('merge into t using s on t.k = s.k when matched then update set v = s.v'); // { ok: true }
 * validateSnowflakeSql('selec 1'); // { ok: false, error: 'statement 1: sql parser error: Expected: an SQL statement, found: selec ...' }
 */
export function validateSnowflakeSql(sql: string): SnowflakeSqlValidation {
  if (!initialized) throw new Error('Call `await initSnowflakeSqlValidator()` before validateSnowflakeSql().');
  const statements = splitStatements(sql);
  if (statements.length === 0) return { ok: false, error: 'no SQL statement found' };
  for (const [index, statement] of statements.entries()) {
    if (allowList.some(({ pattern }) => pattern.test(statement))) continue;
    try {
      validate(statement, 'snowflake');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, error: `statement ${index + 1}: ${message}` };
    }
  }
  return { ok: true };
}
