/**
 * The thin, documented translation from a Snowflake statement to what the stand-in does on DuckDB.
 *
 * - Unquoted words are upper-cased first, as Snowflake folds unquoted identifiers: `select 1 as id`
 *   returns a column `ID` and `create table analytics.staging.x` creates `ANALYTICS.STAGING.X`.
 *   Quoted identifiers, strings and comments are left alone. (DuckDB still compares names
 *   case-insensitively, so `"x"` finds `X` where Snowflake would not; the stand-in accepts that.)
 * - `create`: `transient`, `secure`, `copy grants` and inline `cluster by (...)` are dropped.
 * - `alter table ... cluster by / resume recluster / suspend recluster / drop clustering key`,
 *   `alter session ...` (except the query tag, which is kept in session state), `use warehouse`,
 *   `use role`, `grant`, `revoke` are answered without touching DuckDB.
 * - `use database` / `use schema` switch the session context; `create database` attaches a DuckDB catalog.
 * - `show [terse] objects in <db>.<schema>` and `describe table <name>` are answered from DuckDB's
 *   catalog in Snowflake's column layout (see `catalog-queries.ts`).
 * - `alter table a swap with b` becomes three renames in one DuckDB transaction.
 * - Type names `NUMBER`, `TIMESTAMP_NTZ/LTZ/TZ` become DuckDB's in casts and column definitions;
 *   `current_timestamp()` / `current_date()` lose their parentheses, `sysdate()` is the UTC time,
 *   `iff(` is `if(`, `to_timestamp_ntz(x)` is `cast(x as timestamp)`; `alter ... rename to a.b.c`
 *   keeps `c`.
 */
import { isTrivia, tokenizeSql, type SqlToken } from '../../adapters/split-statements.js';

/** Where a DML statement's affected-row count is reported, as Snowflake's statement type ids. */
export type StatementType = 'query' | 'insert' | 'update' | 'delete' | 'merge' | 'ddl' | 'transaction';

export type StatementPlan =
  | { readonly kind: 'run'; readonly sql: string; readonly statementType: StatementType }
  | { readonly kind: 'noop' }
  | { readonly kind: 'set-query-tag'; readonly tag: string | undefined }
  | { readonly kind: 'use'; readonly target: 'warehouse' | 'role' | 'database' | 'schema'; readonly parts: readonly string[] }
  | { readonly kind: 'create-database'; readonly name: string }
  | { readonly kind: 'swap'; readonly left: readonly string[]; readonly right: readonly string[] }
  | { readonly kind: 'show-objects'; readonly parts: readonly string[]; readonly terse: boolean }
  | { readonly kind: 'describe-table'; readonly parts: readonly string[] };

const typeNames: Readonly<Record<string, (hasArguments: boolean) => string>> = {
  // Snowflake's bare NUMBER is NUMBER(38,0); DuckDB's bare DECIMAL would be DECIMAL(18,3).
  NUMBER: (hasArguments) => (hasArguments ? 'DECIMAL' : 'DECIMAL(38,0)'),
  TIMESTAMP_NTZ: () => 'TIMESTAMP',
  TIMESTAMP_LTZ: () => 'TIMESTAMPTZ',
  TIMESTAMP_TZ: () => 'TIMESTAMPTZ',
};

const noopAlterTable = [/\bCLUSTER BY\b/, /\bRESUME RECLUSTER\b/, /\bSUSPEND RECLUSTER\b/, /\bDROP CLUSTERING KEY\b/];

/** Upper-case unquoted words (Snowflake's identifier folding). */
function foldTokens(sql: string): SqlToken[] {
  return tokenizeSql(sql.trim()).map((token) => (token.kind === 'word' ? { ...token, text: token.text.toUpperCase() } : token));
}

/** Identifier value of a word or quoted-identifier token. */
function identifierValue(token: SqlToken): string {
  return token.kind === 'quoted-identifier' ? token.text.slice(1, -1).replace(/""/g, '"') : token.text;
}

/** Read a dotted name starting at `start` in the significant-token list. */
function readName(tokens: readonly SqlToken[], start: number): string[] {
  const parts: string[] = [];
  let index = start;
  while (tokens[index] && (tokens[index].kind === 'word' || tokens[index].kind === 'quoted-identifier')) {
    parts.push(identifierValue(tokens[index]));
    if (tokens[index + 1]?.text !== '.') break;
    index += 2;
  }
  return parts;
}

function classify(firstWord: string): StatementType {
  switch (firstWord) {
    case 'SELECT':
    case 'WITH':
    case 'VALUES':
    case 'TABLE':
    case 'FROM':
      return 'query';
    case 'INSERT':
      return 'insert';
    case 'UPDATE':
      return 'update';
    case 'DELETE':
      return 'delete';
    case 'MERGE':
      return 'merge';
    case 'BEGIN':
    case 'START':
    case 'COMMIT':
    case 'ROLLBACK':
      return 'transaction';
    default:
      return 'ddl';
  }
}

