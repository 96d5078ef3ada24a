/**
 * dbt's config merge rules, used at every precedence level
 * (project folders → YAML properties → `config()` in the file).
 *
 * - `tags`, `pre-hook`, `post-hook` accumulate (tags deduplicated, hooks in order);
 * - `meta`, `grants`, `docs` are merged key by key;
 * - everything else: the more specific level replaces.
 */
import { TsdbtError } from '../errors/tsdbt-error.js';
import type { Hook } from './node-config.js';

export type ConfigRecord = Readonly<Record<string, unknown>>;

const ACCUMULATING_LISTS = new Set(['tags', 'pre-hook', 'post-hook']);
const MERGED_DICTS = new Set(['meta', 'grants', 'docs']);

/**
 * The spelling a config key is stored under: without the `+` folder-config prefix,
 * and `pre_hook`/`post_hook` as dbt's `pre-hook`/`post-hook`.
 */
export function normalizeConfigKey(key: string): string {
  const bare = key.startsWith('+') ? key.slice(1) : key;
  if (bare === 'pre_hook') return 'pre-hook';
  if (bare === 'post_hook') return 'post-hook';
  return bare;
}

/** `'nightly'` → `['nightly']`; a list stays a list; `null`/absent → `[]`. */
export function normalizeTags(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const tags = Array.isArray(value) ? value : [value];
  for (const tag of tags) {
    if (typeof tag !== 'string') {
      throw new TsdbtError({
        kind: 'config',
        message: `tags must be strings, got ${JSON.stringify(tag)}`,
        hint: 'write tags as `tags: nightly` or `tags: [nightly, finance]`',
      });
    }
  }
  return tags as string[];
}

/**
 * Hooks as `Hook[]`: a SQL string, a list of strings, or `{sql, transaction}` objects
 * (`transaction: false` runs outside the model's transaction, like dbt's `before_begin`).
 */
export function normalizeHooks(value: unknown): Hook[] {
  if (value === undefined || value === null) return [];
  const entries = Array.isArray(value) ? value : [value];
  return entries.map((entry): Hook => {
    if (typeof entry === 'string') return { sql: entry, transaction: true };
    if (entry !== null && typeof entry === 'object' && typeof (entry as { sql?: unknown }).sql === 'string') {
      const { sql, transaction } = entry as { sql: string; transaction?: unknown };
      if (transaction === undefined || typeof transaction === 'boolean') {
        return { sql, transaction: transaction ?? true };
      }
    }
    throw new TsdbtError({
      kind: 'config',
      message: `a hook must be SQL text or {sql, transaction}, got ${JSON.stringify(entry)}`,
      hint: 'write `+post-hook: "grant select on {{ this }} to role reporter"`',
    });
  });
}

/** Normalises one key/value pair the way it is stored after merging. */
function normalizeEntry(key: string, value: unknown): [string, unknown] {
  const normalizedKey = normalizeConfigKey(key);
  if (normalizedKey === 'tags') return [normalizedKey, normalizeTags(value)];
  if (normalizedKey === 'pre-hook' || normalizedKey === 'post-hook') return [normalizedKey, normalizeHooks(value)];
  return [normalizedKey, value];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * A new config with `override` applied on top of `base` (neither is modified).
 * Keys of `override` are normalised (`+tags` → `tags`, `pre_hook` → `pre-hook`).
 *
 * @example mergeConfig({ tags: ['a'], materialized: 'view' }, { tags: 'b', materialized: 'table' })
 *   // { tags: ['a', 'b'], materialized: 'table' }
 */
export function mergeConfig(base: ConfigRecord, override: ConfigRecord): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [rawKey, rawValue] of Object.entries(override)) {
    if (rawValue === undefined) continue;
    const [key, value] = normalizeEntry(rawKey, rawValue);
    const previous = merged[key];
    if (ACCUMULATING_LISTS.has(key)) {
      const combined = [...((previous as unknown[] | undefined) ?? []), ...(value as unknown[])];
      merged[key] = key === 'tags' ? [...new Set(combined)] : combined;
    } else if (MERGED_DICTS.has(key) && isRecord(previous) && isRecord(value)) {
      merged[key] = { ...previous, ...value };
    } else {
      merged[key] = value;
    }
  }
  return merged;
}
