/**
 * The one SQL script splitter and tokenizer, shared by every adapter (and the Snowflake stand-in).
 *
 * Both know just enough SQL lexing to never split or rewrite inside text that is not code:
 * single-quoted strings (with `''` and `\'` escapes), double-quoted identifiers (with `""`),
 * Snowflake `$$ ... $$` strings, `--` line comments and `/* *\/` block comments.
 */

/** What a piece of SQL text is, as far as splitting and rewriting care. */
export type SqlTokenKind =
  | 'word' // an unquoted identifier or keyword (letters, digits, `_`, `$`)
  | 'quoted-identifier' // "Name"
  | 'string' // 'text'
  | 'dollar-string' // $$text$$
  | 'line-comment' // -- ...
  | 'block-comment' // /* ... */
  | 'whitespace'
  | 'semicolon'
  | 'symbol'; // any other character (operators, parentheses, dots, ...), `::` kept whole

export interface SqlToken {
  readonly kind: SqlTokenKind;
  readonly text: string;
}

const wordStart = /[A-Za-z_\u0080-\uffff]/;
const wordPart = /[A-Za-z0-9_$\u0080-\uffff]/;

/** Index just past a quoted run that starts at `start` with `quote`; a doubled quote is an escaped one. */
function endOfQuoted(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
  let index = start + 1;
  while (index < sql.length) {
    const char = sql[index];
    if (backslashEscapes && char === '\\') {
      index += 2;
      continue;
    }
    if (char === quote) {
      if (sql[index + 1] === quote) {
        index += 2;
        continue;
      }
      return index + 1;
    }
    index += 1;
  }
  // Unterminated: the rest of the script belongs to the string; the database reports the error.
  return sql.length;
}

function endOfToken(sql: string, start: number): { readonly end: number; readonly kind: SqlTokenKind } {
  const char = sql[start];
  const next = sql[start + 1];
  if (char === "'") return { end: endOfQuoted(sql, start, "'", true), kind: 'string' };
  if (char === '"') return { end: endOfQuoted(sql, start, '"', false), kind: 'quoted-identifier' };
  if (char === '$' && next === '$') {
    const close = sql.indexOf('$$', start + 2);
    return { end: close === -1 ? sql.length : close + 2, kind: 'dollar-string' };
  }
  if (char === '-' && next === '-') {
    const close = sql.indexOf('\n', start + 2);
    return { end: close === -1 ? sql.length : close, kind: 'line-comment' };
  }
  if (char === '/' && next === '*') {
    const close = sql.indexOf('*/', start + 2);
    return { end: close === -1 ? sql.length : close + 2, kind: 'block-comment' };
  }
  if (char === ';') return { end: start + 1, kind: 'semicolon' };
  if (/\s/.test(char)) {
    let end = start + 1;
    while (end < sql.length && /\s/.test(sql[end])) end += 1;
    return { end, kind: 'whitespace' };
  }
  if (wordStart.test(char) || /[0-9]/.test(char)) {
    let end = start + 1;
    while (end < sql.length && wordPart.test(sql[end])) end += 1;
    return { end, kind: 'word' };
  }
  if (char === ':' && next === ':') return { end: start + 2, kind: 'symbol' };
  return { end: start + 1, kind: 'symbol' };
}

/**
 * Cut SQL text into tokens. Joining the `text` of all tokens gives back the input exactly.
 *
 * @example tokenizeSql("select 'a;b'") // word, whitespace, string
 */
export function tokenizeSql(sql: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  let index = 0;
  while (index < sql.length) {
    const { end, kind } = endOfToken(sql, index);
    tokens.push({ kind, text: sql.slice(index, end) });
    index = end;
  }
  return tokens;
}

/** True when a token carries no code (whitespace or a comment). */
export function isTrivia(token: SqlToken): boolean {
  return token.kind === 'whitespace' || token.kind === 'line-comment' || token.kind === 'block-comment';
}

/**
 * Split a script into statements on `;` outside strings, quoted identifiers, `$$` strings and comments.
 *
 * Each statement keeps its own text (comments included) with surrounding whitespace trimmed;
 * statements that hold nothing but whitespace and comments are dropped. A Snowflake Scripting block
 * (`begin ... end`) must be written inside `$$ ... $$` (as Snowflake itself requires outside Snowsight).
 *
 * @example splitStatements("create table a (x int); -- done\ninsert into a values (1);")
 * // ['create table a (x int)', '-- done\ninsert into a values (1)']
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current: SqlToken[] = [];
  const flush = (): void => {
    if (current.some((token) => !isTrivia(token))) {
      statements.push(current.map((token) => token.text).join('').trim());
    }
    current = [];
  };
  for (const token of tokenizeSql(sql)) {
    if (token.kind === 'semicolon') flush();
    else current.push(token);
  }
  flush();
  return statements;
}
