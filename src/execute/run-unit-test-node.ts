/**
 * dbt unit tests: the model's SQL compiled with each `given` input replaced by literal rows,
 * run without touching real tables, and compared (as a multiset, on the expected columns)
 * with the expected rows. A failure shows a readable diff.
 */
import type { Session } from '../adapters/adapter.js';
import { NodeCompiler } from '../compile/compile-node.js';
import type { ManifestNode } from '../parse/manifest.js';
import { sqlStringLiteral } from '../adapters/sql-literal.js';
import { TsdbtError } from '../errors/tsdbt-error.js';
import type { NodeOutcome, RunnerContext } from './runner-context.js';
import { diffRows, normalizeValue } from './diff-rows.js';

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return `${sqlStringLiteral(value.toISOString())}::timestamp`;
  return sqlStringLiteral(String(value));
}

/** Rows as a subquery: `(select 1 as id, 'a' as name union all select ...)`. */
export function rowsAsSql(rows: readonly Record<string, unknown>[], quote: (name: string) => string): string {
  if (rows.length === 0) return '(select null as _no_rows where false)';
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const selects = rows.map((row) => `select ${columns.map((column) => `${literal(row[column])} as ${quote(column)}`).join(', ')}`);
  return `(\n${selects.join('\nunion all\n')}\n)`;
}

function inputKey(input: string): string {
  const ref = /^\s*ref\(\s*['"]([^'"]+)['"]\s*\)\s*$/.exec(input);
  if (ref) return `ref:${ref[1]}`;
  const source = /^\s*source\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]+)['"]\s*\)\s*$/.exec(input);
  if (source) return `source:${source[1]}.${source[2]}`;
  throw new TsdbtError({ kind: 'config', message: `A unit test input must be ref('...') or source('...', '...'), got '${input}'` });
}

export async function runUnitTestNode(node: ManifestNode, session: Session, context: RunnerContext): Promise<NodeOutcome> {
  if (node.resourceType !== 'unit_test') throw new Error('runUnitTestNode needs a unit test');
  const model = context.manifest.nodes[node.model];
  const dialect = context.compiler.dialect;
  const overrides = new Map<string, string>();
  try {
    for (const given of node.given) overrides.set(inputKey(given.input), rowsAsSql(given.rows, dialect.quote));
    const compiler = new NodeCompiler({
      compiler: context.compiler,
      manifest: context.manifest,
      fullRefresh: context.fullRefresh,
      relationFor: (target) => target.relation,
      isIncremental: () => false,
      overrides,
    });
    const sql = compiler.compile(model).compiledSql;
    const actual = (await session.query(`select * from (\n${sql}\n) as unit_test_model`)).rows;
    const expectedColumns = [...new Set(node.expect.rows.flatMap((row) => Object.keys(row)))];
    const project = (row: Record<string, unknown>) => Object.fromEntries(expectedColumns.map((column) => [column, normalizeValue(row[column])]));
    const diff = diffRows(node.expect.rows.map(project), actual.map(project), expectedColumns);
    if (diff === undefined) return { status: 'pass', message: 'PASS', failures: 0 };
    return {
      status: 'fail',
      message: 'actual differs from expected',
      failures: 1,
      error: new TsdbtError({ kind: 'runtime', message: `Unit test '${node.name}' of model '${model.name}' failed:\n${diff}`, file: node.originalFilePath, line: node.patchLine, nodeId: node.uniqueId }),
    };
  } catch (error) {
    const base = error instanceof TsdbtError ? error : new TsdbtError({ kind: 'database', message: String(error), cause: error });
    throw base.withDefaults({ nodeId: node.uniqueId, file: node.originalFilePath, line: node.patchLine });
  }
}
