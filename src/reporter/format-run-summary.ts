/**
 * The end-of-run block: `Finished running ...`, `Completed successfully` or
 * `Completed with 1 error, 0 partial successes, and 2 warnings:` with one paragraph per
 * problem, then `Done. PASS=.. WARN=.. ERROR=.. SKIP=.. NO-OP=.. TOTAL=..`.
 */
import type { NodeDescription, NodeResult } from '../execute/events.js';
import type { ResourceType } from '../parse/manifest.js';
import { paint } from './ansi-colors.js';
import { errorTitle } from './error-title.js';
import { formatSampleRows } from './format-sample-rows.js';
import { pluralize } from './pluralize.js';

/** dbt's word for each resource type in stat lines. */
const RESOURCE_WORDS: Readonly<Record<ResourceType | 'source', string>> = {
  model: 'model',
  seed: 'seed',
  snapshot: 'snapshot',
  test: 'data test',
  unit_test: 'unit test',
  analysis: 'analysis',
  source: 'source',
};

/** The order resource types appear in `Finished running ...`. */
const RESOURCE_ORDER: readonly (ResourceType | 'source')[] = ['model', 'snapshot', 'analysis', 'seed', 'test', 'unit_test', 'source'];

/** Counts per status group, as dbt's `Done.` line reports them. */
export interface RunStats {
  readonly pass: number;
  readonly warn: number;
  readonly error: number;
  readonly skip: number;
  readonly noOp: number;
  readonly partialSuccess: number;
  readonly total: number;
}

function hasFailedBatches(result: NodeResult): boolean {
  return (result.batches ?? []).some((batch) => batch.status === 'error');
}

function isErrorStatus(result: NodeResult): boolean {
  return result.status === 'error' || result.status === 'runtime error' || result.status === 'fail';
}

/** dbt counts success + pass as PASS and error + fail as ERROR. */
export function runStats(results: readonly NodeResult[]): RunStats {
  const count = (predicate: (result: NodeResult) => boolean): number => results.filter(predicate).length;
  return {
    pass: count((r) => r.status === 'success' || r.status === 'pass'),
    warn: count((r) => r.status === 'warn'),
    error: count(isErrorStatus),
    skip: count((r) => r.status === 'skipped'),
    noOp: 0,
    partialSuccess: count((r) => r.status === 'success' && hasFailedBatches(r)),
    total: results.length,
  };
}

/** `Done. PASS=22 WARN=0 ERROR=1 SKIP=1 NO-OP=0 TOTAL=24`. */
export function formatStatsLine(stats: RunStats): string {
  return `Done. PASS=${stats.pass} WARN=${stats.warn} ERROR=${stats.error} SKIP=${stats.skip} NO-OP=${stats.noOp} TOTAL=${stats.total}`;
}

/** ` in 0 hours 0 minutes and 1.92 seconds (1.92s).` */
function formatElapsed(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds - hours * 3600 - minutes * 60;
  return `in ${hours} hours ${minutes} minutes and ${rest.toFixed(2)} seconds (${seconds.toFixed(2)}s).`;
}

