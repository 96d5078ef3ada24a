/**
 * dbt's `config`: callable in a model (`config(materialized='table')` or `config({...})`,
 * possibly several times), and readable in macros (`config.get('unique_key')`, `config.require(...)`).
 */
import { TsdbtError } from '../errors/tsdbt-error.js';
import { splitArgs } from './call-args.js';

export interface ConfigFunction {
  (...args: unknown[]): string;
  get(key: string, fallback?: unknown): unknown;
  require(key: string): unknown;
}

/**
 * @param onSet receives each `config(...)` call's keys (parse phase); `undefined` makes the
 *   call a no-op (compile phase: config was already captured).
 * @param read the node's resolved config for `get`/`require`.
 */
export function makeConfigFunction(
  onSet: ((values: Readonly<Record<string, unknown>>) => void) | undefined,
  read: () => Readonly<Record<string, unknown>>,
): ConfigFunction {
  const config = ((...args: unknown[]) => {
    const { positional, keywords } = splitArgs(args);
    const values: Record<string, unknown> = {};
    for (const argument of positional) {
      if (argument !== null && typeof argument === 'object' && !Array.isArray(argument)) Object.assign(values, argument);
    }
    Object.assign(values, keywords);
    onSet?.(values);
    return '';
  }) as ConfigFunction;
  config.get = (key: string, fallback?: unknown) => {
    const value = read()[key];
    return value === undefined ? (fallback ?? null) : value;
  };
  config.require = (key: string) => {
    const value = read()[key];
    if (value === undefined) {
      throw new TsdbtError({ kind: 'compilation', message: `Required config '${key}' is not set`, hint: `Set it with config(${key}=...) or in YAML.` });
    }
    return value;
  };
  return config;
}
