/**
 * Model contracts (`contract: {enforced: true}`): before anything is built or replaced, the
 * columns the compiled query returns must match the YAML `columns` (name and `data_type`).
 * The check reads the query's shape with `limit 0`, so a broken contract leaves the previous
 * relation untouched and costs no scan.
 */
import type { ColumnInfo, Session } from '../adapters/adapter.js';
import type { CompiledNode } from '../compile/compile-node.js';
import { TsdbtError } from '../errors/tsdbt-error.js';

/** One difference between the contract and what the query returns. */
export interface ContractMismatch {
  readonly columnName: string;
  /** The type the query returns; empty when the column is missing from the query. */
  readonly definitionType: string;
  /** The type the YAML declares; empty when the column is not in the contract. */
  readonly contractType: string;
  readonly reason: 'data type mismatch' | 'missing in definition' | 'missing in contract' | 'no data_type in contract';
}

/** Spellings of one type, folded to a single name so `int` matches `INTEGER`. */
const TYPE_ALIASES: Readonly<Record<string, string>> = {
  int: 'integer', int4: 'integer', integer: 'integer', signed: 'integer',
  bigint: 'bigint', int8: 'bigint', long: 'bigint',
  smallint: 'smallint', int2: 'smallint', short: 'smallint',
  tinyint: 'tinyint', int1: 'tinyint',
  varchar: 'varchar', text: 'varchar', string: 'varchar', char: 'varchar', bpchar: 'varchar', 'character varying': 'varchar', character: 'varchar',
  double: 'double', float8: 'double', 'double precision': 'double',
  real: 'real', float4: 'real', float: 'real',
  boolean: 'boolean', bool: 'boolean', logical: 'boolean',
  numeric: 'decimal', decimal: 'decimal', number: 'decimal',
  timestamp: 'timestamp', datetime: 'timestamp', 'timestamp without time zone': 'timestamp', timestamp_ntz: 'timestamp',
  timestamptz: 'timestamptz', 'timestamp with time zone': 'timestamptz', timestamp_tz: 'timestamptz',
  date: 'date', time: 'time', blob: 'blob', bytea: 'blob', binary: 'blob', varbinary: 'blob',
};

/** `VARCHAR(20)` → `{base: 'varchar', params: ''}`; `numeric(10, 2)` → `{base: 'decimal', params: '10,2'}`. */
export function normalizeType(type: string): { readonly base: string; readonly params: string } {
  const text = type.trim().toLowerCase().replace(/\s+/g, ' ');
  const match = /^([^(]*?)\s*(?:\(([^)]*)\))?\s*$/.exec(text);
  const rawBase = (match?.[1] ?? text).trim();
  const base = TYPE_ALIASES[rawBase] ?? rawBase;
  // A string's length is not part of its type for a contract (dbt ignores it as well).
  const params = base === 'varchar' ? '' : (match?.[2] ?? '').replace(/\s+/g, '');
  return { base, params };
}

/** A contract type without parameters (`numeric`) accepts any precision of that type. */
export function typesMatch(definitionType: string, contractType: string): boolean {
  const actual = normalizeType(definitionType);
  const declared = normalizeType(contractType);
  return actual.base === declared.base && (declared.params === '' || declared.params === actual.params);
}

/** Every difference between the query's columns and the contract's, in contract order then extras. */
export function compareContract(
  definition: readonly ColumnInfo[],
  contract: readonly { readonly name: string; readonly dataType?: string }[],
): ContractMismatch[] {
  const key = (name: string) => name.toLowerCase();
  const actual = new Map(definition.map((column) => [key(column.name), column]));
  const declared = new Set(contract.map((column) => key(column.name)));
  const mismatches: ContractMismatch[] = [];
  for (const column of contract) {
    const found = actual.get(key(column.name));
    const contractType = column.dataType ?? '';
    if (found === undefined) mismatches.push({ columnName: column.name, definitionType: '', contractType, reason: 'missing in definition' });
    else if (contractType === '') mismatches.push({ columnName: column.name, definitionType: found.dataType, contractType, reason: 'no data_type in contract' });
    else if (!typesMatch(found.dataType, contractType)) mismatches.push({ columnName: column.name, definitionType: found.dataType, contractType, reason: 'data type mismatch' });
  }
  for (const column of definition) {
    if (!declared.has(key(column.name))) mismatches.push({ columnName: column.name, definitionType: column.dataType, contractType: '', reason: 'missing in contract' });
  }
  return mismatches;
}

/** The mismatches as dbt prints them: an aligned table. */
export function formatMismatches(mismatches: readonly ContractMismatch[]): string {
  const rows = [['column_name', 'definition_type', 'contract_type', 'mismatch_reason'], ...mismatches.map((m) => [m.columnName, m.definitionType, m.contractType, m.reason])];
  const widths = rows[0].map((_, index) => Math.max(...rows.map((row) => row[index].length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, index) => cell.padEnd(widths[index])).join(' | ')} |`;
  return [line(rows[0]), line(widths.map((width) => '-'.repeat(width))), ...rows.slice(1).map(line)].join('\n');
}

/**
 * Throws a compilation error listing every difference when the node enforces a contract and
 * its compiled query does not return exactly the declared columns and types.
 */
export async function checkContract(compiled: CompiledNode, session: Session): Promise<void> {
  const node = compiled.node;
  if (node.config.contract?.enforced !== true) return;
  const contract = Object.values(node.columns);
  if (contract.length === 0) {
    throw new TsdbtError({
      kind: 'compilation',
      message: `Model '${node.name}' enforces a contract but declares no columns`,
      file: node.patchPath ?? node.originalFilePath,
      line: node.patchLine,
      nodeId: node.uniqueId,
      hint: 'List every column with its data_type under the model in its property YAML.',
    });
  }
  const { columns } = await session.query(`select * from (\n${compiled.compiledSql}\n) as contract_check limit 0`);
  const mismatches = compareContract(columns, contract);
  if (mismatches.length === 0) return;
  throw new TsdbtError({
    kind: 'compilation',
    message: `This model has an enforced contract that failed.\nPlease ensure the name, data_type, and number of columns in your contract match the columns in your model's definition.\n\n${formatMismatches(mismatches)}`,
    file: node.originalFilePath,
    nodeId: node.uniqueId,
    hint: node.patchPath === undefined ? undefined : `The contract is in ${node.patchPath}${node.patchLine === undefined ? '' : `:${node.patchLine}`}.`,
  });
}
