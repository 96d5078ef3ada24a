/**
 * The parse stage: RawProject → Manifest. Renders every model/snapshot/test once with
 * `execute = false` to capture `config()`, `ref()` and `source()`, applies config precedence
 * (in-file `config()` > YAML properties > folder config in project.yml > defaults), resolves
 * relation names, turns YAML tests into test nodes and checks that every ref and source exists.
 * All problems are collected before it stops.
 */
import { createHash } from 'node:crypto';
import type { RawProject, ProjectFile } from '../load/raw-project.js';
import type { ProjectCompiler } from '../compile/project-compiler.js';
import { defaultNodeConfig, type NodeConfig } from '../config/node-config.js';
import { resolveFolderConfig } from '../config/folder-config.js';
import { mergeConfig } from '../config/merge-config.js';
import { TsdbtError, TsdbtErrors } from '../errors/tsdbt-error.js';
import { extractBlocks } from '../compile/extract-blocks.js';
import type {
  ColumnDef, DocBlock, Manifest, ManifestNode, MacroDefinition, ResourceType, SourceDefinition,
} from './manifest.js';
import { captureScope, newCaptured, type Captured } from './capture-scope.js';
import { resolveRelation } from './relation-naming.js';
import { PropertyIndex } from './property-index.js';
import { buildGenericTests, TEST_DEFAULTS } from './build-generic-tests.js';
import { buildSources } from './build-sources.js';
import { buildUnitTests } from './build-unit-tests.js';
import { buildYamlSnapshots } from './build-yaml-snapshots.js';
import { linkDependencies } from './link-dependencies.js';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

type FolderKey = 'models' | 'seeds' | 'snapshots' | 'tests';

interface NodeDraft {
  readonly resourceType: ResourceType;
  readonly name: string;
  readonly file: ProjectFile;
  readonly rawCode: string;
  /** Source text to render (may differ from rawCode for snapshot blocks: leading newlines keep lines). */
  readonly renderSource: string;
  readonly folderKey: FolderKey;
  readonly defaultMaterialized: string;
}

function fqnOf(projectName: string, file: ProjectFile, name: string): string[] {
  const dirs = file.pathInResourceDir.split('/').slice(0, -1);
  return [projectName, ...dirs, name];
}

function baseName(path: string): string {
  const file = path.split('/').pop() ?? path;
  return file.replace(/\.(sql|csv)$/i, '');
}

function columnsFrom(props: import('./property-shapes.js').NodeProperties | undefined, docs: (text: string) => string): Record<string, ColumnDef> {
  const columns: Record<string, ColumnDef> = {};
  for (const column of props?.columns ?? []) {
    columns[column.name] = {
      name: column.name,
      description: docs(column.description ?? ''),
      dataType: column.data_type,
      meta: column.meta ?? {},
      tags: column.tags ?? [],
      quote: column.quote,
    };
  }
  return columns;
}

