/**
 * Source-to-source rewrite of the Jinja2 idioms the Nunjucks 3.2.4 parser rejects or misreads.
 *
 * Only template tags (`{{ }}`, `{% %}`) are touched; SQL text, `{# #}` comments, `{% raw %}`
 * blocks and string literals inside expressions are copied byte for byte. Every newline stays
 * where it was, so a Nunjucks error at line N is an error at line N of the user's file.
 * Columns may shift by a few characters on a rewritten line.
 *
 * What is rewritten (and why Nunjucks needs it):
 * - `True` / `False` / `None` → `true` / `false` / `none` (Nunjucks only knows the lowercase literals).
 * - trailing commas in calls, lists, dicts and macro signatures (a Nunjucks syntax error).
 * - tuples `(a, b)`, `(a,)`, `()` → lists (Nunjucks evaluates `(a, b)` as a JS comma expression: `b`).
 * - test arguments without parentheses, `x is divisibleby 3` → `x is divisibleby (3)`.
 * - a closing `}` followed by `}` inside an expression gets a space, so a nested dict literal does
 *   not end the tag early (Jinja balances brackets, Nunjucks does not).
 * - `{% set ns.attr = value %}` → a call of the `_tsdbt_setattr` global (Nunjucks cannot parse it).
 * - `{% set a, b = pair %}` → unpacking through `_tsdbt_unpack` (Nunjucks assigns `pair` to both).
 * - `{%+` / `{{+` (Jinja's "keep whitespace") → `{%` / `{{`.
 *
 * The rewrite is idempotent: translating translated text changes nothing.
 * `{% for x in xs if cond %}` is not rewritten here: the parser patch installed by
 * `installJinjaCompat` handles it, because the condition must see the loop variable.
 *
 * @example
 * translateJinja("{{ f(a, b,) if x is None }}") // "{{ f(a, b ) if x is none }}"
 */
export function translateJinja(source: string): string {
  const out: string[] = [];
  let position = 0;
  while (position < source.length) {
    const open = findTagStart(source, position);
    if (open === -1) break;
    out.push(source.slice(position, open));
    position = translateTagAt(source, open, out);
  }
  out.push(source.slice(position));
  return out.join('');
}

/** Block tags of dbt resources the compile stage extracts before rendering; kept byte for byte. */
const VERBATIM_TAGS = new Set([
  'snapshot', 'endsnapshot', 'test', 'endtest', 'materialization', 'endmaterialization', 'docs', 'enddocs',
]);

/** Words after which `(` opens a group, not a call. */
const OPERATOR_WORDS = new Set(['in', 'not', 'and', 'or', 'if', 'else', 'is', 'elif']);

/** Words that can never be the argument of a parenthesis-free test (`x is defined and y`). */
const NOT_A_TEST_ARGUMENT = new Set(['and', 'or', 'else', 'if', 'not', 'is', 'in']);

const PYTHON_CONSTANTS: Readonly<Record<string, string>> = { True: 'true', False: 'false', None: 'none' };

function findTagStart(source: string, from: number): number {
  let index = source.indexOf('{', from);
  while (index !== -1 && index + 1 < source.length) {
    const next = source.charCodeAt(index + 1);
    if (next === 123 /* { */ || next === 37 /* % */ || next === 35 /* # */) return index;
    index = source.indexOf('{', index + 1);
  }
  return -1;
}

const RAW_OPEN = /\{%[-+]?\s*(raw|verbatim)\s*[-+]?%\}/y;

/** Translates the tag, comment or raw block starting at `open`; returns the index after it. */
function translateTagAt(source: string, open: number, out: string[]): number {
  const kind = source[open + 1];
  if (kind === '#') {
    const close = source.indexOf('#}', open + 2);
    const end = close === -1 ? source.length : close + 2;
    out.push(source.slice(open, end));
    return end;
  }
  if (kind === '%') {
    RAW_OPEN.lastIndex = open;
    const raw = RAW_OPEN.exec(source);
    if (raw) {
      const closer = new RegExp(`\\{%[-+]?\\s*end${raw[1]}\\s*[-+]?%\\}`, 'g');
      closer.lastIndex = open + raw[0].length;
      const found = closer.exec(source);
      const end = found ? found.index + found[0].length : source.length;
      out.push(source.slice(open, end));
      return end;
    }
  }
  const tag = scanTag(source, open);
  if (tag.unterminated) {
    // Leave broken input alone: Nunjucks reports it at the right place.
    out.push(source.slice(open));
    return source.length;
  }
  const word = /^\s*([A-Za-z_]\w*)/.exec(tag.body)?.[1];
  if (kind === '%' && word !== undefined && VERBATIM_TAGS.has(word)) {
    out.push(source.slice(open, tag.end));
    return tag.end;
  }
  const body = kind === '%' && word === 'set' ? rewriteSet(tag.body) : tag.body;
  out.push(tag.opening, body, tag.closing);
  return tag.end;
}

interface ScannedTag {
  readonly opening: string;
  readonly body: string;
  readonly closing: string;
  readonly end: number;
  readonly unterminated: boolean;
}

