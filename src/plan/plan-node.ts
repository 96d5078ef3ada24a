/**
 * Which statements build a node, by materialization. SQL text comes from dispatched macros
 * (`src/materializations/`); the choice and order of steps is here, driven by adapter
 * capabilities (e.g. transactional DDL → build aside and swap; otherwise create-or-replace).
 */
import type { Relation, Session } from '../adapters/adapter.js';
import type { RunnerContext } from '../execute/runner-context.js';
import type { RelationName } from '../parse/manifest.js';
import type { ProjectCompiler } from '../compile/project-compiler.js';
import type { CompiledNode, NodeCompiler } from '../compile/compile-node.js';
import { TsdbtError } from '../errors/tsdbt-error.js';
import type { Hook } from '../config/node-config.js';
import { begin, commit, sqlStep, type NodePlan, type Step } from './plan-types.js';
import { checkContract } from './check-contract.js';
import { planIncremental } from './plan-incremental.js';
import { planSnapshot } from './plan-snapshot.js';

export interface PlanContext {
  readonly compiler: ProjectCompiler;
  readonly nodeCompiler: NodeCompiler;
  /** The relation currently in the database at the node's target, if any. */
  readonly existing?: Relation;
  readonly fullRefresh: boolean;
  /** For planners that must look at the database first (incremental column changes, snapshots). */
  readonly session?: Session;
  readonly runner?: RunnerContext;
}

export type Planner = (compiled: CompiledNode, context: PlanContext) => NodePlan | Promise<NodePlan>;

/** Call a dispatched macro with the node's scope, returning its SQL text. */
export function macroSql(context: PlanContext, compiled: CompiledNode, name: string, ...args: unknown[]): string {
  const scope = context.nodeCompiler.scopeFor(compiled.node, new Map());
  return context.compiler.withScope(scope, () => {
    const value = context.compiler.macros.call(name, context.compiler.dialect.type, ...args);
    return String(value ?? '').trim();
  });
}

export function clusterKeys(compiled: CompiledNode): string[] | null {
  const value = compiled.node.config.cluster_by;
  if (value === undefined || value === null) return null;
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

export function hookSteps(context: PlanContext, compiled: CompiledNode, which: 'pre-hook' | 'post-hook'): Step[] {
  const hooks = (compiled.node.config[which] ?? []) as readonly Hook[];
  const scope = context.nodeCompiler.scopeFor(compiled.node, new Map());
  return hooks.map((hook, index) =>
    sqlStep(`${which} ${index + 1}`, context.compiler.renderString(hook.sql, compiled.node.originalFilePath, scope, compiled.node.uniqueId)),
  );
}

/** A relation beside the node's own (same database and schema), e.g. its temporary build. */
export function siblingRelation(compiled: CompiledNode, suffix: string): RelationName {
  const relation = compiled.relation;
  return { database: relation.database, schema: relation.schema, identifier: `${relation.identifier}${suffix}` };
}

export const planTable: Planner = (compiled, context) => {
  const { dialect } = context.compiler;
  const nodeCompiler = context.nodeCompiler;
  const target = compiled.relation;
  const cluster = clusterKeys(compiled);
  const steps: Step[] = [...hookSteps(context, compiled, 'pre-hook')];
  const automatic = compiled.node.config.automatic_clustering === true;
  if (dialect.capabilities.transactionalDdl) {
    // Build beside the old table, then swap inside one transaction: a failed build leaves the
    // previous table untouched, and readers never see a missing table.
    const temp = nodeCompiler.relationValue(siblingRelation(compiled, '__tsdbt_tmp'));
    steps.push(sqlStep('drop stale temp', macroSql(context, compiled, 'drop_relation', temp, 'table')));
    steps.push(sqlStep('create temp table', macroSql(context, compiled, 'create_table_as', temp, compiled.compiledSql, cluster)));
    steps.push(begin);
    if (context.existing) steps.push(sqlStep('drop old', macroSql(context, compiled, 'drop_relation', target, context.existing.type)));
    steps.push(sqlStep('swap', macroSql(context, compiled, 'rename_relation', temp, target.identifier)));
    steps.push(commit);
  } else {
    // `create or replace table` is atomic where DDL is not transactional (Snowflake).
    if (context.existing?.type === 'view') steps.push(sqlStep('drop view', macroSql(context, compiled, 'drop_relation', target, 'view')));
    steps.push(sqlStep('create table', macroSql(context, compiled, 'create_table_as', target, compiled.compiledSql, cluster)));
  }
  if (cluster && dialect.capabilities.clusterBy) {
    const clusterSql = macroSql(context, compiled, 'cluster_table', target, cluster, automatic);
    if (clusterSql) steps.push(sqlStep('cluster', clusterSql));
  }
  steps.push(...hookSteps(context, compiled, 'post-hook'));
  return { nodeId: compiled.node.uniqueId, materialized: 'table', steps, message: 'CREATE TABLE' };
};

export const planView: Planner = (compiled, context) => {
  const { dialect } = context.compiler;
  const target = compiled.relation;
  const steps: Step[] = [...hookSteps(context, compiled, 'pre-hook')];
  const create = sqlStep('create view', macroSql(context, compiled, 'create_view_as', target, compiled.compiledSql));
  if (context.existing?.type === 'table') {
    // A table is in the way: drop it and create the view in one transaction where DDL allows.
    if (dialect.capabilities.transactionalDdl) steps.push(begin);
    steps.push(sqlStep('drop table', macroSql(context, compiled, 'drop_relation', target, 'table')), create);
    if (dialect.capabilities.transactionalDdl) steps.push(commit);
  } else steps.push(create);
  steps.push(...hookSteps(context, compiled, 'post-hook'));
  return { nodeId: compiled.node.uniqueId, materialized: 'view', steps, message: 'CREATE VIEW' };
};

export const planEphemeral: Planner = (compiled) => ({
  nodeId: compiled.node.uniqueId, materialized: 'ephemeral', steps: [], message: 'OK',
});

const planners: Record<string, Planner> = { table: planTable, view: planView, ephemeral: planEphemeral, incremental: planIncremental, snapshot: planSnapshot };

/** Register a materialization planner (incremental, snapshot ...). */
export function registerPlanner(materialized: string, planner: Planner): void {
  planners[materialized] = planner;
}

export async function planNode(compiled: CompiledNode, context: PlanContext): Promise<NodePlan> {
  const materialized = String(compiled.node.config.materialized);
  const planner = planners[materialized];
  if (!planner) {
    throw new TsdbtError({
      kind: 'compilation',
      message: `Unknown materialization '${materialized}'`,
      file: compiled.node.originalFilePath,
      nodeId: compiled.node.uniqueId,
      hint: `Use one of: ${Object.keys(planners).sort().join(', ')}.`,
    });
  }
  // Contracts are checked against the query's shape before any step runs, so a broken
  // contract never replaces the relation that is there. Plans without a session (compile) skip it.
  if (context.session !== undefined && materialized !== 'ephemeral') await checkContract(compiled, context.session);
  return planner(compiled, context);
}

