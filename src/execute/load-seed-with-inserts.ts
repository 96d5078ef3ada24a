/**
 * Seeds for adapters without a native CSV loader: create the table with inferred (or
 * configured) types and insert the rows in batches, inside one transaction.
 */
import { readFile } from 'node:fs/promises';
import type { Session } from '../adapters/adapter.js';
import type { SeedNode } from '../parse/manifest.js';
import { sqlStringLiteral } from '../adapters/sql-literal.js';
import { parseCsv } from './parse-csv.js';
import type { RunnerContext } from './runner-context.js';

const BATCH = 500;

function inferType(values: readonly string[]): string {
  const present = values.filter((value) => value !== '');
  if (present.length && present.every((value) => /^-?\d{1,18}$/.test(value))) return 'bigint';
  if (present.length && present.every((value) => /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(value))) return 'double';
  if (present.length && present.every((value) => /^(true|false)$/i.test(value))) return 'boolean';
  if (present.length && present.every((value) => /^\d{4}-\d{2}-\d{2}$/.test(value))) return 'date';
  if (present.length && present.every((value) => /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value))) return 'timestamp';
  return 'varchar';
}

function literal(value: string, type: string): string {
  if (value === '') return 'null';
  if (/^(bigint|double|int|integer|number|numeric|decimal|float|boolean)/i.test(type)) return value;
  return `${sqlStringLiteral(value)}::${type}`;
}

export async function loadSeedWithInserts(
  node: SeedNode,
  session: Session,
  context: RunnerContext,
  columnTypes: Readonly<Record<string, string>>,
): Promise<number> {
  const [header, ...rows] = parseCsv(await readFile(node.absolutePath, 'utf8'));
  const columns = header ?? [];
  const types = columns.map((column, i) => columnTypes[column] ?? inferType(rows.map((row) => row[i] ?? '')));
  const relation = context.compiler.dialect.renderRelation(node.relation);
  const quote = (name: string) => context.compiler.dialect.quote(context.compiler.dialect.normalizeIdentifier(name));
  await session.execute(`create or replace table ${relation} (${columns.map((column, i) => `${quote(column)} ${types[i]}`).join(', ')})`);
  if (rows.length === 0) return 0;
  await session.begin();
  try {
    for (let start = 0; start < rows.length; start += BATCH) {
      const values = rows
        .slice(start, start + BATCH)
        .map((row) => `(${columns.map((_, i) => literal(row[i] ?? '', types[i])).join(', ')})`)
        .join(',\n');
      await session.execute(`insert into ${relation} values\n${values}`);
    }
    await session.commit();
  } catch (error) {
    await session.rollback();
    throw error;
  }
  return rows.length;
}
