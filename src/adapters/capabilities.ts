/**
 * What an adapter can do, declared as data (as SQLMesh does) instead of `if (engine === ...)`
 * branches. Templates and the planner read these flags.
 */
export interface AdapterCapabilities {
  /** DDL (create/drop/rename) can be rolled back inside a transaction. */
  readonly transactionalDdl: boolean;
  /** `merge into ... using ... when matched ...` is supported. */
  readonly merge: boolean;
  /** `cluster by (...)` is a table property. */
  readonly clusterBy: boolean;
  /** Tables can be `transient` (no fail-safe). */
  readonly transientTables: boolean;
  /** Several sessions may write at the same time. */
  readonly concurrentWrites: boolean;
  /** Unquoted identifiers are folded to upper case (Snowflake) instead of lower (DuckDB, Postgres). */
  readonly upperCaseIdentifiers: boolean;
  /** The database has a database level above schemas that relation names include. */
  readonly usesDatabase: boolean;
}

export const defaultCapabilities: AdapterCapabilities = {
  transactionalDdl: false,
  merge: true,
  clusterBy: false,
  transientTables: false,
  concurrentWrites: true,
  upperCaseIdentifiers: false,
  usesDatabase: true,
};
