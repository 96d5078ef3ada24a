/**
 * `sources:` in YAML → SourceDefinitions (`source.<project>.<source>.<table>`), with the
 * relation each resolves to and freshness rules (table-level overrides source-level, as dbt).
 */
import type { RawProject } from '../load/raw-project.js';
import type { ProjectCompiler } from '../compile/project-compiler.js';
import type { ColumnDef, FreshnessRule, FreshnessThreshold, SourceDefinition } from './manifest.js';
import type { FreshnessProperties } from './property-shapes.js';
import type { PropertyIndex } from './property-index.js';
import { TsdbtError } from '../errors/tsdbt-error.js';

function threshold(value: FreshnessProperties['warn_after']): FreshnessThreshold | undefined {
  return value && typeof value.count === 'number' ? { count: value.count, period: value.period } : undefined;
}

function freshnessOf(own: FreshnessProperties | null | undefined, inherited: FreshnessProperties | null | undefined): FreshnessRule | undefined {
  // `freshness: null` on a table turns off the source-level rule.
  if (own === null) return undefined;
  const rule = own ?? inherited;
  if (!rule) return undefined;
  const result = { warnAfter: threshold(rule.warn_after), errorAfter: threshold(rule.error_after), filter: rule.filter };
  return result.warnAfter || result.errorAfter ? result : undefined;
}

export function buildSources(
  raw: RawProject,
  properties: PropertyIndex,
  compiler: ProjectCompiler,
  renderDocs: (text: string) => string,
): Record<string, SourceDefinition> {
  const projectName = raw.config.name;
  const target = compiler.invocation.target;
  const sources: Record<string, SourceDefinition> = {};
  for (const located of properties.sources) {
    const source = located.properties;
    for (const [index, table] of (source.tables ?? []).entries()) {
      const uniqueId = `source.${projectName}.${source.name}.${table.name}`;
      if (sources[uniqueId]) {
        throw new TsdbtError({
          kind: 'config',
          message: `Source table '${source.name}.${table.name}' is declared twice`,
          file: located.file,
          line: located.positionOf([...located.keyPath, 'tables', index])?.line,
        });
      }
      const columns: Record<string, ColumnDef> = {};
      for (const column of table.columns ?? []) {
        columns[column.name] = {
          name: column.name, description: renderDocs(column.description ?? ''), dataType: column.data_type, meta: column.meta ?? {}, tags: column.tags ?? [],
        };
      }
      const loadedAtField = table.loaded_at_field ?? source.loaded_at_field;
      sources[uniqueId] = {
        uniqueId,
        resourceType: 'source',
        packageName: projectName,
        sourceName: source.name,
        name: table.name,
        originalFilePath: located.file,
        line: located.positionOf([...located.keyPath, 'tables', index])?.line,
        fqn: [projectName, source.name, table.name],
        description: renderDocs(table.description ?? ''),
        sourceDescription: renderDocs(source.description ?? ''),
        columns,
        relation: {
          database: source.database ?? target.database,
          schema: source.schema ?? source.name,
          identifier: table.identifier ?? table.name,
        },
        loadedAtField,
        freshness: freshnessOf(table.freshness, source.freshness),
        tags: [...(source.tags ?? []), ...(table.tags ?? [])],
        meta: { ...(source.meta ?? {}), ...(table.meta ?? {}) },
        config: { enabled: (source.config?.enabled as boolean | undefined) ?? true, ...eventTimeOf(table.config, source.config) },
      };
    }
  }
  return sources;
}

/** `event_time` from the table's config, else the source's: microbatch models filter the source by it. */
function eventTimeOf(...configs: (Readonly<Record<string, unknown>> | undefined)[]): { event_time?: string } {
  const eventTime = configs.map((config) => config?.event_time).find((value) => typeof value === 'string' && value !== '');
  return typeof eventTime === 'string' ? { event_time: eventTime } : {};
}
