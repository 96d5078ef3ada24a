/**
 * Parses dbt selection strings (`--select` / `--exclude`) into the typed AST of
 * `selector-ast.ts`. Parsing is pure; whether a `state:` selector has a state to compare
 * against is checked when the selection is evaluated.
 */
import { TsdbtError } from '../errors/tsdbt-error.js';
import { closestNames } from './closest-names.js';
import {
  RESULT_STATUSES,
  SELECTABLE_RESOURCE_TYPES,
  SELECTOR_METHODS,
  SOURCE_STATUSES,
  STATE_SELECTORS,
  TEST_TYPES,
  type GraphDepth,
  type SelectorCriterion,
  type SelectorExpression,
  type SelectorIntersection,
  type SelectorMethod,
  type SelectorTerm,
  type TestType,
} from './selector-ast.js';

/*
 * dbt's term grammar (core/dbt/graph/selector_spec.py): an optional `@`, optional `N+`, an
 * optional `method.arg:` prefix, the value, an optional `+N`. The value is lazy so a trailing
 * `+` is read as the descendants operator.
 */
const TERM_PATTERN = /^(@)?(?:(\d*)\+)?(?:([A-Za-z_][\w.]*):)?(.+?)(?:\+(\d*))?$/s;

/**
 * Parses one selection string. Whitespace separates union members, commas join intersection
 * members. Returns the simplest node: a single term is returned as a term.
 *
 * @example parseSelector('+stg_orders tag:nightly,config.materialized:table')
 * @throws TsdbtError kind `selection` naming the offending term and why.
 */
export function parseSelector(input: string): SelectorExpression {
  return parseSelectors([input]);
}

/**
 * Parses several selection strings (`-s a -s "b c"`) as one union.
 *
 * @throws TsdbtError kind `selection` when a string is empty or a term cannot be parsed.
 */
export function parseSelectors(inputs: readonly string[]): SelectorExpression {
  const members: (SelectorIntersection | SelectorTerm)[] = [];
  for (const input of inputs) {
    const parts = input.trim().split(/\s+/).filter((part) => part !== '');
    if (parts.length === 0) {
      throw selectionError('Empty selector: expected at least one selection term', 'Remove the empty --select/--exclude value or give it a node name, e.g. -s stg_orders.');
    }
    for (const part of parts) members.push(parseIntersection(part));
  }
  return members.length === 1 ? members[0] : { kind: 'union', members };
}

function parseIntersection(part: string): SelectorIntersection | SelectorTerm {
  const pieces = part.split(',');
  if (pieces.some((piece) => piece === '')) {
    throw selectionError(
      `Invalid selector '${part}': an intersection has an empty member`,
      "Join terms with a single comma and no spaces, e.g. 'tag:nightly,config.materialized:table'.",
    );
  }
  const terms = pieces.map(parseTerm);
  return terms.length === 1 ? terms[0] : { kind: 'intersection', members: terms };
}

/**
 * Parses one term such as `2+tag:nightly+1` or `@stg_orders`.
 *
 * @throws TsdbtError kind `selection`.
 */
export function parseTerm(raw: string): SelectorTerm {
  const match = TERM_PATTERN.exec(raw);
  if (match === null) throw selectionError(`Invalid selector '${raw}': it has no node name or method value`);
  const [, at, parentsDepth, methodText, value, childrenDepth] = match;
  if (at !== undefined && parentsDepth !== undefined) {
    throw selectionError(
      `Invalid selector '${raw}': the '@' and '+' prefixes cannot be combined`,
      "'@x' already includes every ancestor of x's descendants; use '@x' or '+x'.",
    );
  }
  if (/[+@]/.test(value)) {
    throw selectionError(
      `Invalid selector '${raw}': unexpected '${/[+@]/.exec(value)?.[0]}' inside '${value}'`,
      "Graph operators go at the ends of a term: '+x', 'x+', '2+x', 'x+1' or '@x'.",
    );
  }
  const criterion =
    methodText === undefined ? parseBareValue(raw, value) : parseMethod(raw, methodText, value);
  return {
    kind: 'term',
    raw,
    criterion,
    ...(parentsDepth !== undefined ? { ancestors: toDepth(parentsDepth) } : {}),
    ...(childrenDepth !== undefined ? { descendants: toDepth(childrenDepth) } : {}),
    childrensParents: at !== undefined,
  };
}

function toDepth(digits: string): GraphDepth {
  return digits === '' ? 'all' : Number.parseInt(digits, 10);
}

/**
 * A term without a method. Like dbt's default method, a value with a `/` is a path; a file name
 * ending in `.sql`/`.py`/`.csv` without a folder is matched against file names (dbt's `file:`).
 */
