/**
 * The parts of validated property YAML (`config/property-schema.ts`) the parser reads.
 * Keys keep their YAML spelling.
 */
import type { TestDefinition } from '../config/property-schema.js';

/** Test entries arrive normalised by the property schema (`tests:` and `data_tests:` alike). */
export type TestEntry = TestDefinition;

export interface ColumnProperties {
  readonly name: string;
  readonly description?: string;
  readonly data_type?: string;
  readonly quote?: boolean;
  readonly meta?: Readonly<Record<string, unknown>>;
  readonly tags?: readonly string[];
  readonly tests?: readonly TestEntry[];
}

export interface NodeProperties {
  readonly name: string;
  readonly description?: string;
  readonly config?: Readonly<Record<string, unknown>>;
  readonly columns?: readonly ColumnProperties[];
  readonly tests?: readonly TestEntry[];
  readonly meta?: Readonly<Record<string, unknown>>;
  readonly docs?: Readonly<Record<string, unknown>>;
  readonly relation?: string;
}

export interface FreshnessProperties {
  readonly warn_after?: { readonly count: number; readonly period: 'minute' | 'hour' | 'day' } | null;
  readonly error_after?: { readonly count: number; readonly period: 'minute' | 'hour' | 'day' } | null;
  readonly filter?: string;
}

export interface SourceTableProperties extends NodeProperties {
  readonly identifier?: string;
  readonly loaded_at_field?: string;
  readonly freshness?: FreshnessProperties | null;
  readonly tags?: readonly string[];
}

export interface SourceProperties {
  readonly name: string;
  readonly description?: string;
  readonly database?: string;
  readonly schema?: string;
  readonly loaded_at_field?: string;
  readonly freshness?: FreshnessProperties | null;
  readonly tags?: readonly string[];
  readonly meta?: Readonly<Record<string, unknown>>;
  readonly config?: Readonly<Record<string, unknown>>;
  readonly tables?: readonly SourceTableProperties[];
}

export interface UnitTestProperties {
  readonly name: string;
  readonly model: string;
  readonly description?: string;
  readonly given?: readonly { readonly input: string; readonly rows?: unknown; readonly format?: string }[];
  readonly expect: { readonly rows?: unknown; readonly format?: string };
  readonly config?: Readonly<Record<string, unknown>>;
}

export interface MacroProperties {
  readonly name: string;
  readonly description?: string;
}

export interface PropertyDocumentShape {
  readonly models?: readonly NodeProperties[];
  readonly seeds?: readonly NodeProperties[];
  readonly snapshots?: readonly NodeProperties[];
  readonly analyses?: readonly NodeProperties[];
  readonly sources?: readonly SourceProperties[];
  readonly macros?: readonly MacroProperties[];
  readonly unit_tests?: readonly UnitTestProperties[];
}
