/**
 * YAML-declared generic tests → test nodes attached to the model, seed, snapshot or source
 * they test. Their SQL comes from the test macro (`test_<name>` / `default__test_<name>`)
 * at compile time; here we record the arguments and the dependencies.
 */
import type { RawProject } from '../load/raw-project.js';
import type { ProjectCompiler } from '../compile/project-compiler.js';
import { resolveFolderConfig } from '../config/folder-config.js';
import { mergeConfig } from '../config/merge-config.js';
import { defaultNodeConfig, type NodeConfig } from '../config/node-config.js';
import { TsdbtError } from '../errors/tsdbt-error.js';
import type { ManifestNode, RefCall, SourceDefinition, TestNode } from './manifest.js';
import type { TestEntry } from './property-shapes.js';
import type { PropertyIndex } from './property-index.js';
import { dependencyInArgument, genericTestName, readTestEntry } from './generic-tests.js';
import { resolveRelation } from './relation-naming.js';
import { sha256 } from './parse-project.js';

interface BuildInput {
  readonly raw: RawProject;
  readonly properties: PropertyIndex;
  readonly nodes: Readonly<Record<string, ManifestNode>>;
  readonly sources: Readonly<Record<string, SourceDefinition>>;
  readonly compiler: ProjectCompiler;
  readonly errors: TsdbtError[];
}

interface Attachment {
  readonly targetName: string;
  readonly attachedNode: string;
  readonly ref?: RefCall;
  readonly source?: readonly [string, string];
  /** Jinja expression for the tested relation, as dbt writes it in `kwargs.model`. */
  readonly modelExpression: string;
}

/** Config every data test starts from, generic or singular (dbt's test defaults). */
export const TEST_DEFAULTS: Readonly<Record<string, unknown>> = {
  severity: 'ERROR',
  error_if: '!=0',
  warn_if: '!=0',
  store_failures: false,
  schema: 'dbt_test__audit',
};

export function buildGenericTests(input: BuildInput): TestNode[] {
  const { raw, properties, nodes, sources, compiler, errors } = input;
  const projectName = raw.config.name;
  const tests: TestNode[] = [];
  const seen = new Set<string>();

  const add = (entry: TestEntry, attachment: Attachment, columnName: string | undefined, file: string, line: number | undefined): void => {
    try {
      const spec = readTestEntry(entry);
      const name = genericTestName(spec, attachment.targetName, columnName);
      let uniqueId = `test.${projectName}.${name}`;
      if (seen.has(uniqueId)) uniqueId = `${uniqueId}.${sha256(JSON.stringify([spec, columnName, file])).slice(0, 10)}`;
      seen.add(uniqueId);
      const fqn = [projectName, ...file.split('/').slice(1, -1), name];
      let config = mergeConfig(defaultNodeConfig('test') as unknown as Record<string, unknown>, TEST_DEFAULTS);
      config = mergeConfig(config, resolveFolderConfig(raw.config, 'tests', fqn));
      config = mergeConfig(config, spec.config);
      if (typeof config.severity === 'string') config = { ...config, severity: config.severity.toUpperCase() };
      const kwargs: Record<string, unknown> = { ...spec.kwargs, model: attachment.modelExpression };
      if (columnName !== undefined) kwargs.column_name = columnName;
      const refs: RefCall[] = attachment.ref ? [attachment.ref] : [];
      const testSources: (readonly [string, string])[] = attachment.source ? [attachment.source] : [];
      for (const value of Object.values(spec.kwargs)) {
        const dependency = dependencyInArgument(value);
        if (dependency.ref) refs.push({ name: dependency.ref });
        if (dependency.source) testSources.push(dependency.source);
      }
      const relation = resolveRelation(compiler, { name, resourceType: 'test', config, model: { name, unique_id: uniqueId, config } });
      const call = `${spec.namespace ? spec.namespace + '.' : ''}test_${spec.testName}`;
      tests.push({
        uniqueId,
        name,
        resourceType: 'test',
        packageName: projectName,
        originalFilePath: file,
        path: file.split('/').slice(1).join('/'),
        fqn,
        rawCode: `{{ ${call}(**_dbt_generic_test_kwargs) }}`,
        config: config as unknown as NodeConfig,
        description: '',
        columns: {},
        refs,
        sources: testSources,
        dependsOn: { nodes: [], macros: [] },
        checksum: sha256(JSON.stringify([spec, columnName])),
        relation,
        patchPath: file,
        patchLine: line,
        testMetadata: { name: spec.testName, kwargs, namespace: spec.namespace },
        attachedNode: attachment.attachedNode,
        columnName,
      });
    } catch (error) {
      if (error instanceof TsdbtError) errors.push(error);
      else throw error;
    }
  };

  for (const [key, located] of properties.entries()) {
    const [resourceType, name] = key.split(':') as [string, string];
    const nodeId = `${resourceType}.${projectName}.${name}`;
    if (!nodes[nodeId]) continue; // disabled or missing: dbt skips tests of disabled nodes
    const attachment: Attachment = { targetName: name, attachedNode: nodeId, ref: { name }, modelExpression: `{{ get_where_subquery(ref('${name}')) }}` };
    const where = (path: readonly (string | number)[]) => located.positionOf(path)?.line ?? located.line;
    const model = located.properties;
    for (const entry of model.tests ?? []) add(entry, attachment, undefined, located.file, where([...located.keyPath, ...entry.keyPath]));
    for (const [columnIndex, column] of (model.columns ?? []).entries()) {
      for (const entry of column.tests ?? []) add(entry, attachment, column.name, located.file, where([...located.keyPath, 'columns', columnIndex, ...entry.keyPath]));
    }
  }

  for (const located of properties.sources) {
    for (const [tableIndex, table] of (located.properties.tables ?? []).entries()) {
      const sourceId = `source.${projectName}.${located.properties.name}.${table.name}`;
      if (!sources[sourceId]) continue;
      const pair = [located.properties.name, table.name] as const;
      const attachment: Attachment = {
        targetName: `${located.properties.name}_${table.name}`,
        attachedNode: sourceId,
        source: pair,
        modelExpression: `{{ get_where_subquery(source('${pair[0]}', '${pair[1]}')) }}`,
      };
      const tablePath = [...located.keyPath, 'tables', tableIndex];
      const where = (path: readonly (string | number)[]) => located.positionOf(path)?.line ?? located.line;
      for (const entry of table.tests ?? []) add(entry, attachment, undefined, located.file, where([...tablePath, ...entry.keyPath]));
      for (const [columnIndex, column] of (table.columns ?? []).entries()) {
        for (const entry of column.tests ?? []) add(entry, attachment, column.name, located.file, where([...tablePath, 'columns', columnIndex, ...entry.keyPath]));
      }
    }
  }
  return tests;
}
