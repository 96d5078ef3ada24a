/**
 * The adapter interface: the few operations tsdbt needs from a database.
 * Everything else adapters differ in (DDL shapes, merge syntax, ...) lives in SQL templates
 * under `src/materializations/<adapter>/`, dispatched adapter-first.
 */
import type { RelationName } from '../parse/manifest.js';
import type { AdapterCapabilities } from './capabilities.js';

export type RelationType = 'table' | 'view' | 'external';

export interface Relation extends RelationName {
  readonly type: RelationType;
}

export interface ColumnInfo {
  readonly name: string;
  /** The database's own type name, e.g. `INTEGER`, `VARCHAR`, `TIMESTAMP WITH TIME ZONE`. */
  readonly dataType: string;
}

/** Rows as plain objects; values converted to JS (numbers, strings, booleans, Date, null). */
export type Row = Record<string, unknown>;

export interface QueryResult {
  readonly columns: readonly ColumnInfo[];
  readonly rows: readonly Row[];
}

/**
 * Session-level settings a node may change for the time it runs (dbt-snowflake's
 * `snowflake_warehouse` and `query_tag`). See `execute/session-settings.ts`.
 */
export interface SessionSettings {
  readonly warehouse?: string;
  readonly queryTag?: string;
}

/** One database session. The runner takes one per thread from the adapter. */
export interface Session {
  /** Run one statement (or a script the adapter can run as a whole); returns affected rows when known. */
  execute(sql: string): Promise<{ readonly rowsAffected?: number }>;
  query(sql: string): Promise<QueryResult>;
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  /** Abort what is running now (Ctrl-C). */
  cancel(): Promise<void>;
  /**
   * Optional: switch the compute the following statements run on (Snowflake `use warehouse`).
   * Sessions without it ignore a node's `snowflake_warehouse`, as dbt-duckdb does.
   */
  useWarehouse?(name: string): Promise<void>;
  /** Optional: label the following statements (`alter session set query_tag`); `undefined` unsets it. */
  setQueryTag?(tag: string | undefined): Promise<void>;
  /** Optional: the settings in effect now, so the runner can restore them after a node changed them. */
  currentSettings?(): SessionSettings;
}

export interface Adapter {
  /** `duckdb` | `snowflake`: the dispatch prefix for templates. */
  readonly type: string;
  readonly capabilities: AdapterCapabilities;
  /** Open a session (connection) for one runner thread. */
  openSession(): Promise<Session & { release(): Promise<void> }>;
  /** Relations in a schema (one query per schema, cached by the caller). */
  listRelations(database: string, schema: string): Promise<readonly Relation[]>;
  getColumns(relation: RelationName): Promise<readonly ColumnInfo[]>;
  /** Quote an identifier the way this database expects. The only quoting function. */
  quote(identifier: string): string;
  /** `"db"."schema"."table"` (omitting parts the adapter does not use). */
  renderRelation(relation: RelationName): string;
  createSchema(database: string, schema: string): Promise<void>;
  /** Load rows of a CSV file into a new table (seeds). */
  loadCsv?(relation: RelationName, csvPath: string, columnTypes: Readonly<Record<string, string>>): Promise<number>;
  close(): Promise<void>;
}
