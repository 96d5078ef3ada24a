/**
 * The generator's options: what callers pass (`GenerateOptions`, everything optional), the
 * settings file shape (`project/generator.yml`) and the fully resolved form the stages use.
 */
import { z } from 'zod';

/** File formats for the clickstream feed. */
export type EventsFormat = 'csv' | 'parquet';

/** What a caller (the CLI, a test, a benchmark) may set. Unset fields come from generator.yml, then defaults. */
export interface GenerateOptions {
  /** The project root: where `generator.yml` is read and a relative `outDir` is resolved. Default: the working directory. */
  readonly projectDir?: string;
  /** Where the feeds are written. Default `data/raw` under the project dir. */
  readonly outDir?: string;
  readonly seed?: number;
  /** Number of days, starting at `startDate`. */
  readonly days?: number;
  /** First day, `YYYY-MM-DD` (UTC). */
  readonly startDate?: string;
  /** Average orders per day over a week (weekdays get less, weekends more). */
  readonly ordersPerDay?: number;
  /** Average clickstream events per day over a week. */
  readonly eventsPerDay?: number;
  /** Size of the day-1 customer base. */
  readonly customers?: number;
  /** Size of the day-1 catalog. */
  readonly products?: number;
  /** Share of dirty records per feed, 0 to disable (see README). */
  readonly dirtyRate?: number;
  readonly eventsFormat?: EventsFormat;
  /**
   * Append one day (`YYYY-MM-DD`, the day after the last one in `outDir/_manifest.json`)
   * to an existing dataset; volumes and seed then come from that manifest.
   */
  readonly date?: string;
  /**
   * Worker threads that write events days in parallel (0 = all in the main thread). Does not
   * change a byte of output. Default: one per core, at most one per day, 0 below 500,000 events.
   */
  readonly workers?: number;
}

/** The knobs that decide the data: stored in `_manifest.json` so `date` can continue a dataset. */
export interface GenerationParameters {
  readonly seed: number;
  readonly startDate: string;
  readonly days: number;
  readonly ordersPerDay: number;
  readonly eventsPerDay: number;
  readonly customers: number;
  readonly products: number;
  readonly dirtyRate: number;
  readonly eventsFormat: EventsFormat;
}

/** `generator.yml` after defaults: the parameters plus where to write. */
export interface GeneratorSettings extends GenerationParameters {
  /** As written in the file (relative to the project dir unless absolute). */
  readonly outDir: string;
}

/** Built-in defaults, used for anything neither the caller nor generator.yml sets. */
export const DEFAULT_GENERATOR_SETTINGS: GeneratorSettings = {
  outDir: 'data/raw',
  seed: 42,
  startDate: '2026-01-01',
  days: 30,
  ordersPerDay: 5_000,
  eventsPerDay: 50_000,
  customers: 20_000,
  products: 500,
  dirtyRate: 0.002,
  eventsFormat: 'csv',
};

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date written YYYY-MM-DD');

/** The shape of `generator.yml` (snake_case keys, as in dbt's YAML files). Unknown keys are errors. */
export const generatorFileSchema = z
  .object({
    out_dir: z.string().min(1).optional(),
    seed: z.number().int().min(0).max(4_294_967_295).optional(),
    start_date: isoDate.optional(),
    days: z.number().int().min(1).max(3_650).optional(),
    orders_per_day: z.number().int().min(1).optional(),
    events_per_day: z.number().int().min(1).optional(),
    customers: z.number().int().min(1).optional(),
    products: z.number().int().min(1).optional(),
    dirty_rate: z.number().min(0).max(0.5).optional(),
    events_format: z.enum(['csv', 'parquet']).optional(),
  })
  .strict();

/** The same limits for values that arrive as options (from flags or code). */
export const generationParametersSchema = z.object({
  seed: z.number().int().min(0).max(4_294_967_295),
  startDate: isoDate,
  days: z.number().int().min(1).max(3_650),
  ordersPerDay: z.number().int().min(1),
  eventsPerDay: z.number().int().min(1),
  customers: z.number().int().min(1),
  products: z.number().int().min(1),
  dirtyRate: z.number().min(0).max(0.5),
  eventsFormat: z.enum(['csv', 'parquet']),
});
