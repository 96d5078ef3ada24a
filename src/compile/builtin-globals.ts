/**
 * Globals every template sees for the whole invocation (dbt's context): `target`, `var`,
 * `env_var`, `run_started_at`, `invocation_id`, `exceptions`, `log`, `modules`, `adapter`.
 */
import { TsdbtError } from '../errors/tsdbt-error.js';
import type { Dialect } from '../adapters/dialect.js';
import type { MacroRegistry } from './macro-registry.js';
import type { TemplateEnvironment } from './template-environment.js';
import { RelationValue } from './relation-value.js';

export interface TargetInfo {
  readonly name: string;
  readonly type: string;
  readonly schema: string;
  readonly database: string;
  readonly threads: number;
  readonly profile_name: string;
  /** Non-secret target fields (warehouse, role, user ...). Secrets are never put here. */
  readonly [key: string]: unknown;
}

export interface InvocationContext {
  readonly target: TargetInfo;
  readonly vars: Readonly<Record<string, unknown>>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly runStartedAt: Date;
  readonly invocationId: string;
  readonly projectName: string;
  /** Where `log()` and `exceptions.warn()` messages go. */
  readonly onLog?: (message: string) => void;
  /** Answers `adapter.get_relation()` from the relation cache, when a database is known. */
  readonly lookupRelation?: (database: string, schema: string, identifier: string) => { readonly type: string } | undefined;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** A datetime that renders like Python's (`2026-01-01 10:00:00.000000+00:00`) and has `strftime`. */
export class DateTimeValue {
  constructor(readonly date: Date) {}

  strftime(format: string): string {
    const d = this.date;
    const parts: Record<string, string> = {
      Y: String(d.getUTCFullYear()),
      m: pad(d.getUTCMonth() + 1),
      d: pad(d.getUTCDate()),
      H: pad(d.getUTCHours()),
      M: pad(d.getUTCMinutes()),
      S: pad(d.getUTCSeconds()),
      f: pad(d.getUTCMilliseconds() * 1000, 6),
      '%': '%',
    };
    return format.replace(/%([YmdHMSf%])/g, (_, key: string) => parts[key] ?? '');
  }

  isoformat(): string {
    return this.date.toISOString().replace('Z', '+00:00');
  }

  toString(): string {
    return this.strftime('%Y-%m-%d %H:%M:%S.%f') + '+00:00';
  }
}

export function installBuiltinGlobals(
  env: TemplateEnvironment,
  invocation: InvocationContext,
  dialect: Dialect,
  macros: MacroRegistry,
): void {
  const compilerError = (message: unknown): never => {
    throw new TsdbtError({ kind: 'compilation', message: String(message) });
  };
  env.addGlobal('target', invocation.target);
  env.addGlobal('project_name', invocation.projectName);
  env.addGlobal('invocation_id', invocation.invocationId);
  env.addGlobal('run_started_at', new DateTimeValue(invocation.runStartedAt));
  env.addGlobal('env_var', (name: string, fallback?: unknown) => {
    const value = invocation.env[name];
    if (value !== undefined) return value;
    if (fallback !== undefined) return fallback;
    return compilerError(`Env var required but not provided: '${name}'`);
  });
  env.addGlobal('exceptions', {
    raise_compiler_error: compilerError,
    warn: (message: unknown) => invocation.onLog?.(`Warning: ${String(message)}`),
  });
  env.addGlobal('log', (message: unknown, info?: unknown) => {
    if (info) invocation.onLog?.(String(message));
    return '';
  });
  env.addGlobal('print', (message: unknown) => {
    invocation.onLog?.(String(message));
    return '';
  });
  env.addGlobal('modules', {
    datetime: {
      datetime: { now: () => new DateTimeValue(new Date()), utcnow: () => new DateTimeValue(new Date()) },
      date: { today: () => new DateTimeValue(new Date()) },
    },
  });
  env.addGlobal('fromjson', (text: string) => JSON.parse(text));
  env.addGlobal('tojson', (value: unknown) => JSON.stringify(value));
  env.addGlobal('adapter', {
    type: () => dialect.type,
    quote: (identifier: string) => dialect.quote(identifier),
    dispatch: (name: string) => macros.dispatch(name, dialect.type),
    get_relation: (database: string, schema: string, identifier: string) => {
      const found = invocation.lookupRelation?.(database, schema, identifier);
      if (!found) return null;
      const relation = { database, schema, identifier };
      return new RelationValue(relation, dialect.renderRelation(relation), found.type);
    },
    get_columns_in_relation: () =>
      compilerError('adapter.get_columns_in_relation() needs a database round trip, which templates cannot make in tsdbt; declare the columns in YAML instead'),
  });
  env.addGlobal('run_query', () =>
    compilerError('run_query() is not supported: tsdbt renders templates without database round trips'),
  );
  env.addGlobal('statement', () =>
    compilerError("'statement' blocks are not supported: tsdbt renders templates without database round trips"),
  );
}
