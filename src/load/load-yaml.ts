/**
 * The one YAML loader: parses with source positions kept, renders `{{ env_var(...) }}`
 * inside string values, and turns syntax problems into `TsdbtError`s with file:line:column.
 *
 * Other Jinja (`{{ doc('orders') }}`, `{{ var('x') }}`) stays as text: as in dbt, it is
 * rendered later by the stage that knows its context.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument, visit } from 'yaml';
import type { Document, Node, Scalar } from 'yaml';
import { TsdbtError } from '../errors/tsdbt-error.js';
import { throwIfAny } from './collect-errors.js';

/** A path into a YAML document, e.g. `['models', 2, 'columns', 0, 'tests']`. */
export type KeyPath = readonly (string | number)[];

/** 1-based line and column. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** Environment variables as `process.env` holds them. */
export type Environment = Readonly<Record<string, string | undefined>>;

export interface LoadYamlOptions {
  /** The file's path relative to the project root; used in every error. */
  readonly file: string;
  /** Where `env_var()` looks; defaults to `process.env`. */
  readonly env?: Environment;
  /** Set to false to leave `{{ env_var() }}` as text. */
  readonly renderEnvVars?: boolean;
  /**
   * Render only inside these key paths (profiles: only the selected target, so a missing
   * variable of another target is not an error). Default: the whole file.
   */
  readonly envVarScopes?: readonly KeyPath[];
}

/** A parsed YAML file: its plain value plus positions for any key path. */
export interface YamlFile {
  readonly file: string;
  /** The document as plain JS (mappings → objects, sequences → arrays); `null` for an empty file. */
  readonly value: unknown;
  /** Where a key (for a string step) or a list item (for a number step) starts. */
  positionOf(keyPath: KeyPath): SourcePosition | undefined;
  /** The position of `keyPath`, or of its closest ancestor present in the file. */
  nearestPositionOf(keyPath: KeyPath): SourcePosition;
}

/** `models[2].columns[0].tests` for `['models', 2, 'columns', 0, 'tests']`. */
export function formatKeyPath(keyPath: KeyPath): string {
  let text = '';
  for (const step of keyPath) {
    if (typeof step === 'number') text += `[${step}]`;
    else text += text === '' ? step : `.${step}`;
  }
  return text;
}

/**
 * Parses YAML text. Throws a `TsdbtError` (`kind: 'yaml'`) for a syntax error and
 * `kind: 'env'` errors (all of them, as `TsdbtErrors` when several) for unset env vars.
 *
 * @example loadYaml("path: \"{{ env_var('DB', 'dev.duckdb') }}\"", { file: 'profiles.yml', env: {} }).value
 *   // { path: 'dev.duckdb' }
 */
