/**
 * The Manifest: every node, source, macro and doc block of a project, with resolved config
 * and declared dependencies. Output of the parse stage, input to graph/select/compile.
 *
 * Unique ids follow dbt: `model.<project>.<name>`, `source.<project>.<source>.<table>`,
 * `test.<project>.<test_name>`, `macro.<project>.<name>`.
 */
import type { NodeConfig } from '../config/node-config.js';

export type ResourceType = 'model' | 'seed' | 'snapshot' | 'test' | 'analysis' | 'unit_test';

export interface ColumnDef {
  readonly name: string;
  readonly description: string;
  readonly dataType?: string;
  readonly meta: Readonly<Record<string, unknown>>;
  readonly tags: readonly string[];
  readonly quote?: boolean;
}

/** `ref('name')` or `ref('package', 'name')`, captured during parse. */
export interface RefCall {
  readonly package?: string;
  readonly name: string;
  readonly version?: string | number;
}

/** A database relation as three parts; rendering and quoting are the adapter's job. */
export interface RelationName {
  readonly database: string;
  readonly schema: string;
  readonly identifier: string;
}

interface BaseNode {
  readonly uniqueId: string;
  readonly name: string;
  readonly packageName: string;
  /** Path from the project root, e.g. `models/staging/stg_orders.sql`. */
  readonly originalFilePath: string;
  /** Path inside its resource folder, e.g. `staging/stg_orders.sql`. */
  readonly path: string;
  readonly fqn: readonly string[];
  readonly rawCode: string;
  readonly config: NodeConfig;
  readonly description: string;
  readonly columns: Readonly<Record<string, ColumnDef>>;
  readonly refs: readonly RefCall[];
  /** `[sourceName, tableName]` pairs. */
  readonly sources: readonly (readonly [string, string])[];
  readonly dependsOn: { readonly nodes: readonly string[]; readonly macros: readonly string[] };
  /** sha256 of the raw file contents (used by `state:modified`). */
  readonly checksum: string;
  readonly relation: RelationName;
  /** The property YAML that described this node, if any (`models/schema.yml`). */
  readonly patchPath?: string;
  /** Line in the property YAML where this node is described. */
  readonly patchLine?: number;
}

export interface ModelNode extends BaseNode {
  readonly resourceType: 'model';
}

export interface AnalysisNode extends BaseNode {
  readonly resourceType: 'analysis';
}

export interface SeedNode extends BaseNode {
  readonly resourceType: 'seed';
  /** Absolute path of the CSV file. */
  readonly absolutePath: string;
}

export interface SnapshotNode extends BaseNode {
  readonly resourceType: 'snapshot';
}

export interface TestMetadata {
  /** Generic test name: `not_null`, `unique`, `accepted_values`, `relationships`, or a custom one. */
  readonly name: string;
  readonly kwargs: Readonly<Record<string, unknown>>;
  readonly namespace?: string;
}

export interface TestNode extends BaseNode {
  readonly resourceType: 'test';
  /** Present for generic tests, absent for singular ones. */
  readonly testMetadata?: TestMetadata;
  /** The model/seed/snapshot/source the test is attached to. */
  readonly attachedNode?: string;
  readonly columnName?: string;
}

export interface UnitTestNode extends BaseNode {
  readonly resourceType: 'unit_test';
  readonly model: string;
  readonly given: readonly { readonly input: string; readonly rows: readonly Record<string, unknown>[] }[];
  readonly expect: { readonly rows: readonly Record<string, unknown>[] };
}

export type ManifestNode = ModelNode | SeedNode | SnapshotNode | TestNode | AnalysisNode | UnitTestNode;

export interface FreshnessThreshold {
  readonly count: number;
  readonly period: 'minute' | 'hour' | 'day';
}

export interface FreshnessRule {
  readonly warnAfter?: FreshnessThreshold;
  readonly errorAfter?: FreshnessThreshold;
  readonly filter?: string;
}

export interface SourceDefinition {
  readonly uniqueId: string;
  readonly resourceType: 'source';
  readonly packageName: string;
  readonly sourceName: string;
  readonly name: string;
  readonly originalFilePath: string;
  readonly line?: number;
  readonly fqn: readonly string[];
  readonly description: string;
  readonly sourceDescription: string;
  readonly columns: Readonly<Record<string, ColumnDef>>;
  readonly relation: RelationName;
  readonly loadedAtField?: string;
  readonly freshness?: FreshnessRule;
  readonly tags: readonly string[];
  readonly meta: Readonly<Record<string, unknown>>;
  readonly config: { readonly enabled: boolean; readonly [key: string]: unknown };
}

export interface MacroDefinition {
  readonly uniqueId: string;
  readonly name: string;
  /** `tsdbt` for built-in macros, the project name for project macros. */
  readonly packageName: string;
  readonly originalFilePath: string;
  readonly line: number;
  readonly macroSql: string;
  readonly description: string;
  readonly arguments: readonly string[];
}

export interface DocBlock {
  readonly uniqueId: string;
  readonly name: string;
  readonly originalFilePath: string;
  readonly blockContents: string;
}

export interface Manifest {
  readonly projectName: string;
  readonly projectRoot: string;
  readonly nodes: Readonly<Record<string, ManifestNode>>;
  readonly sources: Readonly<Record<string, SourceDefinition>>;
  readonly macros: Readonly<Record<string, MacroDefinition>>;
  readonly docs: Readonly<Record<string, DocBlock>>;
  /** Nodes disabled by config (kept so `ref()` to them can say "disabled" instead of "missing"). */
  readonly disabled: Readonly<Record<string, ManifestNode>>;
}
