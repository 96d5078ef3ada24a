/**
 * Property YAML indexed by resource and name, with the file and line each entry came from,
 * so patches, tests and errors can point at the YAML a person wrote.
 */
import type { PropertyFile } from '../load/raw-project.js';
import type { ResourceType } from './manifest.js';
import type { NodeProperties, PropertyDocumentShape, SourceProperties, UnitTestProperties } from './property-shapes.js';
import { TsdbtError } from '../errors/tsdbt-error.js';

export interface Located<T> {
  readonly properties: T;
  readonly file: string;
  readonly line?: number;
  /** Key path of the entry, e.g. `['models', 2]`. */
  readonly keyPath: readonly (string | number)[];
  readonly positionOf: PropertyFile['positionOf'];
}

const SECTION: Partial<Record<ResourceType, keyof PropertyDocumentShape>> = {
  model: 'models',
  seed: 'seeds',
  snapshot: 'snapshots',
  analysis: 'analyses',
};

export class PropertyIndex {
  private readonly byKey = new Map<string, Located<NodeProperties>>();
  readonly sources: Located<SourceProperties>[] = [];
  readonly unitTests: Located<UnitTestProperties>[] = [];
  readonly macroDescriptions = new Map<string, string>();

  constructor(files: readonly PropertyFile[], errors: TsdbtError[]) {
    for (const file of files) {
      const document = file.document as unknown as PropertyDocumentShape;
      for (const [resourceType, section] of Object.entries(SECTION) as [ResourceType, keyof PropertyDocumentShape][]) {
        const entries = (document[section] ?? []) as readonly NodeProperties[];
        entries.forEach((properties, index) => {
          const keyPath = [section, index];
          const line = file.positionOf(keyPath)?.line;
          const key = `${resourceType}:${properties.name}`;
          const existing = this.byKey.get(key);
          if (existing) {
            errors.push(new TsdbtError({
              kind: 'config',
              message: `${resourceType} '${properties.name}' is described twice: in ${existing.file}${existing.line ? `:${existing.line}` : ''} and ${file.path}${line ? `:${line}` : ''}`,
              file: file.path,
              line,
              hint: 'Keep one YAML entry per node.',
            }));
            return;
          }
          this.byKey.set(key, { properties, file: file.path, line, keyPath, positionOf: file.positionOf });
        });
      }
      (document.sources ?? []).forEach((properties, index) => {
        const keyPath = ['sources', index];
        this.sources.push({ properties, file: file.path, line: file.positionOf(keyPath)?.line, keyPath, positionOf: file.positionOf });
      });
      (document.unit_tests ?? []).forEach((properties, index) => {
        const keyPath = ['unit_tests', index];
        this.unitTests.push({ properties, file: file.path, line: file.positionOf(keyPath)?.line, keyPath, positionOf: file.positionOf });
      });
      for (const macro of document.macros ?? []) this.macroDescriptions.set(macro.name, macro.description ?? '');
    }
  }

  nodeProperties(resourceType: ResourceType, name: string): Located<NodeProperties> | undefined {
    return this.byKey.get(`${resourceType}:${name}`);
  }

  /** Every described node (for tests declared on models/seeds/snapshots). */
  entries(): IterableIterator<[string, Located<NodeProperties>]> {
    return this.byKey.entries();
  }
}