export function loadYaml(text: string, options: LoadYamlOptions): YamlFile {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: true });
  const positionAt = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const syntaxError = document.errors[0];
  if (syntaxError !== undefined) {
    const place = syntaxError.linePos?.[0];
    throw new TsdbtError({
      kind: 'yaml',
      message: `invalid YAML: ${syntaxError.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
      file: options.file,
      line: place?.line,
      column: place?.col,
      hint: 'check the indentation and quoting around this line; values starting with `{` or `*` must be quoted',
      cause: syntaxError,
    });
  }
  if (options.renderEnvVars !== false) {
    const roots = (options.envVarScopes ?? [[]]).map((scope) => locate(document, scope)?.node);
    renderEnvVarsInPlace(roots, options.env ?? process.env, options.file, positionAt);
  }
  const value: unknown = document.toJS({ maxAliasCount: 1000 }) ?? null;
  const positionOf = (keyPath: KeyPath): SourcePosition | undefined => {
    const found = locate(document, keyPath);
    return found === undefined ? undefined : positionAt(found.offset);
  };
  return {
    file: options.file,
    value,
    positionOf,
    nearestPositionOf(keyPath) {
      for (let length = keyPath.length; length >= 0; length--) {
        const position = positionOf(keyPath.slice(0, length));
        if (position !== undefined) return position;
      }
      return { line: 1, column: 1 };
    },
  };
}

/** The node at `keyPath` and the offset where its key (or list item) starts. */
function locate(document: Document, keyPath: KeyPath): { readonly node: unknown; readonly offset: number } | undefined {
  let node: unknown = document.contents;
  let offset = (node as Node | null)?.range?.[0] ?? 0;
  for (const step of keyPath) {
    if (typeof step === 'number') {
      if (!isSeq(node)) return undefined;
      node = node.items[step];
      if (node === undefined) return undefined;
      offset = (node as Node).range?.[0] ?? offset;
    } else {
      if (!isMap(node)) return undefined;
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === step);
      if (pair === undefined) return undefined;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    }
  }
  return { node, offset };
}

const EXPRESSION = /\{\{(.*?)\}\}/gs;
const ENV_VAR_CALL =
  /^\s*env_var\(\s*(?:'([^']*)'|"([^"]*)")\s*(?:,\s*(?:'([^']*)'|"([^"]*)"|(-?\d+(?:\.\d+)?))\s*)?\)\s*(?:\|\s*(as_number|as_bool|as_text|as_native|int|float|string)\s*)?$/;

/** Replaces `{{ env_var(...) }}` in every string value (keys are left alone). */
function renderEnvVarsInPlace(
  roots: readonly unknown[],
  env: Environment,
  file: string,
  positionAt: (offset: number) => SourcePosition,
): void {
  const errors: TsdbtError[] = [];
  for (const root of roots) {
    if (isScalar(root)) renderScalar(root);
    else if (isMap(root) || isSeq(root)) {
      visit(root, {
        Scalar(key, scalar) {
          // Keys are names, never rendered.
          if (key !== 'key') renderScalar(scalar);
        },
      });
    }
  }
  throwIfAny(errors);

  function renderScalar(scalar: Scalar): void {
    if (typeof scalar.value !== 'string' || !scalar.value.includes('env_var')) return;
    const text = scalar.value;
    const place = positionAt(scalar.range?.[0] ?? 0);
    let converted: unknown;
    const rendered = text.replace(EXPRESSION, (whole: string, inner: string) => {
      if (!inner.includes('env_var(')) return whole;
      const call = ENV_VAR_CALL.exec(inner);
      if (call === null) {
        errors.push(
          new TsdbtError({
            kind: 'template',
            message: `cannot render \`${whole.trim()}\`: only env_var('NAME') or env_var('NAME', 'default'), optionally followed by | as_number, | as_bool or | as_text, is rendered in YAML`,
            file,
            ...place,
          }),
        );
        return whole;
      }
      const [, singleName, doubleName, singleDefault, doubleDefault, numberDefault, filter] = call;
      const name = singleName ?? doubleName;
      const fallback = singleDefault ?? doubleDefault ?? numberDefault;
      const found = env[name] ?? fallback;
      if (found === undefined) {
        errors.push(
          new TsdbtError({
            kind: 'env',
            message: `env var \`${name}\` is not set and has no default`,
            file,
            ...place,
            hint: `set ${name} in the environment, or give a default: env_var('${name}', 'value')`,
          }),
        );
        return whole;
      }
      if (whole === text.trim() && filter !== undefined) converted = convert(found, filter, name, file, place, errors);
      return found;
    });
    scalar.value = converted !== undefined ? converted : rendered;
  }
}

function convert(
  value: string,
  filter: string,
  name: string,
  file: string,
  place: SourcePosition,
  errors: TsdbtError[],
): unknown {
  if (filter === 'as_number' || filter === 'int' || filter === 'float') {
    const number = Number(value);
    if (value.trim() === '' || Number.isNaN(number)) {
      errors.push(
        new TsdbtError({ kind: 'env', message: `env var \`${name}\` is \`${value}\`, not a number`, file, ...place }),
      );
      return undefined;
    }
    return filter === 'int' ? Math.trunc(number) : number;
  }
  if (filter === 'as_bool') {
    const lowered = value.trim().toLowerCase();
    if (lowered === 'true' || lowered === 'false') return lowered === 'true';
    errors.push(
      new TsdbtError({ kind: 'env', message: `env var \`${name}\` is \`${value}\`, not true or false`, file, ...place }),
    );
    return undefined;
  }
  if (filter === 'as_native') {
    const inner = parseDocument(value);
    return inner.errors.length === 0 ? inner.toJS() : value;
  }
  return undefined;
}
