/**
 * Plan a node of a temporary project for any dialect without a database: parse the project
 * as `tsdbt compile` would, pretend the given relations exist, and return the steps. Golden
 * SQL tests (Snowflake before a connection exists) use this.
 */
import { dialectFor } from '../adapters/dialect.js';
import { ProjectCompiler } from '../compile/project-compiler.js';
import { NodeCompiler } from '../compile/compile-node.js';
import { loadProject } from '../load/load-project.js';
import { parseProject } from '../parse/parse-project.js';
import { planNode } from '../plan/plan-node.js';
import type { NodePlan } from '../plan/plan-types.js';
import type { Relation, Session } from '../adapters/adapter.js';
import type { RunnerContext } from '../execute/runner-context.js';
import { makeProject, removeProject } from './make-project.js';

export interface PlanForDialectOptions {
  readonly dialect: 'duckdb' | 'snowflake';
  readonly node: string;
  /** What is in the database at the node's target before the run. */
  readonly existing?: Relation['type'];
  readonly fullRefresh?: boolean;
  readonly database?: string;
  readonly schema?: string;
  /** A session for planners that look at the database (columns of the existing table). */
  readonly session?: Session;
  readonly runner?: Partial<RunnerContext>;
}

export async function planForDialect(files: Readonly<Record<string, string>>, options: PlanForDialectOptions): Promise<NodePlan> {
  const dir = await makeProject({ 'project.yml': 'name: shop\nprofile: shop\n', ...files });
  try {
    const raw = await loadProject(dir, { env: {} });
    const dialect = dialectFor(options.dialect);
    const compiler = new ProjectCompiler(dialect, {
      target: { name: 'prod', type: options.dialect, schema: options.schema ?? 'analytics', database: options.database ?? 'warehouse', threads: 1, profile_name: 'shop' },
      vars: {},
      env: {},
      runStartedAt: new Date('2026-01-01T00:00:00Z'),
      invocationId: '00000000-0000-0000-0000-000000000000',
      projectName: 'shop',
    });
    const manifest = parseProject(raw, compiler);
    const node = Object.values(manifest.nodes).find((candidate) => candidate.name === options.node);
    if (!node) throw new Error(`no node named ${options.node}`);
    const existing = options.existing ? { ...node.relation, type: options.existing } : undefined;
    const fullRefresh = options.fullRefresh ?? false;
    const nodeCompiler = new NodeCompiler({
      compiler,
      manifest,
      fullRefresh,
      relationFor: (target) => target.relation,
      isIncremental: () => existing?.type === 'table' && !fullRefresh,
    });
    return await planNode(nodeCompiler.compile(node), {
      compiler,
      nodeCompiler,
      existing,
      fullRefresh,
      session: options.session,
      runner: options.runner as RunnerContext | undefined,
    });
  } finally {
    await removeProject(dir);
  }
}
