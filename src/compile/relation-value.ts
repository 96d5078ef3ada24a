import type { RelationName } from '../parse/manifest.js';

/**
 * A relation as templates see it: `{{ this }}` renders the quoted name, and
 * `this.schema`, `this.identifier`, `this.name`, `this.database` give the parts (dbt's Relation).
 */
export class RelationValue {
  readonly database: string;
  readonly schema: string;
  readonly identifier: string;
  readonly type?: string;

  constructor(
    relation: RelationName,
    private readonly rendered: string,
    type?: string,
  ) {
    this.database = relation.database;
    this.schema = relation.schema;
    this.identifier = relation.identifier;
    this.type = type;
  }

  get name(): string {
    return this.identifier;
  }

  get is_table(): boolean {
    return this.type === 'table';
  }

  get is_view(): boolean {
    return this.type === 'view';
  }

  /** dbt's `this.render()`. */
  render(): string {
    return this.rendered;
  }

  toString(): string {
    return this.rendered;
  }
}
