/**
 * The one place that turns a Nunjucks error (syntax or render) into a
 * `TsdbtError{kind: 'template'}` with the real template line, a message without Nunjucks'
 * `(path) [Line x, Column y]` noise, and a hint where one helps. An error tsdbt itself threw
 * inside a template (a `TsdbtError` from `ref()`, `exceptions.raise_compiler_error`, a Python
 * method) comes out as itself, with the template line filled in.
 */
import { TsdbtError } from '../../errors/tsdbt-error.js';
import { TEMPLATE_ERROR_DETAILS, type TemplateErrorDetails } from './error-details.js';
import { knownNames } from './known-names.js';
import { isMacroReturn } from './macro-return.js';

interface Place {
  readonly line?: number;
  readonly column?: number;
}

interface Explained {
  readonly message: string;
  readonly hint?: string;
}

const NUNJUCKS_PREFIX = /^\((?:[^)\n]*)\)(?: \[Line (\d+)(?:, Column (\d+))?\])?\n\s*/;
const WRAPPED_ERROR = /^(?:[A-Z]\w*(?:Error|Exception)|MacroReturn): /;

/**
 * Converts anything thrown while compiling or rendering `file` into a `TsdbtError`.
 * @param file the template's path relative to the project root.
 * @param nodeId the node being compiled, e.g. `model.shop.stg_orders`.
 */
export function toTemplateError(error: unknown, file: string, nodeId?: string): TsdbtError {
  if (error instanceof TsdbtError) return error.withDefaults({ file, nodeId });
  const details = readDetails(error);
  const cause = innermostCause(details.cause);
  const place = placeOf(details, error);
  const where = details.templatePath && details.templatePath !== file ? details.templatePath : file;
  const renderedFrom = where !== file ? `Raised in ${where} while rendering ${file}.` : undefined;
  if (cause instanceof TsdbtError) {
    const samePlace = cause.file === undefined || cause.file === where;
    return cause.withDefaults({ file: where, nodeId, line: samePlace ? place.line : undefined, column: samePlace ? place.column : undefined });
  }
  if (isMacroReturn(cause)) {
    return new TsdbtError({
      kind: 'template', message: 'return() can only be used inside a macro', file: where, ...place, nodeId,
      hint: 'At the top level of a model, output the value with {{ ... }} instead.', cause,
    });
  }
  const explained = explain(cleanMessage(error, cause));
  const hint = [explained.hint, renderedFrom].filter((part) => part !== undefined).join(' ') || undefined;
  return new TsdbtError({ kind: 'template', message: explained.message, file: where, ...place, nodeId, hint, cause: cause ?? error });
}

function readDetails(error: unknown): TemplateErrorDetails {
  if (typeof error !== 'object' || error === null) return {};
  const attached = (error as { [TEMPLATE_ERROR_DETAILS]?: TemplateErrorDetails })[TEMPLATE_ERROR_DETAILS];
  if (attached) return attached;
  // An unprettified Nunjucks TemplateError (e.g. from Template.getExported).
  const raw = error as { lineno?: number; colno?: number; cause?: unknown; Update?: unknown };
  if (typeof raw.Update === 'function') return { lineno: raw.lineno, colno: raw.colno, cause: raw.cause };
  return {};
}

/** Nunjucks may wrap a wrapped error (an error inside an include); the first non-wrapper is the cause. */
function innermostCause(cause: unknown): unknown {
  let current = cause;
  for (let depth = 0; depth < 10; depth++) {
    const inner = current as { Update?: unknown; cause?: unknown } | undefined;
    if (!inner || typeof inner.Update !== 'function' || inner.cause === undefined) return current;
    current = inner.cause;
  }
  return current;
}

/**
 * The 1-based place. Nunjucks' parser reports 1-based positions; render errors carry the
 * compiled template's 0-based `lineno`/`colno` (0/0 means "never set").
 */
