import type { CatalogTable, ManifestMacro, ManifestNode, RunResultEntry } from './artifact-types.js';
import type { DocsColumn, DocsNodeDetail, DocsRunInfo, DocsTestInfo } from './docs-data.js';
import { renderMarkdown } from './render-markdown.js';

/** What {@link buildNodeDetail} needs besides the node itself. */
export interface NodeDetailContext {
  readonly catalogTable?: CatalogTable;
  readonly run?: RunResultEntry;
  /** Test nodes attached to this node. */
  readonly tests: readonly ManifestNode[];
  readonly runsById: ReadonlyMap<string, RunResultEntry>;
}

/**
 * Builds one node's page data: Markdown rendered to safe HTML, columns merged from YAML and
 * the catalog, attached tests with their latest results.
 */
export function buildNodeDetail(node: ManifestNode, context: NodeDetailContext): DocsNodeDetail {
  const tests = context.tests.map((test) => toTestInfo(test, context.runsById.get(test.unique_id)));
  return {
    descriptionHtml: renderMarkdown(node.description),
    relationName: node.relation_name ?? undefined,
    columns: mergeColumns(node, context.catalogTable, tests),
    config: asRecord(node.config),
    rawCode: node.raw_code || undefined,
    compiledCode: node.compiled_code || undefined,
    run: context.run ? toRunInfo(context.run) : undefined,
    tests,
    testOf: node.resource_type === 'test' ? testTarget(node) : undefined,
    sourceDescriptionHtml: node.source_description ? renderMarkdown(node.source_description) : undefined,
    loader: node.loader || undefined,
    stats: catalogStats(context.catalogTable),
  };
}

/** A macro's page data. */
export function buildMacroDetail(macro: ManifestMacro): DocsNodeDetail {
  return {
    descriptionHtml: renderMarkdown(macro.description),
    columns: [],
    config: {},
    rawCode: macro.macro_sql || undefined,
    tests: [],
    arguments: (macro.arguments ?? []).map((argument) => ({
      name: argument.name ?? '',
      type: argument.type ?? undefined,
      descriptionHtml: renderMarkdown(argument.description),
    })),
  };
}

/** The result fields the page shows; `timing` gives the completion time when present. */
export function toRunInfo(entry: RunResultEntry): DocsRunInfo {
  const lastTiming = entry.timing?.[entry.timing.length - 1];
  return {
    status: entry.status,
    executionTime: entry.execution_time,
    message: entry.message ?? undefined,
    failures: entry.failures ?? undefined,
    completedAt: lastTiming?.completed_at,
  };
}

function toTestInfo(test: ManifestNode, run: RunResultEntry | undefined): DocsTestInfo {
  return {
    id: test.unique_id,
    label: test.test_metadata?.name ?? test.name,
    column: test.column_name ?? undefined,
    run: run ? toRunInfo(run) : undefined,
  };
}

function testTarget(test: ManifestNode): DocsNodeDetail['testOf'] {
  return {
    nodeId: test.attached_node ?? test.depends_on?.nodes?.[0],
    column: test.column_name ?? undefined,
    kwargs: test.test_metadata?.kwargs === undefined ? undefined : asRecord(test.test_metadata.kwargs),
  };
}

/**
 * YAML columns first (in YAML order), then catalog-only columns in warehouse order.
 * Names match case-insensitively because Snowflake's catalog reports `ORDER_ID` for `order_id`.
 */
function mergeColumns(node: ManifestNode, catalog: CatalogTable | undefined, tests: readonly DocsTestInfo[]): DocsColumn[] {
  const catalogColumns = Object.values(catalog?.columns ?? {}).sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  const catalogByName = new Map(catalogColumns.map((column) => [column.name.toLowerCase(), column]));
  const columns: DocsColumn[] = [];
  const seen = new Set<string>();
  const testsFor = (name: string): number[] =>
    tests.flatMap((test, index) => (test.column?.toLowerCase() === name.toLowerCase() ? [index] : []));
  for (const [key, column] of Object.entries(node.columns ?? {})) {
    const name = column.name ?? key;
    const fromCatalog = catalogByName.get(name.toLowerCase());
    seen.add(name.toLowerCase());
    columns.push({
      name,
      type: fromCatalog?.type ?? column.data_type ?? '',
      descriptionHtml: renderMarkdown(column.description),
      tests: testsFor(name),
    });
  }
  for (const column of catalogColumns) {
    if (seen.has(column.name.toLowerCase())) continue;
    columns.push({ name: column.name, type: column.type ?? '', descriptionHtml: renderMarkdown(column.comment), tests: testsFor(column.name) });
  }
  return columns;
}

function catalogStats(catalog: CatalogTable | undefined): DocsNodeDetail['stats'] {
  const stats = Object.values(catalog?.stats ?? {}).filter((stat) => stat.include !== false && stat.value !== undefined && stat.value !== null);
  if (stats.length === 0) return undefined;
  return stats.map((stat) => ({ label: stat.label ?? '', value: String(stat.value) }));
}

/** Config and kwargs are plain JSON objects in the artifacts; this only re-types them for reading. */
export function asRecord(value: object | undefined): Readonly<Record<string, unknown>> {
  return (value ?? {}) as Readonly<Record<string, unknown>>;
}
