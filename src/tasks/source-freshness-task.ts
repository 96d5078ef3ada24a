/**
 * `tsdbt source freshness`: for each selected source with a `loaded_at_field` and a
 * `freshness` rule, ask the database for the newest load time and its own clock, judge the
 * age against `warn_after`/`error_after`, report it like dbt and write `target/sources.json`.
 */
import { basename, dirname, resolve } from 'node:path';
import { createAdapter } from '../adapters/create-adapter.js';
import type { Session } from '../adapters/adapter.js';
import { buildSourcesJson } from '../artifacts/build-sources-json.js';
import type { SourceFreshnessResult } from '../artifacts/source-freshness-result.js';
import { writeJsonArtifact } from '../artifacts/write-json-artifact.js';
import { RelationValue } from '../compile/relation-value.js';
import { TsdbtError } from '../errors/tsdbt-error.js';
import type { EventSink, NodeDescription, NodeResult } from '../execute/events.js';
import { selectNodesDetailed } from '../graph/select-nodes.js';
import type { SourceDefinition } from '../parse/manifest.js';
import { countResources } from './count-resources.js';
import { judgeFreshness } from './judge-freshness.js';
import { prepareInvocation, type InvocationOptions, type PreparedInvocation } from './prepare-invocation.js';
import { TSDBT_VERSION } from './version.js';

/** `tsdbt source freshness` flags: selection (`source:raw.orders`, `source:raw`), output path, reporter. */
export interface SourceFreshnessTaskOptions extends InvocationOptions {
  readonly select?: readonly string[];
  readonly exclude?: readonly string[];
  /** Where to write the sources artifact (dbt's `--output`); default `target/sources.json`. */
  readonly output?: string;
  readonly sink: EventSink;
}

/** The exit code and one result per checked source, in the order checked. */
export interface SourceFreshnessTaskResult {
  /** 1 when a source is past `error_after` or its check failed; warnings alone exit 0. */
  readonly exitCode: number;
  readonly results: SourceFreshnessResult[];
}