interface OpenBracket {
  readonly char: '(' | '[' | '{';
  readonly outIndex: number;
  readonly isCall: boolean;
  commas: number;
  empty: boolean;
}

type TokenKind = 'name' | 'number' | 'string' | 'comma' | 'open' | 'close' | 'operator' | 'none';

/** Mutable state of one tag's scan; kept in one object so the helpers stay small. */
interface ScanState {
  readonly out: string[];
  readonly stack: OpenBracket[];
  lastKind: TokenKind;
  lastText: string;
  lastOutIndex: number;
  lastWasDot: boolean;
  /** 0: nothing, 1: after `is`, 2: after `is not`, 3: after the test name. */
  testState: number;
  /** Stack depth at which a parenthesis inserted before a test argument must be closed. */
  testArgumentDepth: number;
}

/** Scans one `{{ }}` or `{% %}` tag, rewriting its expression tokens. */
function scanTag(source: string, open: number): ScannedTag {
  const isBlock = source[open + 1] === '%';
  let index = open + 2;
  let opening = source.slice(open, index);
  if (source[index] === '-') {
    opening += '-';
    index++;
  } else if (source[index] === '+') {
    // Jinja's "do not strip" marker; Nunjucks never strips without `-`, so it can go.
    opening += ' ';
    index++;
  }
  const state: ScanState = {
    out: [], stack: [], lastKind: 'none', lastText: '', lastOutIndex: -1, lastWasDot: false, testState: 0, testArgumentDepth: -1,
  };
  const out = state.out;
  const length = source.length;
  while (index < length) {
    const code = source.charCodeAt(index);
    if (state.stack.length === 0) {
      const closingLength = matchClosing(source, index, isBlock);
      if (closingLength > 0) {
        closeTestArgument(state);
        return { opening, body: out.join(''), closing: source.slice(index, index + closingLength), end: index + closingLength, unterminated: false };
      }
    }
    if (isSpace(code)) {
      let end = index + 1;
      while (end < length && isSpace(source.charCodeAt(end))) end++;
      out.push(source.slice(index, end));
      index = end;
      continue;
    }
    if (code === 39 || code === 34) {
      const end = skipString(source, index);
      if (end === -1) break;
      beforeOperand(state, source, index);
      out.push(source.slice(index, end));
      afterOperand(state, source, end, 'string', '');
      index = end;
      continue;
    }
    if (isNameStart(code)) {
      let end = index + 1;
      while (end < length && isNamePart(source.charCodeAt(end))) end++;
      const word = source.slice(index, end);
      index = end;
      scanWord(state, source, word, index);
      continue;
    }
    if (code >= 48 && code <= 57) {
      let end = index + 1;
      while (end < length && isNumberPart(source.charCodeAt(end))) end++;
      beforeOperand(state, source, index);
      out.push(source.slice(index, end));
      afterOperand(state, source, end, 'number', '');
      index = end;
      continue;
    }
    index = scanPunctuation(state, source, index);
  }
  return { opening, body: '', closing: '', end: length, unterminated: true };
}

function scanWord(state: ScanState, source: string, word: string, next: number): void {
  const afterDot = state.lastWasDot;
  if (!afterDot && state.testState === 1 && word === 'not') {
    state.out.push(word);
    state.testState = 2;
    setLast(state, 'name', word);
    return;
  }
  if (!afterDot && (state.testState === 1 || state.testState === 2)) {
    // The test name itself, e.g. `defined` in `x is defined`.
    state.out.push(PYTHON_CONSTANTS[word] ?? word);
    state.testState = 3;
    setLast(state, 'name', word);
    return;
  }
  if (state.testState === 3 && NOT_A_TEST_ARGUMENT.has(word)) state.testState = 0;
  if (!afterDot) beforeOperand(state, source, next - word.length);
  const text = afterDot ? word : PYTHON_CONSTANTS[word] ?? word;
  state.out.push(text);
  if (!afterDot && word === 'is') {
    state.testState = 1;
    setLast(state, 'name', word);
    return;
  }
  afterOperand(state, source, next, 'name', word);
}

function scanPunctuation(state: ScanState, source: string, index: number): number {
  const char = source[index];
  const out = state.out;
  if (char === '(' || char === '[' || char === '{') {
    const isCall = char === '(' && isCallPosition(state);
    beforeOperand(state, source, index);
    state.stack.push({ char, outIndex: out.length, isCall, commas: 0, empty: true });
    out.push(char);
    setLast(state, 'open', char);
    return index + 1;
  }
  if (char === ')' || char === ']' || char === '}') {
    closeBracket(state, source, index);
    return index + 1;
  }
  const top = state.stack[state.stack.length - 1];
  if (char === ',') {
    closeTestArgument(state);
    if (top) top.commas++;
    out.push(char);
    setLast(state, 'comma', char);
    return index + 1;
  }
  if (state.testState === 3) state.testState = 0;
  out.push(char);
  setLast(state, 'operator', char);
  state.lastWasDot = char === '.';
  return index + 1;
}

