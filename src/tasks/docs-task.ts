/**
 * `tsdbt docs generate`: compile the project, read the catalog (columns and types of every
 * built relation and source) from the database, write `manifest.json` and `catalog.json`,
 * and build the static site in `target/docs/` with the last `run_results.json`.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createAdapter } from '../adapters/create-adapter.js';
import { buildCatalogJson, type CatalogEntry } from '../artifacts/build-catalog-json.js';
import { buildManifestJson } from '../artifacts/build-manifest-json.js';
import { writeJsonArtifact } from '../artifacts/write-json-artifact.js';
import { generateDocsSite } from '../docs/generate-docs-site.js';
import type { RelationName } from '../parse/manifest.js';
import { compileTask, type CompileTaskOptions } from './compile-task.js';
import { TSDBT_VERSION } from './version.js';

export interface DocsGenerateResult {
  readonly indexPath: string;
  readonly catalogEntries: number;
  readonly catalogErrors: readonly string[];
}

async function readJsonIfPresent(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return undefined;
  }
}

export async function docsGenerateTask(options: CompileTaskOptions & { readonly noCompile?: boolean }): Promise<DocsGenerateResult> {
  const { prepared, compiled } = await compileTask(options);
  const now = new Date();
  const meta = { invocationId: prepared.invocationId, generatedAt: now, version: TSDBT_VERSION };
  const entries: CatalogEntry[] = [];
  const errors: string[] = [];
  const adapter = await createAdapter(prepared.profile.target);
  try {
    const wanted: { uniqueId: string; resourceType: string; relation: RelationName }[] = [
      ...Object.values(prepared.manifest.nodes)
        .filter((node) => ['model', 'seed', 'snapshot'].includes(node.resourceType) && node.config.materialized !== 'ephemeral')
        .map((node) => ({ uniqueId: node.uniqueId, resourceType: node.resourceType, relation: node.relation })),
      ...Object.values(prepared.manifest.sources).map((source) => ({ uniqueId: source.uniqueId, resourceType: 'source', relation: source.relation })),
    ];
    const schemas = new Map<string, readonly import('../adapters/adapter.js').Relation[]>();
    for (const item of wanted) {
      const key = `${item.relation.database}.${item.relation.schema}`;
      if (!schemas.has(key)) {
        schemas.set(key, await adapter.listRelations(prepared.dialect.normalizeIdentifier(item.relation.database), prepared.dialect.normalizeIdentifier(item.relation.schema)).catch(() => []));
      }
      const found = schemas.get(key)!.find((relation) => relation.identifier.toLowerCase() === prepared.dialect.normalizeIdentifier(item.relation.identifier).toLowerCase());
      if (!found) continue;
      const columns = await adapter.getColumns(found);
      entries.push({ uniqueId: item.uniqueId, resourceType: item.resourceType, relation: found, relationType: found.type.toUpperCase(), columns });
    }
  } catch (error) {
    errors.push(error instanceof Error ? error.message : String(error));
  } finally {
    await adapter.close();
  }
  const manifestJson = buildManifestJson(prepared.manifest, {
    ...meta,
    adapterType: prepared.dialect.type,
    compiled,
    renderRelation: (relation) => prepared.dialect.renderRelation(relation),
  });
  const catalogJson = buildCatalogJson(entries, meta, errors);
  await writeJsonArtifact(prepared.targetDir, 'manifest.json', manifestJson);
  await writeJsonArtifact(prepared.targetDir, 'catalog.json', catalogJson);
  const runResults = await readJsonIfPresent(join(prepared.targetDir, 'run_results.json'));
  const site = await generateDocsSite({
    manifest: manifestJson as never,
    catalog: catalogJson as never,
    runResults: runResults as never,
    outDir: join(prepared.targetDir, 'docs'),
  });
  return { indexPath: site.indexPath, catalogEntries: entries.length, catalogErrors: errors };
}