function parseBareValue(raw: string, value: string): SelectorCriterion {
  if (value.includes(':')) {
    const methodText = value.slice(0, value.indexOf(':'));
    const method = methodText.split('.')[0];
    if (isMethod(method) && value.endsWith(':')) {
      throw selectionError(`Invalid selector '${raw}': nothing follows '${methodText}:'`, `Give a value, e.g. '${methodText}:<value>'.`);
    }
    throw unknownMethod(raw, method);
  }
  if (value.includes('/')) return { method: 'path', path: normalizePath(value) };
  if (/\.(sql|py|csv)$/i.test(value)) return { method: 'file', pattern: value };
  return { method: 'name', pattern: value, implicit: true };
}

function parseMethod(raw: string, methodText: string, value: string): SelectorCriterion {
  const [method, ...args] = methodText.split('.');
  if (!isMethod(method)) throw unknownMethod(raw, method);
  if (method === 'config') {
    if (args.length === 0 || args.some((arg) => arg === '')) {
      throw selectionError(
        `Invalid selector '${raw}': 'config' needs a key, as in config.<key>:<value>`,
        "For example 'config.materialized:table' or 'config.meta.owner:finance'.",
      );
    }
    return { method: 'config', keyPath: args, value };
  }
  if (args.length > 0) {
    throw selectionError(`Invalid selector '${raw}': the '${method}' method takes no '.${args.join('.')}' argument`);
  }
  return parseMethodValue(raw, method, value);
}

function parseMethodValue(raw: string, method: Exclude<SelectorMethod, 'config'>, value: string): SelectorCriterion {
  switch (method) {
    case 'name':
      return { method, pattern: value, implicit: false };
    case 'fqn':
    case 'tag':
    case 'file':
    case 'test_name':
    case 'package':
    case 'exposure':
      return { method, pattern: value };
    case 'path':
      return { method, path: normalizePath(value) };
    case 'resource_type':
      return { method, resourceType: oneOf(raw, method, value, SELECTABLE_RESOURCE_TYPES) };
    case 'source':
      return parseSourceValue(raw, value);
    case 'test_type':
      return { method, testType: parseTestType(raw, value) };
    case 'state':
      return { method, state: oneOf(raw, method, value, STATE_SELECTORS) };
    case 'result':
      return { method, status: oneOf(raw, method, value, RESULT_STATUSES) };
    case 'source_status':
      return { method, status: oneOf(raw, method, value, SOURCE_STATUSES) };
  }
}

function parseSourceValue(raw: string, value: string): SelectorCriterion {
  const parts = value.split('.');
  if (parts.length > 3 || parts.some((part) => part === '')) {
    throw selectionError(
      `Invalid selector '${raw}': expected source:<source>, source:<source>.<table> or source:<package>.<source>.<table>`,
    );
  }
  if (parts.length === 3) return { method: 'source', packageName: parts[0], sourceName: parts[1], tableName: parts[2] };
  if (parts.length === 2) return { method: 'source', sourceName: parts[0], tableName: parts[1] };
  return { method: 'source', sourceName: parts[0] };
}

function parseTestType(raw: string, value: string): TestType {
  // dbt still accepts the pre-1.0 names for generic ("schema") and singular ("data") tests.
  if (value === 'schema') return 'generic';
  if (value === 'data') return 'singular';
  return oneOf(raw, 'test_type', value, TEST_TYPES);
}

function oneOf<T extends string>(raw: string, method: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const suggestions = closestNames(value, allowed, 1);
  throw selectionError(
    `Invalid selector '${raw}': '${value}' is not a valid ${method} value; expected one of ${allowed.join(', ')}`,
    suggestions.length > 0 ? `Did you mean '${method}:${suggestions[0]}'?` : undefined,
  );
}

function normalizePath(value: string): string {
  let path = value.replace(/\\/g, '/');
  while (path.startsWith('./')) path = path.slice(2);
  while (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return path;
}

function isMethod(method: string): method is SelectorMethod {
  return (SELECTOR_METHODS as readonly string[]).includes(method);
}

function unknownMethod(raw: string, method: string): TsdbtError {
  const suggestions = closestNames(method, SELECTOR_METHODS, 1);
  return selectionError(
    `Invalid selector '${raw}': unknown selection method '${method}'`,
    suggestions.length > 0
      ? `Did you mean '${suggestions[0]}:'? Methods: ${SELECTOR_METHODS.join(', ')}.`
      : `Methods: ${SELECTOR_METHODS.join(', ')}.`,
  );
}

function selectionError(message: string, hint?: string): TsdbtError {
  return new TsdbtError({ kind: 'selection', message, ...(hint !== undefined ? { hint } : {}) });
}
