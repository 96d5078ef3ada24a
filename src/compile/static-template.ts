/**
 * A fast path for the most common model shape (dbt has one too, its "static parser"): SQL
 * whose only Jinja is `{{ fn(literal, ..., key=literal) }}` calls — `ref`, `source`,
 * `config`, `var` or a project macro. Such a template is split into text and calls once and
 * rendered by calling the functions directly, skipping Nunjucks' compiler (the dominant cost
 * of parsing 10,000 models). Anything else — a `{% %}` tag, a comment, a filter, an
 * expression — returns `undefined` and goes through Nunjucks as usual.
 */
import { TsdbtError } from '../errors/tsdbt-error.js';
import { pythonStr } from './jinja/python-values.js';

type Literal = string | number | boolean | null | readonly Literal[];

interface StaticCall {
  readonly name: string;
  readonly args: readonly Literal[];
  readonly kwargs: Readonly<Record<string, Literal>> | undefined;
  readonly line: number;
  readonly column: number;
  readonly trimBefore: boolean;
  readonly trimAfter: boolean;
}

export type StaticPart = string | StaticCall;

export interface StaticTemplate {
  readonly parts: readonly StaticPart[];
}

const isIdentStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isIdentPart = (c: number) => isIdentStart(c) || (c >= 48 && c <= 57);
const isDigit = (c: number) => c >= 48 && c <= 57;
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** A hand-written scanner (no regular expressions): it runs once per model on every parse. */
class ExpressionReader {
  private index = 0;

  constructor(private readonly text: string) {}

  private skip(): void {
    while (this.index < this.text.length && isSpace(this.text.charCodeAt(this.index))) this.index++;
  }

  private code(): number {
    return this.index < this.text.length ? this.text.charCodeAt(this.index) : -1;
  }

  private ident(): string | undefined {
    const start = this.index;
    if (!isIdentStart(this.code())) return undefined;
    while (isIdentPart(this.code())) this.index++;
    return this.text.slice(start, this.index);
  }

  private number(): number | undefined {
    const start = this.index;
    if (this.code() === 45) this.index++;
    if (!isDigit(this.code())) {
      this.index = start;
      return undefined;
    }
    while (isDigit(this.code())) this.index++;
    if (this.code() === 46 && isDigit(this.text.charCodeAt(this.index + 1))) {
      this.index++;
      while (isDigit(this.code())) this.index++;
    }
    return Number(this.text.slice(start, this.index));
  }

  private literal(): Literal | undefined {
    this.skip();
    const code = this.code();
    if (code === 39 || code === 34) {
      const end = this.text.indexOf(code === 39 ? "'" : '"', this.index + 1);
      if (end === -1) return undefined;
      const body = this.text.slice(this.index + 1, end);
      if (body.includes('\\')) return undefined;
      this.index = end + 1;
      return body;
    }
    if (code === 91) {
      this.index++;
      const items: Literal[] = [];
      this.skip();
      while (this.code() !== 93) {
        const item = this.literal();
        if (item === undefined) return undefined;
        items.push(item);
        this.skip();
        if (this.code() === 44) this.index++;
        else if (this.code() !== 93) return undefined;
        this.skip();
      }
      this.index++;
      return items;
    }
    const number = this.number();
    if (number !== undefined) return number;
    const word = this.ident();
    if (word === 'true' || word === 'True') return true;
    if (word === 'false' || word === 'False') return false;
    if (word === 'none' || word === 'None') return null;
    return undefined;
  }

  /** `name(args)` and nothing else, or undefined. */
  call(): Omit<StaticCall, 'line' | 'column' | 'trimBefore' | 'trimAfter'> | undefined {
    this.skip();
    const name = this.ident();
    if (!name) return undefined;
    this.skip();
    if (this.code() !== 40) return undefined;
    this.index++;
    const args: Literal[] = [];
    let kwargs: Record<string, Literal> | undefined;
    this.skip();
    while (this.code() !== 41) {
      const start = this.index;
      const key = this.ident();
      this.skip();
      if (key !== undefined && this.code() === 61 && this.text.charCodeAt(this.index + 1) !== 61) {
        this.index++;
        const value = this.literal();
        if (value === undefined) return undefined;
        (kwargs ??= {})[key] = value;
      } else {
        this.index = start;
        if (kwargs) return undefined; // positional after keyword: let Nunjucks report it
        const value = this.literal();
        if (value === undefined) return undefined;
        args.push(value);
      }
      this.skip();
      if (this.code() === 44) this.index++;
      else if (this.code() !== 41) return undefined;
      this.skip();
    }
    this.index++;
    this.skip();
    return this.index === this.text.length ? { name, args, kwargs } : undefined;
  }
}

