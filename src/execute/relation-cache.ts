/**
 * What exists in the database, read once per schema at the start of a run (one
 * `listRelations` per schema, not one query per model) and updated as nodes are built.
 */
import type { Adapter, Relation } from '../adapters/adapter.js';
import type { Dialect } from '../adapters/dialect.js';
import type { RelationName } from '../parse/manifest.js';

export class RelationCache {
  private readonly relations = new Map<string, Relation>();
  private readonly loadedSchemas = new Set<string>();

  constructor(private readonly dialect: Pick<Dialect, 'normalizeIdentifier'>) {}

  private key(relation: RelationName): string {
    const n = (part: string) => this.dialect.normalizeIdentifier(part).toLowerCase();
    return `${n(relation.database)}.${n(relation.schema)}.${n(relation.identifier)}`;
  }

  private schemaKey(database: string, schema: string): string {
    const n = (part: string) => this.dialect.normalizeIdentifier(part).toLowerCase();
    return `${n(database)}.${n(schema)}`;
  }

  /** Read the given schemas (each once; schemas already read are skipped). */
  async load(adapter: Adapter, schemas: Iterable<{ readonly database: string; readonly schema: string }>): Promise<void> {
    const pending = new Map<string, { database: string; schema: string }>();
    for (const entry of schemas) {
      const key = this.schemaKey(entry.database, entry.schema);
      if (!this.loadedSchemas.has(key)) pending.set(key, { database: entry.database, schema: entry.schema });
    }
    await Promise.all(
      [...pending].map(async ([key, entry]) => {
        const found = await adapter.listRelations(this.dialect.normalizeIdentifier(entry.database), this.dialect.normalizeIdentifier(entry.schema));
        for (const relation of found) this.relations.set(this.key(relation), relation);
        this.loadedSchemas.add(key);
      }),
    );
  }

  get(relation: RelationName): Relation | undefined {
    return this.relations.get(this.key(relation));
  }

  set(relation: Relation): void {
    this.relations.set(this.key(relation), relation);
  }

  delete(relation: RelationName): void {
    this.relations.delete(this.key(relation));
  }
}