/** A Date from what a driver returns for a timestamp (Date, ISO text or epoch millis). */
function toDate(value: unknown): Date | undefined {
  if (value === null || value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(typeof value === 'string' && !/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? `${value.replace(' ', 'T')}Z` : (value as string | number));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function describeSource(source: SourceDefinition): NodeDescription {
  return {
    uniqueId: source.uniqueId,
    name: `${source.sourceName}.${source.name}`,
    resourceType: 'source',
    materialized: 'source',
    relationName: `${source.sourceName}.${source.name}`,
    originalFilePath: source.originalFilePath,
  };
}

async function checkSource(
  source: SourceDefinition,
  session: Session,
  prepared: PreparedInvocation,
  now: () => Date,
): Promise<SourceFreshnessResult> {
  const startedAt = now();
  const criteria = source.freshness ?? {};
  const finish = (fields: Omit<SourceFreshnessResult, 'uniqueId' | 'criteria' | 'executionTime' | 'startedAt' | 'completedAt'>): SourceFreshnessResult => {
    const completedAt = now();
    return { uniqueId: source.uniqueId, criteria, startedAt, completedAt, executionTime: (completedAt.getTime() - startedAt.getTime()) / 1000, ...fields };
  };
  try {
    const { compiler } = prepared;
    const relation = new RelationValue(source.relation, compiler.dialect.renderRelation(source.relation), 'table');
    const sql = compiler.withScope({ execute: true }, () =>
      String(compiler.macros.call('collect_freshness', compiler.dialect.type, relation, source.loadedAtField, criteria.filter ?? null) ?? '').trim(),
    );
    const { rows } = await session.query(sql);
    // Snowflake returns unquoted aliases upper-cased (`MAX_LOADED_AT`).
    const column = (name: string): unknown => Object.entries(rows[0] ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];
    const maxLoadedAt = toDate(column('max_loaded_at'));
    const snapshottedAt = toDate(column('snapshotted_at'));
    if (snapshottedAt === undefined) throw new TsdbtError({ kind: 'database', message: `The database did not return its current time for ${relation.toString()}` });
    if (maxLoadedAt === undefined) {
      // No rows (or only nulls) means nothing was ever loaded: dbt reports that as an error.
      const error = new TsdbtError({
        kind: 'runtime',
        message: `Source ${source.sourceName}.${source.name} has no ${source.loadedAtField} values${criteria.filter ? ` matching '${criteria.filter}'` : ''}, so its freshness is unknown`,
        file: source.originalFilePath, line: source.line, nodeId: source.uniqueId,
      });
      return finish({ status: 'runtime error', snapshottedAt, message: error.message, error });
    }
    const ageSeconds = (snapshottedAt.getTime() - maxLoadedAt.getTime()) / 1000;
    return finish({ status: judgeFreshness(criteria, ageSeconds), maxLoadedAt, snapshottedAt, ageSeconds, message: `SELECT ${rows.length}` });
  } catch (error) {
    const base = error instanceof TsdbtError ? error : new TsdbtError({ kind: 'database', message: error instanceof Error ? error.message : String(error), cause: error });
    const located = base.withDefaults({ nodeId: source.uniqueId, file: source.originalFilePath, line: source.line });
    return finish({ status: 'runtime error', message: located.message, error: located });
  }
}

/** The reporter's row for a freshness result: status, timing and, when late, by how much. */
function toNodeResult(result: SourceFreshnessResult, source: SourceDefinition): NodeResult {
  const late = result.status === 'warn' || result.status === 'error' ? lateness(result, source) : undefined;
  const stale = result.status === 'error' && late !== undefined
    ? new TsdbtError({ kind: 'runtime', message: late, file: source.originalFilePath, line: source.line, nodeId: source.uniqueId })
    : undefined;
  return {
    uniqueId: result.uniqueId,
    status: result.status,
    executionTime: result.executionTime,
    message: late ?? result.message ?? '',
    error: result.error ?? stale,
    startedAt: result.startedAt,
    completedAt: result.completedAt,
  };
}

/** `Source raw.payments is stale: last loaded at 2026-01-01T00:00:00.000Z, 3.0 days ago (error_after: 1 day)`. */
function lateness(result: SourceFreshnessResult, source: SourceDefinition): string {
  const stale = result.status === 'error';
  const threshold = stale ? result.criteria.errorAfter : result.criteria.warnAfter;
  const limit = threshold ? `${threshold.count} ${threshold.period}${threshold.count === 1 ? '' : 's'}` : '';
  const age = formatAge(result.ageSeconds ?? 0);
  return `Source ${source.sourceName}.${source.name} is ${stale ? 'stale' : 'late'}: last loaded at ${result.maxLoadedAt?.toISOString()}, ${age} ago (${stale ? 'error_after' : 'warn_after'}: ${limit})`;
}

function formatAge(seconds: number): string {
  if (seconds >= 86_400) return `${(seconds / 86_400).toFixed(1)} days`;
  if (seconds >= 3_600) return `${(seconds / 3_600).toFixed(1)} hours`;
  return `${Math.round(seconds / 60)} minutes`;
}

/**
 * Check the freshness of the selected sources (all by default) on one session, in DAG order.
 *
 * @example await sourceFreshnessTask({ projectDir, env: process.env, select: ['source:raw'], sink })
 */
export async function sourceFreshnessTask(options: SourceFreshnessTaskOptions): Promise<SourceFreshnessTaskResult> {
  const now = options.now ?? (() => new Date());
  const prepared = await prepareInvocation({ ...options, onNotice: (message) => options.sink({ type: 'Notice', message, at: now() }) });
  const { manifest } = prepared;
  const selection = selectNodesDetailed(manifest, prepared.dag, {
    select: options.select,
    exclude: options.exclude,
    includeSources: true,
    indirectSelection: 'empty',
  });
  options.sink({ type: 'RunStarted', command: 'source freshness', version: TSDBT_VERSION, counts: countResources(manifest), at: now() });
  for (const term of selection.unmatched) {
    options.sink({ type: 'Notice', message: `The selection criterion '${term.term}' does not match any enabled nodes.`, at: now() });
  }
  // dbt checks only sources that say how: a loaded_at_field and at least one threshold.
  // In the order the YAML declares them, which is how people read their sources.
  const selected = new Set(selection.uniqueIds);
  const sources = Object.values(manifest.sources)
    .filter((source) => selected.has(source.uniqueId))
    .filter((source) => source.loadedAtField !== undefined && (source.freshness?.warnAfter !== undefined || source.freshness?.errorAfter !== undefined));
  const started = now();
  const results: SourceFreshnessResult[] = [];
  if (sources.length === 0) {
    options.sink({ type: 'Notice', message: 'Nothing to do. No selected source has a loaded_at_field and a freshness rule.', at: now() });
  } else {
    options.sink({ type: 'Notice', message: `Concurrency: 1 threads (target='${prepared.profile.targetName}')`, at: now() });
    const adapter = await createAdapter(prepared.profile.target);
    const session = await adapter.openSession();
    const descriptions = new Map(sources.map((source) => [source.uniqueId, describeSource(source)]));
    const nodeResults: NodeResult[] = [];
    try {
      for (const [index, source] of sources.entries()) {
        const node = descriptions.get(source.uniqueId)!;
        options.sink({ type: 'NodeStarted', node, index: index + 1, total: sources.length, at: now() });
        const result = await checkSource(source, session, prepared, now);
        results.push(result);
        const nodeResult = toNodeResult(result, source);
        nodeResults.push(nodeResult);
        options.sink({ type: 'NodeFinished', node, index: index + 1, total: sources.length, result: nodeResult, at: now() });
      }
    } finally {
      await session.release();
      await adapter.close();
    }
    options.sink({ type: 'RunFinished', command: 'source freshness', results: nodeResults, nodes: descriptions, elapsedSeconds: (now().getTime() - started.getTime()) / 1000, at: now() });
  }
  const json = buildSourcesJson(results, {
    invocationId: prepared.invocationId,
    generatedAt: now(),
    version: TSDBT_VERSION,
    elapsedTime: (now().getTime() - started.getTime()) / 1000,
  });
  if (options.output === undefined) await writeJsonArtifact(prepared.targetDir, 'sources.json', json);
  else {
    const path = resolve(options.projectDir, options.output);
    await writeJsonArtifact(dirname(path), basename(path), json);
  }
  const failed = results.some((result) => result.status === 'error' || result.status === 'runtime error');
  return { exitCode: failed ? 1 : 0, results };
}