function closeBracket(state: ScanState, source: string, index: number): void {
  const char = source[index];
  const out = state.out;
  const top = state.stack[state.stack.length - 1];
  if (!top) {
    out.push(char);
    setLast(state, 'close', char);
    return;
  }
  state.stack.pop();
  if (state.lastKind === 'comma') out[state.lastOutIndex] = ' ';
  let closing = char;
  if (top.char === '(' && !top.isCall && (top.commas > 0 || top.empty) && char === ')') {
    out[top.outIndex] = '[';
    closing = ']';
  }
  // `}}` inside an expression would end the Nunjucks tag early.
  if (char === '}' && source[index + 1] === '}') closing += ' ';
  out.push(closing);
  afterOperand(state, source, index + 1, 'close', char);
}

function isCallPosition(state: ScanState): boolean {
  if (state.lastKind === 'name') return !OPERATOR_WORDS.has(state.lastText);
  if (state.lastKind === 'close') return state.lastText === ')' || state.lastText === ']';
  return false;
}

/** Before an operand: if a parenthesis-free test argument starts here, open a parenthesis. */
function beforeOperand(state: ScanState, source: string, index: number): void {
  if (state.testState !== 3) return;
  state.testState = 0;
  const char = source[index];
  if (char === '(') return;
  state.out.push('(');
  state.testArgumentDepth = state.stack.length;
}

/** After an operand at the test argument's depth: close the parenthesis unless a postfix follows. */
function afterOperand(state: ScanState, source: string, next: number, kind: TokenKind, text: string): void {
  setLast(state, kind, text);
  if (state.testArgumentDepth !== state.stack.length) return;
  const following = nextSignificant(source, next);
  if (following === '.' || following === '[' || following === '(') return;
  closeTestArgument(state);
}

function closeTestArgument(state: ScanState): void {
  if (state.testArgumentDepth === -1) return;
  if (state.testArgumentDepth === state.stack.length) {
    state.out.push(')');
    state.testArgumentDepth = -1;
  }
}

function setLast(state: ScanState, kind: TokenKind, text: string): void {
  const top = state.stack[state.stack.length - 1];
  if (top && kind !== 'open') top.empty = false;
  state.lastKind = kind;
  state.lastText = text;
  state.lastOutIndex = state.out.length - 1;
  state.lastWasDot = false;
}

function nextSignificant(source: string, from: number): string {
  let index = from;
  while (index < source.length && isSpace(source.charCodeAt(index))) index++;
  return source[index] ?? '';
}

/** Length of the tag closer at `index` (`}}`, `-}}`, `%}`, `-%}`), or 0. */
function matchClosing(source: string, index: number, isBlock: boolean): number {
  const closer = isBlock ? '%}' : '}}';
  if (source.startsWith(closer, index)) return 2;
  if (source[index] === '-' && source.startsWith(closer, index + 1)) return 3;
  return 0;
}

/** Index after the string literal starting at `index`, or -1 if it never ends. */
function skipString(source: string, index: number): number {
  const quote = source[index];
  let cursor = index + 1;
  while (cursor < source.length) {
    const char = source[cursor];
    if (char === '\\') cursor += 2;
    else if (char === quote) return cursor + 1;
    else cursor++;
  }
  return -1;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** Digits, `.`, `_` and the exponent letter of a number literal. */
function isNumberPart(code: number): boolean {
  return (code >= 48 && code <= 57) || code === 46 || code === 95 || code === 101 || code === 69;
}

function isNameStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

function isNamePart(code: number): boolean {
  return isNameStart(code) || (code >= 48 && code <= 57);
}

const SET_ATTRIBUTE = /^(\s*)set(\s+)([A-Za-z_]\w*)\.([A-Za-z_]\w*)(\s*)=(?!=)([\s\S]*?)(\s*)$/;
const SET_UNPACK = /^(\s*)set\s+([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)+)\s*=(?!=)([\s\S]*?)(\s*)$/;

/** Rewrites `set ns.attr = v` and `set a, b = v`, which Nunjucks cannot express. */
function rewriteSet(body: string): string {
  const attribute = SET_ATTRIBUTE.exec(body);
  if (attribute) {
    const [, lead, gap, target, name, beforeEquals, value, trail] = attribute;
    return `${lead}do${gap}_tsdbt_setattr(${target}, "${name}",${beforeEquals}${value})${trail}`;
  }
  const unpack = SET_UNPACK.exec(body);
  if (unpack) {
    const [, lead, targetList, value, trail] = unpack;
    const targets = targetList.split(',').map((target) => target.trim());
    const tuple = hasTopLevelComma(value) ? `[${value}]` : value;
    const assignments = targets.map((target, index) => `set ${target} = _tsdbt_tuple[${index}]`);
    return `${lead}set _tsdbt_tuple = _tsdbt_unpack(${tuple}, ${targets.length}) %}{% ${assignments.join(' %}{% ')}${trail}`;
  }
  return body;
}

function hasTopLevelComma(text: string): boolean {
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === "'" || char === '"') {
      const end = skipString(text, index);
      if (end === -1) return false;
      index = end - 1;
    } else if (char === '(' || char === '[' || char === '{') depth++;
    else if (char === ')' || char === ']' || char === '}') depth--;
    else if (char === ',' && depth === 0) return true;
  }
  return false;
}