/** Split a template into text and literal-argument calls, or `undefined` if it needs Nunjucks. */
export function parseStaticTemplate(source: string): StaticTemplate | undefined {
  if (source.includes('{%') || source.includes('{#')) return undefined;
  const parts: StaticPart[] = [];
  let cursor = 0;
  let line = 1;
  let lineStart = 0;
  const advanceLines = (to: number) => {
    for (let i = cursor; i < to; i++) {
      if (source.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
  };
  while (cursor < source.length) {
    const open = source.indexOf('{{', cursor);
    if (open === -1) {
      parts.push(source.slice(cursor));
      break;
    }
    const close = source.indexOf('}}', open + 2);
    if (close === -1) return undefined;
    if (open > cursor) parts.push(source.slice(cursor, open));
    advanceLines(open);
    cursor = open;
    let inner = source.slice(open + 2, close);
    const trimBefore = inner.startsWith('-');
    const trimAfter = inner.endsWith('-');
    if (trimBefore) inner = inner.slice(1);
    if (trimAfter) inner = inner.slice(0, -1);
    if (inner.includes('{') || inner.includes('}')) return undefined;
    const call = new ExpressionReader(inner).call();
    if (!call) return undefined;
    // Nunjucks reports a call at its opening parenthesis; keep the same column for errors.
    const paren = open + 2 + (trimBefore ? 1 : 0) + inner.indexOf('(');
    // Built field by field: an object spread here was most of the parse time of a large project.
    parts.push({ name: call.name, args: call.args, kwargs: call.kwargs, line, column: paren - lineStart + 1, trimBefore, trimAfter });
    advanceLines(close + 2);
    cursor = close + 2;
  }
  return { parts };
}

function kwargsArgument(kwargs: Readonly<Record<string, Literal>>): Record<string, unknown> {
  return { ...kwargs, __keywords: true };
}

/**
 * Render by calling each function found by `lookup` (the environment's globals, with the
 * node's scope applied). `undefined` when a name is not a known function: the caller falls back
 * to Nunjucks, which reports it with its usual message.
 */
export function renderStaticTemplate(
  template: StaticTemplate,
  lookup: (name: string) => unknown,
  file: string,
  nodeId?: string,
): string | undefined {
  const functions = template.parts.map((part) => (typeof part === 'string' ? undefined : lookup(part.name)));
  if (functions.some((fn, i) => typeof template.parts[i] !== 'string' && typeof fn !== 'function')) return undefined;
  let out = '';
  let trimNext = false;
  for (const [i, part] of template.parts.entries()) {
    if (typeof part === 'string') {
      out += trimNext ? part.replace(/^\s+/, '') : part;
      trimNext = false;
      continue;
    }
    if (part.trimBefore) out = out.replace(/\s+$/, '');
    const fn = functions[i] as (...args: unknown[]) => unknown;
    let value: unknown;
    try {
      value = part.kwargs ? fn(...part.args, kwargsArgument(part.kwargs)) : fn(...part.args);
    } catch (error) {
      if (error instanceof TsdbtError) throw error.withDefaults({ file, line: part.line, column: part.column, nodeId });
      // An error from inside the call (e.g. too many arguments): the position Nunjucks would give.
      throw new TsdbtError({ kind: 'template', message: error instanceof Error ? error.message : String(error), file, line: part.line, column: part.column, nodeId, cause: error });
    }
    out += value === undefined ? '' : pythonStr(value);
    trimNext = part.trimAfter;
  }
  return out;
}