export function parseProject(raw: RawProject, compiler: ProjectCompiler): Manifest {
  const projectName = raw.config.name;
  const errors: TsdbtError[] = [];
  const collect = <T>(work: () => T): T | undefined => {
    try {
      return work();
    } catch (error) {
      if (error instanceof TsdbtErrors) errors.push(...error.errors);
      else if (error instanceof TsdbtError) errors.push(error);
      else throw error;
      return undefined;
    }
  };

  // Macros first: models may call them, and generate_schema_name may be overridden.
  const macros: Record<string, MacroDefinition> = {};
  for (const definition of compiler.macros.definitions()) macros[definition.uniqueId] = definition;
  const docs: Record<string, DocBlock> = {};
  const drafts: NodeDraft[] = [];
  for (const file of raw.files) {
    const extracted = file.kind === 'seed' ? { blocks: [], rest: '' } : extractBlocks(file.contents);
    for (const block of extracted.blocks) {
      if (block.kind === 'docs') {
        docs[`doc.${projectName}.${block.name}`] = {
          uniqueId: `doc.${projectName}.${block.name}`, name: block.name, originalFilePath: file.path, blockContents: block.body.trim(),
        };
      } else {
        drafts.push({
          resourceType: 'snapshot', name: block.name, file, rawCode: block.body, renderSource: block.bodyPrefix + block.body,
          folderKey: 'snapshots', defaultMaterialized: 'snapshot',
        });
      }
    }
    if (file.kind === 'macro' || (file.kind === 'test' && /\{%-?\s*test\s/.test(file.contents))) {
      for (const definition of collect(() => compiler.macros.addFile(extracted.rest, file.path, projectName)) ?? []) {
        macros[definition.uniqueId] = definition;
      }
      continue;
    }
    const name = baseName(file.path);
    if (file.kind === 'model') drafts.push({ resourceType: 'model', name, file, rawCode: file.contents, renderSource: file.contents, folderKey: 'models', defaultMaterialized: 'view' });
    else if (file.kind === 'analysis') drafts.push({ resourceType: 'analysis', name, file, rawCode: file.contents, renderSource: file.contents, folderKey: 'models', defaultMaterialized: 'view' });
    else if (file.kind === 'seed') drafts.push({ resourceType: 'seed', name, file, rawCode: '', renderSource: '', folderKey: 'seeds', defaultMaterialized: 'seed' });
    else if (file.kind === 'test') drafts.push({ resourceType: 'test', name, file, rawCode: file.contents, renderSource: file.contents, folderKey: 'tests', defaultMaterialized: 'test' });
  }

  const properties = new PropertyIndex(raw.propertyFiles, errors);
  drafts.push(...buildYamlSnapshots(raw, properties, errors));
  const renderDocs = (text: string): string =>
    text.includes('doc(')
      ? text.replace(/\{\{\s*doc\(\s*['"]([^'"]+)['"]\s*\)\s*\}\}/g, (whole, docName: string) => docs[`doc.${projectName}.${docName}`]?.blockContents ?? whole)
      : text;

  const nodes: Record<string, ManifestNode> = {};
  const disabled: Record<string, ManifestNode> = {};
  const capturedByNode = new Map<string, Captured>();
  for (const draft of drafts) {
    const uniqueId = `${draft.resourceType}.${projectName}.${draft.name}`;
    const fqn = fqnOf(projectName, draft.file, draft.name);
    const props = properties.nodeProperties(draft.resourceType, draft.name);
    const folderConfig = resolveFolderConfig(raw.config, draft.folderKey, fqn);
    let config: Record<string, unknown> = defaultNodeConfig(draft.defaultMaterialized) as unknown as Record<string, unknown>;
    // Singular tests share the generic tests' defaults (severity, thresholds, audit schema).
    if (draft.resourceType === 'test') config = mergeConfig(config, TEST_DEFAULTS);
    config = mergeConfig(config, folderConfig);
    if (props?.properties.config) config = mergeConfig(config, props.properties.config);
    const captured = newCaptured();
    if (draft.renderSource.includes('{')) {
      const model = { name: draft.name, unique_id: uniqueId, resource_type: draft.resourceType, original_file_path: draft.file.path, fqn };
      const ok = collect(() => compiler.render(uniqueId, draft.renderSource, draft.file.path, captureScope(captured, draft.name, model), uniqueId));
      if (ok === undefined) continue;
    }
    config = mergeConfig(config, captured.config);
    capturedByNode.set(uniqueId, captured);
    const model = { name: draft.name, unique_id: uniqueId, resource_type: draft.resourceType, config, fqn };
    const relation = collect(() => resolveRelation(compiler, { name: draft.name, resourceType: draft.resourceType, config, model }));
    if (!relation) continue;
    const node = {
      uniqueId,
      name: draft.name,
      resourceType: draft.resourceType,
      packageName: projectName,
      originalFilePath: draft.file.path,
      path: draft.file.pathInResourceDir,
      fqn,
      rawCode: draft.rawCode,
      config: config as unknown as NodeConfig,
      description: renderDocs(props?.properties.description ?? ''),
      columns: columnsFrom(props?.properties, renderDocs),
      refs: captured.refs,
      sources: captured.sources,
      dependsOn: { nodes: [], macros: [] },
      checksum: sha256(draft.file.contents),
      relation,
      patchPath: props?.file,
      patchLine: props?.line,
      ...(draft.resourceType === 'seed' ? { absolutePath: draft.file.absolutePath } : {}),
    } as ManifestNode;
    if (config.enabled === false) disabled[uniqueId] = node;
    else if (nodes[uniqueId]) {
      errors.push(new TsdbtError({
        kind: 'compilation',
        message: `Two ${draft.resourceType}s are named '${draft.name}': ${nodes[uniqueId].originalFilePath} and ${draft.file.path}`,
        file: draft.file.path,
        nodeId: uniqueId,
        hint: 'Names must be unique within a resource type; rename one of the files.',
      }));
    } else nodes[uniqueId] = node;
  }

  const sources: Record<string, SourceDefinition> = collect(() => buildSources(raw, properties, compiler, renderDocs)) ?? {};
  for (const test of buildGenericTests({ raw, properties, nodes, sources, compiler, errors })) nodes[test.uniqueId] = test;
  for (const unitTest of buildUnitTests({ raw, properties, nodes, errors })) nodes[unitTest.uniqueId] = unitTest;

  const manifest: Manifest = { projectName, projectRoot: raw.root, nodes, sources, macros, docs, disabled };
  const linked = linkDependencies(manifest, errors);
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new TsdbtErrors(errors);
  return linked;
}
