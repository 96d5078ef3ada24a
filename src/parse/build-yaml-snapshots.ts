/**
 * Snapshots defined in property YAML (dbt 1.9+): an entry under `snapshots:` with a
 * `relation:` (`ref('orders')` or `source('shop', 'customers')`) and its `config:` becomes a
 * snapshot node whose query is `select * from <relation>`. The entry's `config:` is applied
 * by the parser like any other YAML config, so only the query is made here.
 */
import type { ProjectFile, RawProject } from '../load/raw-project.js';
import { TsdbtError } from '../errors/tsdbt-error.js';
import type { PropertyIndex } from './property-index.js';

/** What the parser needs to turn a YAML snapshot into a node (its `NodeDraft` shape). */
export interface YamlSnapshotDraft {
  readonly resourceType: 'snapshot';
  readonly name: string;
  readonly file: ProjectFile;
  readonly rawCode: string;
  readonly renderSource: string;
  readonly folderKey: 'snapshots';
  readonly defaultMaterialized: 'snapshot';
}

const relationCall = /^\s*(ref|source)\s*\(.*\)\s*$/s;

/**
 * One draft per YAML snapshot with a `relation:`; a relation that is not a `ref()` or
 * `source()` call is reported in `errors` with the YAML file and line.
 */
export function buildYamlSnapshots(raw: RawProject, properties: PropertyIndex, errors: TsdbtError[]): YamlSnapshotDraft[] {
  const drafts: YamlSnapshotDraft[] = [];
  for (const [key, located] of properties.entries()) {
    if (!key.startsWith('snapshot:')) continue;
    const relation = located.properties.relation;
    if (relation === undefined) continue;
    const name = located.properties.name;
    if (!relationCall.test(relation)) {
      errors.push(new TsdbtError({
        kind: 'config',
        message: `Snapshot '${name}': relation must be a ref() or source() call, got '${relation}'`,
        file: located.file,
        line: located.line,
        hint: "Example: relation: ref('stg_customers') or relation: source('shop', 'customers').",
      }));
      continue;
    }
    const sql = `select * from {{ ${relation.trim()} }}`;
    const resourceDir = raw.config.snapshotPaths.find((dir) => located.file.startsWith(`${dir}/`)) ?? '';
    drafts.push({
      resourceType: 'snapshot',
      name,
      file: {
        kind: 'snapshot',
        path: located.file,
        absolutePath: `${raw.root}/${located.file}`,
        pathInResourceDir: resourceDir ? located.file.slice(resourceDir.length + 1) : located.file,
        resourceDir,
        // The query stands in for the file's text, so the checksum changes when the relation does.
        contents: sql,
      },
      rawCode: sql,
      renderSource: sql,
      folderKey: 'snapshots',
      defaultMaterialized: 'snapshot',
    });
  }
  return drafts;
}
