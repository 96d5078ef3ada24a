/**
 * The incremental configs of one model, read and checked once: strategy (with dbt's
 * defaults), unique key, merge columns, predicates, schema-change mode and microbatch settings.
 */
import type { CompiledNode } from '../compile/compile-node.js';
import { TsdbtError } from '../errors/tsdbt-error.js';

export type IncrementalStrategy = 'merge' | 'append' | 'delete+insert' | 'microbatch';
export type OnSchemaChange = 'ignore' | 'fail' | 'append_new_columns' | 'sync_all_columns';
export type BatchSize = 'hour' | 'day' | 'month' | 'year';

const strategies: readonly IncrementalStrategy[] = ['merge', 'append', 'delete+insert', 'microbatch'];
const schemaModes: readonly OnSchemaChange[] = ['ignore', 'fail', 'append_new_columns', 'sync_all_columns'];
const batchSizes: readonly BatchSize[] = ['hour', 'day', 'month', 'year'];

export interface MicrobatchConfig {
  readonly eventTime: string;
  readonly batchSize: BatchSize;
  /** First batch start on the first run or a full refresh. */
  readonly begin: Date;
  /** Batches before the latest one that are rebuilt on a normal run. */
  readonly lookback: number;
  /** `concurrent_batches`: true or false to override, undefined to let the planner decide. */
  readonly concurrentBatches?: boolean;
}

export interface IncrementalConfig {
  readonly strategy: IncrementalStrategy;
  /** Key expressions; empty without `unique_key`. */
  readonly uniqueKey: readonly string[];
  readonly updateColumns?: readonly string[];
  readonly excludeColumns: readonly string[];
  readonly predicates: readonly string[];
  readonly onSchemaChange: OnSchemaChange;
  readonly microbatch?: MicrobatchConfig;
}

function stringList(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]).map((item) => String(item).trim()).filter((item) => item !== '');
}

function configError(compiled: CompiledNode, message: string, hint: string): TsdbtError {
  return new TsdbtError({ kind: 'config', message, hint, file: compiled.node.originalFilePath, nodeId: compiled.node.uniqueId });
}

function oneOf<T extends string>(compiled: CompiledNode, key: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined || value === null) return fallback;
  const text = String(value).toLowerCase();
  if ((allowed as readonly string[]).includes(text)) return text as T;
  throw configError(compiled, `Invalid ${key} '${String(value)}' in model ${compiled.node.name}`, `Use one of: ${allowed.join(', ')}.`);
}

/** Read a model's incremental configs, applying dbt's defaults; throws on invalid values. */
export function incrementalConfig(compiled: CompiledNode): IncrementalConfig {
  const config = compiled.node.config;
  const uniqueKey = stringList(config.unique_key);
  const strategy = oneOf(compiled, 'incremental_strategy', config.incremental_strategy, strategies, uniqueKey.length > 0 ? 'merge' : 'append');
  if (strategy === 'delete+insert' && uniqueKey.length === 0) {
    throw configError(compiled, `incremental_strategy 'delete+insert' needs a unique_key in model ${compiled.node.name}`, "Set unique_key (a column or a list), or use 'append'.");
  }
  const updateColumns = stringList(config.merge_update_columns);
  return {
    strategy,
    uniqueKey,
    updateColumns: updateColumns.length > 0 ? updateColumns : undefined,
    excludeColumns: stringList(config.merge_exclude_columns),
    predicates: stringList(config.incremental_predicates ?? config.predicates),
    onSchemaChange: oneOf(compiled, 'on_schema_change', config.on_schema_change, schemaModes, 'ignore'),
    microbatch: strategy === 'microbatch' ? microbatchConfig(compiled) : undefined,
  };
}

function microbatchConfig(compiled: CompiledNode): MicrobatchConfig {
  const config = compiled.node.config;
  const eventTime = typeof config.event_time === 'string' ? config.event_time.trim() : '';
  if (eventTime === '') {
    throw configError(compiled, `Microbatch model ${compiled.node.name} has no event_time`, "Set event_time to the model's timestamp column, e.g. config(event_time='ordered_at').");
  }
  if (config.batch_size === undefined || config.batch_size === null) {
    throw configError(compiled, `Microbatch model ${compiled.node.name} has no batch_size`, `Set batch_size to one of: ${batchSizes.join(', ')}.`);
  }
  const batchSize = oneOf(compiled, 'batch_size', config.batch_size, batchSizes, 'day');
  const begin = parseUtc(config.begin);
  if (!begin) {
    throw configError(compiled, `Microbatch model ${compiled.node.name} needs a valid begin (got ${String(config.begin)})`, "Set begin to the first batch's start, e.g. begin='2026-01-01'.");
  }
  const lookback = config.lookback === undefined || config.lookback === null ? 1 : Number(config.lookback);
  if (!Number.isInteger(lookback) || lookback < 0) {
    throw configError(compiled, `Invalid lookback '${String(config.lookback)}' in model ${compiled.node.name}`, 'Use a whole number of batches, 0 or more.');
  }
  const concurrent = config.concurrent_batches;
  if (concurrent !== undefined && concurrent !== null && typeof concurrent !== 'boolean') {
    throw configError(compiled, `Invalid concurrent_batches '${String(concurrent)}' in model ${compiled.node.name}`, 'Use true or false, or leave it unset to let tsdbt decide.');
  }
  return { eventTime, batchSize, begin, lookback, concurrentBatches: concurrent ?? undefined };
}

/** `2026-01-01`, `2026-01-01 06:00:00` or a YAML date, read as UTC (a batch grid has no time zone). */
function parseUtc(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = value.trim().replace(' ', 'T');
  const hasZone = /[zZ]$|[+-]\d\d:?\d\d$/.test(text);
  const date = new Date(text.length <= 10 || hasZone ? text : `${text}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
