/**
 * `unit_tests:` in YAML → unit test nodes: mocked inputs for `ref`/`source`, expected rows.
 * They run without touching real tables (see `execute/run-unit-test.ts`).
 */
import type { RawProject } from '../load/raw-project.js';
import { defaultNodeConfig, type NodeConfig } from '../config/node-config.js';
import { TsdbtError } from '../errors/tsdbt-error.js';
import type { ManifestNode, UnitTestNode } from './manifest.js';
import type { PropertyIndex } from './property-index.js';
import { sha256 } from './parse-project.js';

function rowsOf(value: unknown, format: string | undefined, where: { file: string; line?: number }): Record<string, unknown>[] {
  if (value === undefined || value === null) return [];
  if (format === 'csv' || typeof value === 'string') {
    const lines = String(value).split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
    const header = (lines.shift() ?? '').split(',').map((cell) => cell.trim());
    return lines.map((line) => {
      const cells = line.split(',').map((cell) => cell.trim());
      const row: Record<string, unknown> = {};
      header.forEach((column, i) => {
        const cell = cells[i] ?? '';
        row[column] = cell === '' || cell.toLowerCase() === 'null' ? null : /^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell;
      });
      return row;
    });
  }
  if (!Array.isArray(value)) {
    throw new TsdbtError({ kind: 'config', message: 'unit test rows must be a list of mappings or CSV text', file: where.file, line: where.line });
  }
  return value as Record<string, unknown>[];
}

export function buildUnitTests(input: {
  readonly raw: RawProject;
  readonly properties: PropertyIndex;
  readonly nodes: Readonly<Record<string, ManifestNode>>;
  readonly errors: TsdbtError[];
}): UnitTestNode[] {
  const projectName = input.raw.config.name;
  const out: UnitTestNode[] = [];
  for (const located of input.properties.unitTests) {
    const test = located.properties;
    const where = { file: located.file, line: located.line };
    try {
      const modelId = `model.${projectName}.${test.model}`;
      if (!input.nodes[modelId]) {
        throw new TsdbtError({ kind: 'dependency', message: `Unit test '${test.name}' tests model '${test.model}', which does not exist`, ...where });
      }
      out.push({
        uniqueId: `unit_test.${projectName}.${test.model}.${test.name}`,
        name: test.name,
        resourceType: 'unit_test',
        packageName: projectName,
        originalFilePath: located.file,
        path: located.file,
        fqn: [projectName, test.model, test.name],
        rawCode: '',
        config: { ...defaultNodeConfig('unit'), ...(test.config ?? {}) } as NodeConfig,
        description: test.description ?? '',
        columns: {},
        refs: [{ name: test.model }],
        sources: [],
        dependsOn: { nodes: [], macros: [] },
        checksum: sha256(JSON.stringify(test)),
        relation: { database: '', schema: '', identifier: test.name },
        patchPath: located.file,
        patchLine: located.line,
        model: modelId,
        given: (test.given ?? []).map((given) => ({ input: given.input, rows: rowsOf(given.rows, given.format, where) })),
        expect: { rows: rowsOf(test.expect.rows, test.expect.format, where) },
      });
    } catch (error) {
      if (error instanceof TsdbtError) input.errors.push(error);
      else throw error;
    }
  }
  return out;
}
