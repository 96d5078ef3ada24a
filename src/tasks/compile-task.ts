/**
 * `tsdbt compile`: render every selected node to SQL under `target/compiled/` without
 * touching the database (`is_incremental()` is false), and write `manifest.json`.
 * With `--inline`, compile one snippet and return it.
 */
import { NodeCompiler } from '../compile/compile-node.js';
import { selectNodes } from '../graph/select-nodes.js';
import { compiledPathOf, writeSqlFile } from '../execute/write-sql-files.js';
import { existsSync } from 'node:fs';
import { TsdbtError } from '../errors/tsdbt-error.js';
import { readCompiledHashes, sqlHash, writeCompiledHashes } from './compiled-hashes.js';
import { syntheticModelNode } from '../parse/synthetic-model-node.js';
import { prepareInvocation, type InvocationOptions, type PreparedInvocation } from './prepare-invocation.js';
import { writeManifestArtifact } from './write-run-artifacts.js';
import { loadPreviousState, type StateOptions } from './load-previous-state.js';

export interface CompileTaskOptions extends InvocationOptions, StateOptions {
  readonly select?: readonly string[];
  readonly exclude?: readonly string[];
  readonly inline?: string;
}

export interface CompileTaskResult {
  readonly prepared: PreparedInvocation;
  readonly compiled: ReadonlyMap<string, { readonly compiledCode: string; readonly compiledPath: string }>;
  readonly inlineSql?: string;
  readonly errors: readonly TsdbtError[];
}

export async function compileTask(options: CompileTaskOptions): Promise<CompileTaskResult> {
  const prepared = await prepareInvocation(options);
  const state = await loadPreviousState(options, prepared);
  const nodeCompiler = new NodeCompiler({
    compiler: prepared.compiler,
    manifest: prepared.manifest,
    fullRefresh: false,
    relationFor: (node) => state?.deferRelation?.(node) ?? node.relation,
    isIncremental: () => false,
  });
  if (options.inline !== undefined) {
    // dbt's `compile --inline`: a snippet compiled as if it were a model of this project.
    const inline = syntheticModelNode(prepared.manifest.projectName, {
      kind: 'sql_operation',
      name: 'inline',
      rawCode: options.inline,
      originalFilePath: '<inline>',
      relation: { database: prepared.targetInfo.database, schema: prepared.targetInfo.schema, identifier: 'inline' },
    });
    return { prepared, compiled: new Map(), inlineSql: nodeCompiler.compile(inline).compiledSql, errors: [] };
  }
  const selected = selectNodes(prepared.manifest, prepared.dag, {
    select: options.select,
    exclude: options.exclude,
    resourceTypes: ['model', 'snapshot', 'test', 'analysis'],
    state: state?.previous,
  });
  const compiled = new Map<string, { compiledCode: string; compiledPath: string }>();
  const errors: TsdbtError[] = [];
  const before = readCompiledHashes(prepared.targetDir);
  const hashes = new Map<string, string>();
  const writes: Promise<void>[] = [];
  for (const id of selected) {
    const node = prepared.manifest.nodes[id];
    try {
      const { compiledSql } = nodeCompiler.compile(node);
      const path = compiledPathOf(prepared.targetDir, prepared.manifest.projectName, node, 'compiled');
      const hash = sqlHash(compiledSql);
      hashes.set(id, hash);
      if (before.get(id) !== hash || !existsSync(path)) writes.push(writeSqlFile(path, compiledSql));
      compiled.set(id, { compiledCode: compiledSql, compiledPath: path });
    } catch (error) {
      if (error instanceof TsdbtError) errors.push(error.withDefaults({ nodeId: id, file: node.originalFilePath }));
      else throw error;
    }
  }
  await Promise.all(writes);
  writeCompiledHashes(prepared.targetDir, hashes);
  await writeManifestArtifact(prepared, compiled);
  return { prepared, compiled, errors };
}
