/**
 * Reads a previous run's `manifest.json` into the few facts `state:` selectors and `--defer`
 * need, so those features do not depend on the full artifact layout.
 */
import { createHash } from 'node:crypto';

import { TsdbtError } from '../errors/tsdbt-error.js';

/** What a state comparison needs to know about one node of the previous manifest. */
export interface SnapshotNodeState {
  readonly uniqueId: string;
  /** `model`, `seed`, `snapshot`, `test`, `analysis`, `unit_test`. */
  readonly resourceType: string;
  /** sha256 of the raw file (`state:modified.body`). */
  readonly checksum: string;
  /** The resolved config as written (`state:modified.configs`). */
  readonly config: Readonly<Record<string, unknown>>;
  /** Macro unique ids the node calls (`state:modified.macros`). */
  readonly macros: readonly string[];
  /** Column names and declared data types (`state:modified.contract` hashes them when enforced). */
  readonly columns: readonly { readonly name: string; readonly dataType: string | null }[];
  /** Where the node was built (`--defer` reads from here). */
  readonly database: string | null;
  readonly schema: string | null;
  readonly alias: string | null;
  readonly relationName: string | null;
}

/** What a state comparison needs to know about one macro of the previous manifest. */
export interface SnapshotMacroState {
  readonly uniqueId: string;
  /** sha256 of `macro_sql` (dbt's manifest stores no macro checksum, so it is computed here). */
  readonly checksum: string;
}

/**
 * A small typed view of a previous `manifest.json`: per node its resource type, checksum,
 * config, macro dependencies and relation; per macro a checksum of its SQL. Nodes and unit
 * tests share one map, keyed by unique id.
 */
export interface ManifestSnapshot {
  readonly projectName: string | null;
  readonly nodes: ReadonlyMap<string, SnapshotNodeState>;
  readonly macros: ReadonlyMap<string, SnapshotMacroState>;
}

type JsonObject = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(detail: string): TsdbtError {
  return new TsdbtError({
    kind: 'runtime',
    message: `The state manifest is not a valid manifest.json: ${detail}`,
    hint: 'Point --state at the target directory of a previous tsdbt or dbt run.',
  });
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function readNode(uniqueId: string, value: unknown): SnapshotNodeState {
  if (!isObject(value)) throw invalid(`nodes["${uniqueId}"] is not an object`);
  const checksum = isObject(value.checksum) ? value.checksum.checksum : undefined;
  if (typeof checksum !== 'string') throw invalid(`nodes["${uniqueId}"].checksum.checksum is missing`);
  const dependsOn = isObject(value.depends_on) ? value.depends_on : {};
  const macros = Array.isArray(dependsOn.macros) ? dependsOn.macros.filter((id): id is string => typeof id === 'string') : [];
  const columns = isObject(value.columns)
    ? Object.values(value.columns)
        .filter(isObject)
        .filter((column) => typeof column.name === 'string')
        .map((column) => ({ name: column.name as string, dataType: stringOrNull(column.data_type) }))
    : [];
  return {
    uniqueId,
    resourceType: typeof value.resource_type === 'string' ? value.resource_type : uniqueId.split('.')[0],
    checksum,
    config: isObject(value.config) ? value.config : {},
    macros,
    columns,
    database: stringOrNull(value.database),
    schema: stringOrNull(value.schema),
    alias: stringOrNull(value.alias),
    relationName: stringOrNull(value.relation_name),
  };
}

/**
 * Parses a `manifest.json` value (already `JSON.parse`d). Throws a `TsdbtError` naming the
 * first missing piece when the value is not a manifest.
 *
 * @example
 * const snapshot = readManifestSnapshot(JSON.parse(await readFile('state/manifest.json', 'utf8')));
 * snapshot.nodes.get('model.shop.orders')?.checksum !== currentChecksum // modified
 */
export function readManifestSnapshot(json: unknown): ManifestSnapshot {
  if (!isObject(json)) throw invalid('the top level is not an object');
  if (!isObject(json.nodes)) throw invalid('"nodes" is missing');
  const nodes = new Map<string, SnapshotNodeState>();
  for (const section of [json.nodes, json.unit_tests]) {
    if (!isObject(section)) continue;
    for (const [uniqueId, value] of Object.entries(section)) nodes.set(uniqueId, readNode(uniqueId, value));
  }
  const macros = new Map<string, SnapshotMacroState>();
  if (isObject(json.macros)) {
    for (const [uniqueId, value] of Object.entries(json.macros)) {
      const sql = isObject(value) && typeof value.macro_sql === 'string' ? value.macro_sql : '';
      macros.set(uniqueId, { uniqueId, checksum: createHash('sha256').update(sql).digest('hex') });
    }
  }
  const metadata = isObject(json.metadata) ? json.metadata : {};
  return { projectName: stringOrNull(metadata.project_name), nodes, macros };
}
