/**
 * The parse-phase scope (`execute = false`): `config()`, `ref()` and `source()` calls are
 * recorded instead of resolved, so the graph is known before anything touches a database.
 */
import type { RefCall } from './manifest.js';
import { RelationValue } from '../compile/relation-value.js';
import { makeConfigFunction } from '../compile/config-function.js';
import type { ScopeValues } from '../compile/render-scope.js';
import { TsdbtError } from '../errors/tsdbt-error.js';

export interface Captured {
  readonly config: Record<string, unknown>;
  readonly refs: RefCall[];
  readonly sources: (readonly [string, string])[];
}

export function newCaptured(): Captured {
  return { config: {}, refs: [], sources: [] };
}

function placeholder(name: string): RelationValue {
  return new RelationValue({ database: '', schema: '', identifier: name }, name);
}

/** Turn `ref('a')`, `ref('pkg', 'a')`, `ref('a', v=2)` arguments into a RefCall. */
export function refCallOf(args: readonly unknown[]): RefCall {
  const strings = args.filter((arg): arg is string => typeof arg === 'string');
  const keywords = args.find((arg) => arg !== null && typeof arg === 'object' && (arg as Record<string, unknown>).__keywords) as
    | Record<string, unknown>
    | undefined;
  const version = (keywords?.v ?? keywords?.version) as string | number | undefined;
  if (strings.length === 0) {
    throw new TsdbtError({ kind: 'compilation', message: 'ref() needs a model name, e.g. ref(\'stg_orders\')' });
  }
  return strings.length >= 2 ? { package: strings[0], name: strings[1], version } : { name: strings[0], version };
}

export function captureScope(captured: Captured, thisName: string, model: Readonly<Record<string, unknown>>): ScopeValues {
  return {
    execute: false,
    flags: { FULL_REFRESH: false },
    this: placeholder(thisName),
    model,
    config: makeConfigFunction((values) => Object.assign(captured.config, values), () => captured.config),
    ref: (...args: unknown[]) => {
      const call = refCallOf(args);
      captured.refs.push(call);
      return placeholder(call.name);
    },
    source: (sourceName: unknown, tableName: unknown) => {
      if (typeof sourceName !== 'string' || typeof tableName !== 'string') {
        throw new TsdbtError({ kind: 'compilation', message: "source() needs two names, e.g. source('raw', 'orders')" });
      }
      captured.sources.push([sourceName, tableName]);
      return placeholder(`${sourceName}.${tableName}`);
    },
    is_incremental: () => false,
    should_full_refresh: () => false,
  };
}
