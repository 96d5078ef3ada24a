/**
 * dbt's heading for each kind of error, so a dbt user reads `Compilation Error in model x`
 * exactly as they know it.
 */
import type { ErrorKind } from '../errors/tsdbt-error.js';

const TITLES: Readonly<Record<ErrorKind, string>> = {
  yaml: 'Parsing Error',
  config: 'Parsing Error',
  profile: 'Runtime Error',
  env: 'Env Var Error',
  template: 'Compilation Error',
  compilation: 'Compilation Error',
  dependency: 'Dependency Error',
  cycle: 'Compilation Error',
  selection: 'Runtime Error',
  database: 'Database Error',
  runtime: 'Runtime Error',
  internal: 'Internal Error',
};

/** `Database Error`, `Compilation Error` ... for an error kind. */
export function errorTitle(kind: ErrorKind): string {
  return TITLES[kind];
}