const headerKeywords = new Set(['TRANSIENT', 'SECURE', 'TEMPORARY', 'TEMP', 'LOCAL', 'GLOBAL', 'VOLATILE']);
const objectKinds = new Set(['TABLE', 'VIEW', 'SCHEMA', 'DATABASE', 'SEQUENCE', 'FUNCTION', 'MACRO']);

/**
 * Drop `transient`, `secure`, `temporary` (DuckDB keeps temporary tables in a catalog of their own, so
 * `create temporary table analytics.marts.x__dbt_tmp` becomes an ordinary table there), `copy grants`
 * and `cluster by (...)` from a create statement. Keywords are only removed from the statement's
 * header (before the object kind) and options only before its body, so columns named `secure` survive.
 */
function stripCreateOptions(tokens: SqlToken[]): SqlToken[] {
  const out: SqlToken[] = [];
  let depth = 0;
  let inHeader = true;
  let inBody = false;
  const nextWord = (from: number): number => {
    let cursor = from + 1;
    while (tokens[cursor] && isTrivia(tokens[cursor])) cursor += 1;
    return cursor;
  };
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (token.kind === 'word' && depth === 0 && !inBody) {
      if (inHeader && headerKeywords.has(token.text)) {
        index = nextWord(index) - 1;
        continue;
      }
      if (objectKinds.has(token.text)) inHeader = false;
      if (!inHeader && (token.text === 'AS' || token.text === 'SELECT' || token.text === 'WITH')) inBody = true;
      if (token.text === 'COPY' && tokens[nextWord(index)]?.text === 'GRANTS') {
        index = nextWord(nextWord(index)) - 1;
        continue;
      }
      const byIndex = nextWord(index);
      if (token.text === 'CLUSTER' && tokens[byIndex]?.text === 'BY' && tokens[nextWord(byIndex)]?.text === '(') {
        let cursor = nextWord(byIndex);
        let parens = 0;
        for (; cursor < tokens.length; cursor += 1) {
          if (tokens[cursor].text === '(') parens += 1;
          if (tokens[cursor].text === ')' && --parens === 0) break;
        }
        index = nextWord(cursor) - 1;
        continue;
      }
    }
    if (token.text === '(') depth += 1;
    if (token.text === ')') depth -= 1;
    out.push(token);
  }
  return out;
}

/** Snowflake type names and function spellings DuckDB does not know. */
function translateTypesAndFunctions(tokens: SqlToken[]): SqlToken[] {
  const significant = tokens.map((token, index) => ({ token, index })).filter(({ token }) => !isTrivia(token));
  const replaced = new Map<number, string>();
  const dropped = new Set<number>();
  significant.forEach(({ token, index }, position) => {
    if (token.kind !== 'word') return;
    const previous = significant[position - 1]?.token;
    const beforePrevious = significant[position - 2]?.token;
    const next = significant[position + 1];
    const translate = typeNames[token.text];
    const typePosition =
      previous?.text === '::' ||
      previous?.text === 'AS' ||
      (previous?.kind === 'word' && (beforePrevious?.text === '(' || beforePrevious?.text === ','));
    if (translate && typePosition) replaced.set(index, translate(next?.token.text === '('));
    const close = significant[position + 2];
    const emptyCall = next?.token.text === '(' && close?.token.text === ')';
    if ((token.text === 'CURRENT_TIMESTAMP' || token.text === 'CURRENT_DATE') && emptyCall) {
      dropped.add(next.index);
      dropped.add(close.index);
    }
    if (token.text === 'SYSDATE' && emptyCall) {
      // SYSDATE() is the current UTC time as TIMESTAMP_NTZ.
      replaced.set(index, "(CURRENT_TIMESTAMP AT TIME ZONE 'UTC')");
      dropped.add(next.index);
      dropped.add(close.index);
    }
    if (token.text === 'IFF' && next?.token.text === '(') replaced.set(index, 'IF');
    if (token.text === 'TO_TIMESTAMP_NTZ' && next?.token.text === '(') {
      // to_timestamp_ntz(x) → cast(x as timestamp): find the call's closing parenthesis.
      let depth = 0;
      for (let cursor = position + 1; cursor < significant.length; cursor += 1) {
        const text = significant[cursor]!.token.text;
        if (text === '(') depth += 1;
        if (text === ')' && --depth === 0) {
          replaced.set(index, 'CAST');
          replaced.set(significant[cursor]!.index, ' AS TIMESTAMP)');
          break;
        }
      }
    }
  });
  return tokens
    .map((token, index) => (replaced.has(index) ? { ...token, text: replaced.get(index) as string } : token))
    .filter((_, index) => !dropped.has(index));
}