/** `Finished running 24 models, 61 data tests in 0 hours 0 minutes and 1.92 seconds (1.92s).` */
export function formatFinishedLine(results: readonly NodeResult[], nodes: ReadonlyMap<string, NodeDescription>, elapsedSeconds: number): string {
  const counts = new Map<ResourceType | 'source', number>();
  for (const result of results) {
    const type = nodes.get(result.uniqueId)?.resourceType ?? (result.uniqueId.split('.')[0] as ResourceType);
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  const parts = RESOURCE_ORDER.filter((type) => (counts.get(type) ?? 0) > 0).map((type) => pluralize(counts.get(type) ?? 0, RESOURCE_WORDS[type]));
  return `Finished running ${parts.length === 0 ? '0 nodes' : parts.join(', ')} ${formatElapsed(elapsedSeconds)}`;
}

function completionLine(stats: RunStats, useColor: boolean): string {
  const errors = pluralize(stats.error, 'error');
  const warnings = pluralize(stats.warn, 'warning');
  const partial = `${stats.partialSuccess} partial ${stats.partialSuccess === 1 ? 'success' : 'successes'}`;
  if (stats.error > 0) return paint(`Completed with ${errors}, ${partial}, and ${warnings}:`, 'red', useColor);
  if (stats.partialSuccess > 0) return paint(`Completed with ${partial} and ${warnings}:`, 'yellow', useColor);
  if (stats.warn > 0) return paint(`Completed with ${warnings}:`, 'yellow', useColor);
  return paint('Completed successfully', 'green', useColor);
}

function indent(text: string): string[] {
  return text.split('\n').map((line) => `  ${line}`);
}

/** Names a node in a heading: `model fact_orders (models/marts/fact_orders.sql)`. */
function nodeLabel(result: NodeResult, node: NodeDescription | undefined): string {
  const type = node?.resourceType ?? result.uniqueId.split('.')[0];
  const name = node?.name ?? result.uniqueId.split('.').slice(2).join('.');
  return node === undefined ? `${type} ${name}` : `${type} ${name} (${node.originalFilePath})`;
}

function failedBatchLines(result: NodeResult): string[] {
  return (result.batches ?? [])
    .filter((batch) => batch.status === 'error')
    .map((batch) => `  batch ${batch.start} to ${batch.end}: ${batch.message}`);
}

function errorBlock(result: NodeResult, node: NodeDescription | undefined, useColor: boolean): string[] {
  const title = errorTitle(result.error?.kind ?? 'runtime');
  const error = result.error;
  // Point at the line when the error knows it (a template or YAML line inside the node's file).
  const label = error?.line !== undefined && node !== undefined && error.file !== undefined
    ? `${node.resourceType} ${node.name} (${error.location})`
    : nodeLabel(result, node);
  const lines = [paint(`${title} in ${label}`, 'red', useColor), ...indent(error?.message ?? result.message)];
  if (error?.hint) lines.push(`  hint: ${error.hint}`);
  const compiledPath = result.error?.compiledPath ?? result.compiledPath;
  if (compiledPath !== undefined) lines.push(`  compiled code at ${compiledPath}`);
  return [...lines, ...failedBatchLines(result)];
}

function testProblemBlock(result: NodeResult, node: NodeDescription | undefined, useColor: boolean): string[] {
  const failing = result.status === 'fail';
  const heading = `${failing ? 'Failure' : 'Warning'} in ${nodeLabel(result, node)}`;
  const message = result.message !== '' ? result.message : `Got ${pluralize(result.failures ?? 0, 'result')}, configured to ${failing ? 'fail' : 'warn'} if != 0`;
  const lines = [paint(heading, failing ? 'red' : 'yellow', useColor), ...indent(message)];
  // A failed unit test carries its expected-vs-actual diff in the error.
  if (result.error !== undefined && result.error.message !== message) lines.push(...indent(result.error.message));
  const table = formatSampleRows(result.sampleRows ?? []);
  if (table.length > 0) lines.push('', ...table.map((line) => `  ${line}`));
  if (result.compiledPath !== undefined) lines.push('', `  compiled code at ${result.compiledPath}`);
  if (result.storedFailuresRelation !== undefined) {
    const query = `select * from ${result.storedFailuresRelation}`;
    const border = '-'.repeat(query.length);
    lines.push('', '  See test failures:', `  ${border}`, `  ${query}`, `  ${border}`);
  }
  return lines;
}

function partialBlock(result: NodeResult, node: NodeDescription | undefined, useColor: boolean): string[] {
  return [paint(`Partial success in ${nodeLabel(result, node)}`, 'yellow', useColor), ...failedBatchLines(result)];
}

/** One paragraph per problem: errors and failures first, then partial successes, then warnings. */
function problemBlocks(results: readonly NodeResult[], nodes: ReadonlyMap<string, NodeDescription>, useColor: boolean): string[][] {
  const blocks: string[][] = [];
  for (const result of results) {
    const node = nodes.get(result.uniqueId);
    if (result.status === 'error' || result.status === 'runtime error') blocks.push(errorBlock(result, node, useColor));
    else if (result.status === 'fail') blocks.push(testProblemBlock(result, node, useColor));
  }
  for (const result of results) {
    if (result.status === 'success' && hasFailedBatches(result)) blocks.push(partialBlock(result, nodes.get(result.uniqueId), useColor));
  }
  for (const result of results) {
    if (result.status === 'warn') blocks.push(testProblemBlock(result, nodes.get(result.uniqueId), useColor));
  }
  return blocks;
}

/** Every line after the last node line; `''` is a blank line. */
export function formatRunSummary(
  results: readonly NodeResult[],
  nodes: ReadonlyMap<string, NodeDescription>,
  elapsedSeconds: number,
  useColor: boolean,
): string[] {
  const stats = runStats(results);
  const lines = ['', formatFinishedLine(results, nodes, elapsedSeconds), '', completionLine(stats, useColor)];
  for (const block of problemBlocks(results, nodes, useColor)) lines.push('', ...block);
  lines.push('', formatStatsLine(stats));
  return lines;
}