function placeOf(details: TemplateErrorDetails, error: unknown): Place {
  if (details.lineno !== undefined && details.lineno !== null) {
    if (details.cause === undefined) return { line: details.lineno, column: details.colno || undefined };
    if (details.lineno === 0 && !details.colno) return {};
    return { line: details.lineno + 1, column: (details.colno ?? 0) + 1 };
  }
  const match = NUNJUCKS_PREFIX.exec(messageOf(error));
  if (!match || match[1] === undefined) return {};
  const zeroBased = WRAPPED_ERROR.test(messageOf(error).slice(match[0].length)) ? 1 : 0;
  return { line: Number(match[1]) + zeroBased, column: match[2] === undefined ? undefined : Number(match[2]) + zeroBased };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function cleanMessage(error: unknown, cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  let message = messageOf(error);
  for (let match = NUNJUCKS_PREFIX.exec(message); match; match = NUNJUCKS_PREFIX.exec(message)) message = message.slice(match[0].length);
  return message.replace(/^Error: /, '').trim();
}

function explain(message: string): Explained {
  let match = /^filter not found: (\S+)/.exec(message);
  if (match) return { message: `Unknown filter '${match[1]}'`, hint: suggest(match[1], knownNames('filter'), 'filter') };
  match = /^test not found: (\S+)/.exec(message);
  if (match) return { message: `Unknown test '${match[1]}'`, hint: suggest(match[1], knownNames('test'), 'test') };
  match = /^Unable to call `(.+)`, which is undefined or falsey$/.exec(message);
  if (match) {
    const name = match[1].replace(/\["([^"]+)"\]/g, '.$1');
    return {
      message: `'${name}' is undefined and cannot be called`,
      hint: suggest(name, knownNames('global'), 'macro or function') ?? 'Check the spelling, and that the macro is defined in a macro path.',
    };
  }
  match = /^Unable to call `(.+)`, which is not a function$/.exec(message);
  if (match) return { message: `'${match[1].replace(/\["([^"]+)"\]/g, '.$1')}' is not callable` };
  match = /^unknown block tag: (\w+)/.exec(message);
  if (match) {
    const tag = match[1];
    const hint = tag.startsWith('end')
      ? `'{% ${tag} %}' has no open '{% ${tag.slice(3)} %}' block, or a block opened above it is closed by a different tag.`
      : `'{% ${tag} %}' is not a tag tsdbt knows; known tags: if, for, set, macro, call, filter, do, raw, include, import.`;
    return { message: `Unknown block tag '${tag}'`, hint };
  }
  match = /^unexpected token: (.+)$/.exec(message);
  if (match) {
    return {
      message: `Unexpected '${match[1]}'`,
      hint: `An expression was expected before '${match[1]}': look for a missing operand, an unclosed bracket or an unquoted string.`,
    };
  }
  match = /^expected block end in (\w+) statement/.exec(message);
  if (match) return { message, hint: `Close the '{% ${match[1]} %}' tag with '%}'.` };
  match = /^expected (.+?)(?:, got (.+))?$/.exec(message);
  if (match) return { message: `Syntax error: expected ${match[1]}${match[2] ? `, got ${match[2]}` : ''}`, hint: `Nunjucks expected ${match[1]} here.` };
  if (/^unexpected end of file/.test(message)) {
    return { message: 'Unexpected end of template', hint: 'A block tag ({% if %}, {% for %}, {% macro %}, ...) is not closed.' };
  }
  return { message };
}

/** "Did you mean ...?" from the names within a small edit distance of `name`. */
function suggest(name: string, candidates: readonly string[], what: string): string | undefined {
  const close = candidates
    .map((candidate) => ({ candidate, distance: editDistance(name.toLowerCase(), candidate.toLowerCase()) }))
    .filter(({ distance, candidate }) => distance <= Math.max(2, Math.floor(name.length / 3)) && !candidate.startsWith('_'))
    .sort((left, right) => left.distance - right.distance || left.candidate.localeCompare(right.candidate))
    .slice(0, 3)
    .map(({ candidate }) => `'${candidate}'`);
  return close.length > 0 ? `Did you mean ${close.join(', ')}? No ${what} named '${name}' is defined.` : undefined;
}

function editDistance(left: string, right: string): number {
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let row = 1; row <= left.length; row++) {
    const current = [row];
    for (let column = 1; column <= right.length; column++) {
      const cost = left[row - 1] === right[column - 1] ? 0 : 1;
      current[column] = Math.min(previous[column] + 1, current[column - 1] + 1, previous[column - 1] + cost);
    }
    previous = current;
  }
  return previous[right.length];
}