/** `alter table a.b.x rename to a.b.y` → DuckDB only accepts the bare new name. */
function unqualifyRenameTarget(tokens: SqlToken[]): SqlToken[] {
  const significant = tokens.map((token, index) => ({ token, index })).filter(({ token }) => !isTrivia(token));
  const toPosition = significant.findIndex(
    ({ token }, position) => token.text === 'RENAME' && significant[position + 1]?.token.text === 'TO',
  );
  if (toPosition === -1) return tokens;
  const nameStart = toPosition + 2;
  let last = nameStart;
  while (significant[last + 1]?.token.text === '.' && significant[last + 2]) last += 2;
  const keep = significant[last].index;
  const drop = new Set(significant.slice(nameStart, last).map(({ index }) => index));
  return tokens.filter((_, index) => index === keep || !drop.has(index));
}

function render(tokens: readonly SqlToken[]): string {
  return tokens.map((token) => token.text).join('');
}

/** The session-level statements the stand-in answers itself; undefined when DuckDB should run it. */
function planSessionStatement(words: readonly SqlToken[], text: string): StatementPlan | undefined {
  const [first, second] = words.map((token) => token.text);
  if (first === 'USE') {
    const targets = ['WAREHOUSE', 'ROLE', 'DATABASE', 'SCHEMA'] as const;
    const explicit = targets.find((target) => target === second);
    const target = (explicit ?? 'DATABASE').toLowerCase() as 'warehouse' | 'role' | 'database' | 'schema';
    return { kind: 'use', target, parts: readName(words, explicit ? 2 : 1) };
  }
  if (first === 'ALTER' && second === 'SESSION') {
    const unset = words[2]?.text === 'UNSET';
    const tagAt = words.findIndex((token) => token.text === 'QUERY_TAG');
    if (tagAt === -1) return { kind: 'noop' };
    if (unset) return { kind: 'set-query-tag', tag: undefined };
    const value = words[tagAt + 2];
    const tag = value?.kind === 'string' ? value.text.slice(1, -1).replace(/''/g, "'").replace(/\\'/g, "'") : undefined;
    return { kind: 'set-query-tag', tag };
  }
  if (first === 'ALTER' && second === 'TABLE' && noopAlterTable.some((pattern) => pattern.test(text))) {
    return { kind: 'noop' };
  }
  if (first === 'GRANT' || first === 'REVOKE' || (first === 'ALTER' && second === 'WAREHOUSE')) return { kind: 'noop' };
  return undefined;
}

function planCatalogStatement(words: readonly SqlToken[]): StatementPlan | undefined {
  const texts = words.map((token) => token.text);
  const swapAt = texts.indexOf('SWAP');
  if (texts[0] === 'ALTER' && texts[1] === 'TABLE' && swapAt !== -1 && texts[swapAt + 1] === 'WITH') {
    return { kind: 'swap', left: readName(words, texts[2] === 'IF' ? 4 : 2), right: readName(words, swapAt + 2) };
  }
  if (texts[0] === 'SHOW') {
    const terse = texts[1] === 'TERSE';
    const objects = terse ? 2 : 1;
    if (texts[objects] !== 'OBJECTS' && texts[objects] !== 'TABLES' && texts[objects] !== 'VIEWS') return undefined;
    const inAt = texts.indexOf('IN');
    if (inAt === -1) return { kind: 'show-objects', parts: [], terse };
    const nameAt = texts[inAt + 1] === 'SCHEMA' ? inAt + 2 : inAt + 1;
    return { kind: 'show-objects', parts: readName(words, nameAt), terse };
  }
  if (texts[0] === 'DESCRIBE' || texts[0] === 'DESC') {
    const nameAt = texts[1] === 'TABLE' || texts[1] === 'VIEW' ? 2 : 1;
    return { kind: 'describe-table', parts: readName(words, nameAt) };
  }
  if (texts[0] === 'CREATE' && texts.includes('DATABASE') && texts.indexOf('DATABASE') <= 3) {
    const nameAt = texts.indexOf('DATABASE') + (texts[texts.indexOf('DATABASE') + 1] === 'IF' ? 4 : 1);
    return { kind: 'create-database', name: readName(words, nameAt)[0] };
  }
  return undefined;
}

/**
 * Decide what to do with one Snowflake statement.
 *
 * @example planStatement('create or replace transient table a.b.c cluster by (k) as select 1 as k')
 * // { kind: 'run', sql: 'CREATE OR REPLACE TABLE A.B.C AS SELECT 1 AS K', statementType: 'ddl' }
 */
export function planStatement(sql: string): StatementPlan {
  const tokens = foldTokens(sql);
  const words = tokens.filter((token) => !isTrivia(token) && token.kind !== 'semicolon');
  const text = words.map((token) => token.text).join(' ');
  const sessionPlan = planSessionStatement(words, text);
  if (sessionPlan) return sessionPlan;
  const catalogPlan = planCatalogStatement(words);
  if (catalogPlan) return catalogPlan;
  const statementType = classify(words[0]?.text ?? '');
  let rewritten = words[0]?.text === 'CREATE' ? stripCreateOptions(tokens) : tokens;
  rewritten = translateTypesAndFunctions(rewritten);
  if (words[0]?.text === 'ALTER') rewritten = unqualifyRenameTarget(rewritten);
  return { kind: 'run', sql: render(rewritten).trim(), statementType };
}
