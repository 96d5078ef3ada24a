/**
 * The START and result lines for one node, in dbt's wording per resource type and status
 * (`OK created sql view model`, `OK loaded seed file`, `OK snapshotted`, `PASS`, `FAIL 3`,
 * `SKIP relation`, `PASS freshness of`).
 */
import type { NodeDescription, NodeResult } from '../execute/events.js';
import type { Color } from './ansi-colors.js';
import { formatFancyLine, type FancyLine } from './format-fancy-line.js';

/** What a model, seed or snapshot is called on a line: dbt's `describe_node`. */
function describe(node: NodeDescription): string {
  switch (node.resourceType) {
    case 'model':
      return `sql ${node.materialized} model ${node.relationName}`;
    case 'seed':
      return `seed file ${node.relationName}`;
    case 'snapshot':
      return `snapshot ${node.relationName}`;
    case 'test':
      return `test ${node.name}`;
    case 'unit_test':
      return `unit_test ${node.name}`;
    case 'analysis':
      return `analysis ${node.name}`;
    case 'source':
      return `freshness of ${node.relationName}`;
  }
}

/** `1 of 24 START sql view model analytics.stg_orders ..... [RUN]`. */
export function formatNodeStartLine(node: NodeDescription, index: number, total: number, useColor: boolean): string {
  return formatFancyLine({ index, total, info: 'START', description: describe(node), status: 'RUN' }, useColor);
}

function isError(result: NodeResult): boolean {
  return result.status === 'error' || result.status === 'runtime error';
}

type LineParts = Pick<FancyLine, 'info' | 'description' | 'status'> & { readonly color: Color; readonly timed: boolean };

function skipParts(node: NodeDescription): LineParts {
  const hasRelation = node.resourceType === 'model' || node.resourceType === 'seed' || node.resourceType === 'snapshot';
  // dbt names the relation for nodes that build one and the node for everything else.
  const description = hasRelation ? `relation ${node.relationName}` : `${node.resourceType} ${node.name}`;
  return { info: 'SKIP', description, status: 'SKIP', color: 'yellow', timed: false };
}

function testParts(node: NodeDescription, result: NodeResult): LineParts {
  const failures = result.failures ?? 0;
  if (isError(result)) return { info: 'ERROR', description: node.name, status: 'ERROR', color: 'red', timed: true };
  if (result.status === 'fail') return { info: `FAIL ${failures}`, description: node.name, status: `FAIL ${failures}`, color: 'red', timed: true };
  if (result.status === 'warn') return { info: `WARN ${failures}`, description: node.name, status: `WARN ${failures}`, color: 'yellow', timed: true };
  return { info: 'PASS', description: node.name, status: 'PASS', color: 'green', timed: true };
}

/** dbt's freshness words: `PASS`, `WARN`, `ERROR STALE` (past error_after) and `ERROR` (the check failed). */
function freshnessParts(node: NodeDescription, result: NodeResult): LineParts {
  const description = `freshness of ${node.relationName}`;
  if (result.status === 'pass') return { info: 'PASS', description, status: 'PASS', color: 'green', timed: true };
  if (result.status === 'warn') return { info: 'WARN', description, status: 'WARN', color: 'yellow', timed: true };
  if (result.status === 'error') return { info: 'ERROR STALE', description, status: 'ERROR STALE', color: 'red', timed: true };
  return { info: 'ERROR', description, status: 'ERROR', color: 'red', timed: true };
}

/** Bracket text for a successful build: the adapter's message (`INSERT 120`, `MERGE 12`) when set. */
function successStatus(result: NodeResult, fallback: string): string {
  return result.message !== '' ? result.message : fallback;
}

function buildParts(node: NodeDescription, result: NodeResult): LineParts {
  const failed = isError(result);
  const ok = (info: string, description: string, fallback: string): LineParts =>
    failed
      ? { info: errorVerb(node), description, status: 'ERROR', color: 'red', timed: true }
      : { info, description, status: successStatus(result, fallback), color: 'green', timed: true };
  switch (node.resourceType) {
    case 'seed':
      return ok('OK loaded', `seed file ${node.relationName}`, result.rowsAffected === undefined ? 'OK' : `INSERT ${result.rowsAffected}`);
    case 'snapshot':
      return ok('OK snapshotted', node.relationName, 'success');
    case 'model':
      return ok('OK created', `sql ${node.materialized} model ${node.relationName}`, 'OK');
    case 'analysis':
    case 'test':
    case 'unit_test':
    case 'source':
      return ok('OK', `${node.resourceType} ${node.name}`, 'OK');
  }
}

function errorVerb(node: NodeDescription): string {
  if (node.resourceType === 'seed') return 'ERROR loading';
  if (node.resourceType === 'snapshot') return 'ERROR snapshotting';
  if (node.resourceType === 'model') return 'ERROR creating';
  return 'ERROR';
}

/** `1 of 24 OK created sql view model analytics.stg_orders ... [OK in 0.04s]` and every other outcome. */
export function formatNodeResultLine(node: NodeDescription, result: NodeResult, index: number, total: number, useColor: boolean): string {
  let parts: LineParts;
  if (result.status === 'skipped') parts = skipParts(node);
  else if (node.resourceType === 'test' || node.resourceType === 'unit_test') parts = testParts(node, result);
  else if (node.resourceType === 'source') parts = freshnessParts(node, result);
  else parts = buildParts(node, result);
  return formatFancyLine(
    { index, total, info: parts.info, description: parts.description, status: parts.status, color: parts.color, executionTime: parts.timed ? result.executionTime : undefined },
    useColor,
  );
}

/** `1 of 1 START hook: shop.on-run-start.0 ..... [RUN]`. */
export function formatHookStartLine(name: string, index: number, total: number, useColor: boolean): string {
  return formatFancyLine({ index, total, info: 'START', description: `hook: ${name}`, status: 'RUN' }, useColor);
}

/** `1 of 1 OK hook: shop.on-run-start.0 ..... [OK in 0.01s]`. */
export function formatHookResultLine(name: string, status: 'success' | 'error', executionTime: number, index: number, total: number, useColor: boolean): string {
  const failed = status === 'error';
  return formatFancyLine(
    { index, total, info: failed ? 'ERROR' : 'OK', description: `hook: ${name}`, status: failed ? 'ERROR' : 'OK', color: failed ? 'red' : 'green', executionTime },
    useColor,
  );
}
