/**
 * The compile stage for one node (`execute = true`): render its SQL with refs and sources
 * resolved to real relations, ephemeral models inlined as CTEs, and `is_incremental()`
 * answered from the relation cache. Generic tests call their test macro with the YAML arguments.
 */
import type { Manifest, ManifestNode, RelationName } from '../parse/manifest.js';
import { refCallOf } from '../parse/capture-scope.js';
import { TsdbtError } from '../errors/tsdbt-error.js';
import type { ProjectCompiler } from './project-compiler.js';
import { RelationValue } from './relation-value.js';
import { makeConfigFunction } from './config-function.js';
import { keywordArgs } from './call-args.js';
import type { ScopeValues } from './render-scope.js';
import { injectCtes } from './inject-ctes.js';
import { toTemplateError } from './jinja/template-error.js';

export interface CompileOptions {
  readonly compiler: ProjectCompiler;
  readonly manifest: Manifest;
  /** The relation a ref resolves to (deferral may point unselected models elsewhere). */
  readonly relationFor: (node: ManifestNode) => RelationName;
  /** Whether the node's target exists as a table and no full refresh applies. */
  readonly isIncremental: (node: ManifestNode) => boolean;
  readonly fullRefresh: boolean;
  /** Mocked relations for unit tests: ref/source names → SQL that yields the rows. */
  readonly overrides?: ReadonlyMap<string, string>;
}

/**
 * A microbatch window `[start, end)`: while compiling one batch, refs to models that declare
 * `event_time` read only the rows inside it (dbt's automatic microbatch filtering).
 */
export interface BatchWindow {
  /** Timestamps as SQL literal text, e.g. `2026-01-01 00:00:00`. */
  readonly start: string;
  readonly end: string;
}

export interface CompiledNode {
  readonly node: ManifestNode;
  readonly compiledSql: string;
  readonly relation: RelationValue;
}

export class NodeCompiler {
  private readonly refIndex = new Map<string, ManifestNode>();
  private readonly cache = new Map<string, string>();

  constructor(private readonly options: CompileOptions) {
    for (const node of Object.values(options.manifest.nodes)) {
      if (node.resourceType === 'model' || node.resourceType === 'seed' || node.resourceType === 'snapshot') this.refIndex.set(node.name, node);
    }
  }

  relationValue(relation: RelationName, type?: string): RelationValue {
    return new RelationValue(relation, this.options.compiler.dialect.renderRelation(relation), type);
  }

  /** The per-node globals of the execute phase. `ctes` collects ephemeral models it meets. */
  scopeFor(node: ManifestNode, ctes: Map<string, string>, batchWindow?: BatchWindow): ScopeValues {
    const { compiler, manifest } = this.options;
    const resolveRef = (...args: unknown[]) => {
      const call = refCallOf(args);
      const override = this.options.overrides?.get(`ref:${call.name}`);
      if (override !== undefined) return override;
      const target = this.refIndex.get(call.name);
      if (!target) {
        throw new TsdbtError({ kind: 'dependency', message: `ref('${call.name}') does not name a model, seed or snapshot`, nodeId: node.uniqueId });
      }
      if (target.resourceType === 'model' && target.config.materialized === 'ephemeral') {
        const cteName = `__dbt__cte__${target.name}`;
        if (!ctes.has(cteName)) {
          const inner = this.compileSql(target, ctes);
          ctes.set(cteName, inner);
        }
        return cteName;
      }
      return inBatch(this.relationValue(this.options.relationFor(target)), target.config.event_time);
    };
    // In a microbatch batch, a ref or source with an event_time reads only the batch's window.
    const inBatch = (relation: RelationValue, eventTime: unknown): unknown => {
      if (batchWindow === undefined || typeof eventTime !== 'string' || eventTime === '') return relation;
      return compiler.macros.call('get_batch_filtered_relation', compiler.dialect.type, relation, eventTime, batchWindow.start, batchWindow.end);
    };
    return {
      execute: true,
      flags: { FULL_REFRESH: this.options.fullRefresh },
      this: this.relationValue(node.relation),
      model: {
        name: node.name, unique_id: node.uniqueId, resource_type: node.resourceType, config: node.config, original_file_path: node.originalFilePath,
        ...(batchWindow ? { batch: { event_time_start: batchWindow.start, event_time_end: batchWindow.end } } : {}),
      },
      config: makeConfigFunction(undefined, () => node.config),
      ref: resolveRef,
      source: (sourceName: string, tableName: string) => {
        const override = this.options.overrides?.get(`source:${sourceName}.${tableName}`);
        if (override !== undefined) return override;
        const source = manifest.sources[`source.${manifest.projectName}.${sourceName}.${tableName}`];
        if (!source) {
          throw new TsdbtError({ kind: 'dependency', message: `source('${sourceName}', '${tableName}') is not declared`, nodeId: node.uniqueId });
        }
        return inBatch(this.relationValue(source.relation), source.config.event_time);
      },
      is_incremental: () => this.options.isIncremental(node),
      should_full_refresh: () => this.options.fullRefresh || node.config.full_refresh === true,
    };
  }

