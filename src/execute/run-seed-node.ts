/**
 * Load a seed CSV into its table. Column types are inferred by the database's CSV reader
 * (header, quoting, CRLF handled there) and overridden by `column_types` in YAML.
 */
import type { Session } from '../adapters/adapter.js';
import type { ManifestNode } from '../parse/manifest.js';
import { TsdbtError } from '../errors/tsdbt-error.js';
import type { NodeOutcome, RunnerContext } from './runner-context.js';
import { loadSeedWithInserts } from './load-seed-with-inserts.js';

export async function runSeedNode(node: ManifestNode, session: Session, context: RunnerContext): Promise<NodeOutcome> {
  if (node.resourceType !== 'seed') throw new Error('runSeedNode needs a seed');
  const columnTypes = (node.config.column_types ?? {}) as Record<string, string>;
  try {
    const rows = context.adapter.loadCsv
      ? await context.adapter.loadCsv(node.relation, node.absolutePath, columnTypes)
      : await loadSeedWithInserts(node, session, context, columnTypes);
    context.relations.set({ ...node.relation, type: 'table' });
    return { status: 'success', message: `INSERT ${rows}`, rowsAffected: rows, relationName: context.compiler.dialect.renderRelation(node.relation) };
  } catch (error) {
    const base = error instanceof TsdbtError ? error : new TsdbtError({ kind: 'database', message: String(error), cause: error });
    throw base.withDefaults({ nodeId: node.uniqueId, file: node.originalFilePath });
  }
}
