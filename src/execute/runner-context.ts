/**
 * Everything a node runner needs for one invocation, built once by `run-dag.ts`.
 */
import type { Adapter, Session } from '../adapters/adapter.js';
import type { ProjectCompiler } from '../compile/project-compiler.js';
import type { NodeCompiler } from '../compile/compile-node.js';
import type { Manifest, ManifestNode } from '../parse/manifest.js';
import type { Dag } from '../graph/dag.js';
import type { RelationCache } from './relation-cache.js';
import type { NodeResult } from './events.js';

export interface RunnerContext {
  readonly manifest: Manifest;
  readonly dag: Dag;
  readonly compiler: ProjectCompiler;
  readonly nodeCompiler: NodeCompiler;
  readonly adapter: Adapter;
  readonly relations: RelationCache;
  readonly targetDir: string;
  readonly fullRefresh: boolean;
  /** Microbatch window from `--event-time-start/--event-time-end`. */
  readonly eventTimeStart?: Date;
  readonly eventTimeEnd?: Date;
  readonly now: () => Date;
  /** Aborted on Ctrl-C: a runner stops starting work (the scheduler cancels the sessions). */
  readonly signal?: AbortSignal;
  /**
   * Up to `max` of the run's sessions that no node is using right now (none when all `--threads`
   * are busy), for a node that can spread its work (microbatch batches). `giveBack` returns them
   * to the scheduler, which may then start other nodes on them.
   */
  readonly borrowIdleSessions?: (max: number) => { readonly sessions: readonly Session[]; giveBack(): void };
}

/** What a node runner reports; timing and ids are added by the scheduler. */
export type NodeOutcome = Omit<NodeResult, 'uniqueId' | 'startedAt' | 'completedAt' | 'executionTime'>;

export type NodeRunner = (node: ManifestNode, session: Session, context: RunnerContext) => Promise<NodeOutcome>;
