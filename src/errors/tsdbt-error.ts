/**
 * The one error type tsdbt raises for anything a user can fix: a broken YAML file,
 * an unknown config key, a missing ref, a cycle, a template or SQL error.
 *
 * It carries the place (file:line:column, relative to the project root) so the CLI can
 * print one readable line and a hint, never a stack trace (the stack only with `--debug`).
 */
export type ErrorKind =
  | 'yaml' // YAML syntax
  | 'config' // schema violations in project.yml / profiles.yml / property files
  | 'profile' // missing profile/target, bad credentials shape
  | 'env' // a required env var is not set
  | 'template' // Nunjucks syntax or render error
  | 'compilation' // ref/source/macro resolution, raise_compiler_error
  | 'dependency' // missing ref or source
  | 'cycle' // the DAG has a cycle
  | 'selection' // a selector that cannot be parsed
  | 'database' // the database rejected SQL
  | 'runtime' // anything else while executing (I/O, cancelled)
  | 'internal'; // a bug in tsdbt

export interface ErrorPlace {
  /** Path relative to the project root, forward slashes. */
  readonly file?: string;
  /** 1-based. */
  readonly line?: number;
  /** 1-based. */
  readonly column?: number;
}

export interface TsdbtErrorInit extends ErrorPlace {
  readonly kind: ErrorKind;
  readonly message: string;
  /** The node this error belongs to, e.g. `model.shop.stg_orders`. */
  readonly nodeId?: string;
  /** A sentence that tells the user what to do next. */
  readonly hint?: string;
  /** Compiled SQL path for database errors (`target/run/...`). */
  readonly compiledPath?: string;
  /** Driver error code, e.g. Snowflake's `002003`. */
  readonly code?: string;
  readonly sqlState?: string;
  readonly cause?: unknown;
}

export class TsdbtError extends Error {
  readonly kind: ErrorKind;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly nodeId?: string;
  readonly hint?: string;
  readonly compiledPath?: string;
  readonly code?: string;
  readonly sqlState?: string;

  constructor(init: TsdbtErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'TsdbtError';
    this.kind = init.kind;
    this.file = init.file;
    this.line = init.line;
    this.column = init.column;
    this.nodeId = init.nodeId;
    this.hint = init.hint;
    this.compiledPath = init.compiledPath;
    this.code = init.code;
    this.sqlState = init.sqlState;
  }

  /** `models/a.sql:3:7` or just the file, or '' when the error has no place. */
  get location(): string {
    if (!this.file) return '';
    if (this.line === undefined) return this.file;
    return this.column === undefined ? `${this.file}:${this.line}` : `${this.file}:${this.line}:${this.column}`;
  }

  /** A copy with fields filled in where they were missing (used when an error crosses a stage boundary). */
  withDefaults(defaults: Partial<TsdbtErrorInit>): TsdbtError {
    return new TsdbtError({
      kind: this.kind,
      message: this.message,
      file: this.file ?? defaults.file,
      line: this.line ?? defaults.line,
      column: this.column ?? defaults.column,
      nodeId: this.nodeId ?? defaults.nodeId,
      hint: this.hint ?? defaults.hint,
      compiledPath: this.compiledPath ?? defaults.compiledPath,
      code: this.code ?? defaults.code,
      sqlState: this.sqlState ?? defaults.sqlState,
      cause: this.cause,
    });
  }
}

/** Thrown when loading finds several problems: all of them are reported before stopping. */
export class TsdbtErrors extends Error {
  constructor(readonly errors: readonly TsdbtError[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.name = 'TsdbtErrors';
  }
}

/** Exit code convention (as dbt): 1 = a node failed, 2 = the invocation itself is broken. */
export function exitCodeFor(error: TsdbtError): number {
  return error.kind === 'database' || error.kind === 'runtime' ? 1 : 2;
}

export function isTsdbtError(value: unknown): value is TsdbtError {
  return value instanceof TsdbtError;
}