  private compileSql(node: ManifestNode, ctes: Map<string, string>, batchWindow?: BatchWindow): string {
    const { compiler } = this.options;
    const scope = this.scopeFor(node, ctes, batchWindow);
    if (node.resourceType === 'test' && node.testMetadata) return this.compileGenericTest(node, scope);
    if (!node.rawCode.includes('{')) return node.rawCode;
    // The template was compiled during parse under the same key (snapshot bodies with their
    // original line offsets), so this render reuses it.
    return compiler.render(node.uniqueId, node.rawCode, node.originalFilePath, scope, node.uniqueId);
  }

  private compileGenericTest(node: ManifestNode & { resourceType: 'test' }, scope: ScopeValues): string {
    const { compiler } = this.options;
    const metadata = node.testMetadata!;
    const macroName = `test_${metadata.name}`;
    const macro = compiler.macros.get(macroName);
    if (!macro) {
      throw new TsdbtError({
        kind: 'compilation',
        message: `Test '${metadata.namespace ? metadata.namespace + '.' : ''}${metadata.name}' is not defined`,
        file: node.originalFilePath,
        line: node.patchLine,
        nodeId: node.uniqueId,
        hint: `Built-in tests: not_null, unique, accepted_values, relationships. Define others with {% test ${metadata.name}(model, column_name) %} in macro-paths or test-paths.`,
      });
    }
    const kwargs: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(metadata.kwargs)) {
      if (typeof value === 'string' && /^\s*(ref|source)\s*\(.*\)\s*$/.test(value)) {
        kwargs[key] = compiler.renderString(`{{ ${value} }}`, node.originalFilePath, scope, node.uniqueId);
      } else if (typeof value === 'string' && value.includes('{{')) {
        kwargs[key] = compiler.renderString(value, node.originalFilePath, scope, node.uniqueId);
      } else kwargs[key] = value;
    }
    try {
      return compiler.withScope(scope, () => String(macro.call(keywordArgs(kwargs)))).trim();
    } catch (error) {
      throw toTemplateError(error, macro.definition.originalFilePath, node.uniqueId);
    }
  }

  /**
   * Compile a node to the SQL its materialization wraps (ephemeral CTEs inlined). With a
   * `batchWindow` (microbatch), refs and sources with `event_time` are filtered to it; such
   * renders are not cached, since each batch differs.
   */
  compile(node: ManifestNode, options: { readonly batchWindow?: BatchWindow } = {}): CompiledNode {
    const relation = this.relationValue(node.relation);
    if (options.batchWindow) {
      const ctes = new Map<string, string>();
      return { node, compiledSql: injectCtes(this.compileSql(node, ctes, options.batchWindow), ctes), relation };
    }
    const cached = this.cache.get(node.uniqueId);
    if (cached !== undefined) return { node, compiledSql: cached, relation };
    const ctes = new Map<string, string>();
    const sql = this.compileSql(node, ctes);
    const compiledSql = injectCtes(sql, ctes);
    this.cache.set(node.uniqueId, compiledSql);
    return { node, compiledSql, relation };
  }
}
