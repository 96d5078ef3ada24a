/**
 * The typed form of dbt's node selection syntax, produced by `parseSelector` and evaluated by
 * `selectNodes`. Space-separated terms are a union, comma-joined terms an intersection, and each
 * term is one method criterion plus graph operators (`+x`, `x+`, `2+x`, `x+1`, `@x`).
 */
import type { ResourceType } from '../parse/manifest.js';

/** How far a graph operator walks: a number of edges, or the whole graph. */
export type GraphDepth = number | 'all';

/** Values accepted by `state:` (dbt's state comparison selectors). */
export const STATE_SELECTORS = [
  'new',
  'old',
  'modified',
  'unmodified',
  'modified.body',
  'modified.configs',
  'modified.contract',
  'modified.macros',
] as const;
export type StateSelector = (typeof STATE_SELECTORS)[number];

/** Values accepted by `result:` (statuses of the previous run's results). */
export const RESULT_STATUSES = ['error', 'fail', 'warn', 'success', 'skipped', 'pass'] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];

/** Values accepted by `source_status:`. */
export const SOURCE_STATUSES = ['fresher', 'stale', 'error', 'warn', 'pass'] as const;
export type SourceStatus = (typeof SOURCE_STATUSES)[number];

/** Values accepted by `test_type:`; dbt's legacy `data`/`schema` are mapped to singular/generic. */
export const TEST_TYPES = ['generic', 'singular', 'unit'] as const;
export type TestType = (typeof TEST_TYPES)[number];

/** Values accepted by `resource_type:`. */
export const SELECTABLE_RESOURCE_TYPES = [
  'model',
  'seed',
  'snapshot',
  'test',
  'analysis',
  'unit_test',
  'source',
] as const satisfies readonly (ResourceType | 'source')[];
export type SelectableResourceType = (typeof SELECTABLE_RESOURCE_TYPES)[number];

/** Every method name the parser accepts before the `:`. */
export const SELECTOR_METHODS = [
  'name',
  'fqn',
  'tag',
  'path',
  'file',
  'config',
  'resource_type',
  'source',
  'test_type',
  'test_name',
  'package',
  'exposure',
  'state',
  'result',
  'source_status',
] as const;
export type SelectorMethod = (typeof SELECTOR_METHODS)[number];

/** One method and its argument. Patterns accept shell wildcards (`stg_*`). */
export type SelectorCriterion =
  /**
   * A node name. `implicit` marks a bare term without a method, which also matches a dotted
   * FQN (`staging.stg_orders`), as dbt's default `fqn` method does.
   */
  | { readonly method: 'name'; readonly pattern: string; readonly implicit: boolean }
  | { readonly method: 'fqn'; readonly pattern: string }
  | { readonly method: 'tag'; readonly pattern: string }
  /** A folder or a file relative to the project root, without `./` or a trailing `/`. */
  | { readonly method: 'path'; readonly path: string }
  /** A file name (`stg_orders.sql`) or stem (`stg_orders`). */
  | { readonly method: 'file'; readonly pattern: string }
  /** `config.meta.owner:x` has `keyPath: ['meta', 'owner']`. */
  | { readonly method: 'config'; readonly keyPath: readonly string[]; readonly value: string }
  | { readonly method: 'resource_type'; readonly resourceType: SelectableResourceType }
  /** `source:raw`, `source:raw.orders` or `source:package.raw.orders`. */
  | {
      readonly method: 'source';
      readonly packageName?: string;
      readonly sourceName: string;
      readonly tableName?: string;
    }
  | { readonly method: 'test_type'; readonly testType: TestType }
  | { readonly method: 'test_name'; readonly pattern: string }
  | { readonly method: 'package'; readonly pattern: string }
  | { readonly method: 'exposure'; readonly pattern: string }
  | { readonly method: 'state'; readonly state: StateSelector }
  | { readonly method: 'result'; readonly status: ResultStatus }
  | { readonly method: 'source_status'; readonly status: SourceStatus };

/** One selector term: a criterion and the graph operators around it. */
export interface SelectorTerm {
  readonly kind: 'term';
  /** The term as written, for messages (`+tag:nightly`). */
  readonly raw: string;
  readonly criterion: SelectorCriterion;
  /** `+x` → 'all', `2+x` → 2; absent without a leading `+`. */
  readonly ancestors?: GraphDepth;
  /** `x+` → 'all', `x+1` → 1; absent without a trailing `+`. */
  readonly descendants?: GraphDepth;
  /** `@x`: x, its descendants, and every ancestor of those descendants. */
  readonly childrensParents: boolean;
}

/** Comma-joined terms: nodes matched by every member. */
export interface SelectorIntersection {
  readonly kind: 'intersection';
  readonly members: readonly SelectorTerm[];
}

/** Space-separated (or repeated `-s`) parts: nodes matched by any member. */
export interface SelectorUnion {
  readonly kind: 'union';
  readonly members: readonly (SelectorIntersection | SelectorTerm)[];
}

export type SelectorExpression = SelectorUnion | SelectorIntersection | SelectorTerm;
