/**
 * `_manifest.json`: what a dataset holds (parameters, rows per feed and day, dirty records,
 * the last ids used) so a later `date` run can continue it without collisions.
 * It contains no wall-clock time, so it is byte-identical across identical runs.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TsdbtError } from '../errors/tsdbt-error.js';
import { DIRTY_KINDS, FEEDS } from './dirty-records.js';
import type { DirtyKind, DirtyRecord, FeedName } from './dirty-records.js';
import type { GenerationParameters } from './generate-options.js';
import { MANIFEST_FILE } from './feed-paths.js';

/** The last id of every id sequence; the next day starts at `last + 1`. 0 = none used yet. */
export interface LastIds {
  readonly customer: number;
  readonly product: number;
  readonly order: number;
  readonly orderLine: number;
  readonly payment: number;
  readonly event: number;
  readonly session: number;
}

export interface GenerationManifest {
  readonly formatVersion: 1;
  /** The parameters that produced the data; `days` counts every day generated so far. */
  readonly parameters: GenerationParameters;
  /** Every day in the dataset, ascending. */
  readonly dates: readonly string[];
  /** `rowCounts[feed][date]`: data rows in that file (CSV header excluded, dirty duplicates included). */
  readonly rowCounts: Readonly<Record<FeedName, Readonly<Record<string, number>>>>;
  readonly dirty: {
    readonly counts: Readonly<Record<DirtyKind, number>>;
    readonly records: readonly DirtyRecord[];
  };
  readonly lastIds: LastIds;
}

/** An empty manifest for new parameters. */
export function emptyManifest(parameters: GenerationParameters): GenerationManifest {
  const rowCounts = Object.fromEntries(FEEDS.map((feed) => [feed, {}])) as Record<FeedName, Record<string, number>>;
  const counts = Object.fromEntries(DIRTY_KINDS.map((kind) => [kind, 0])) as Record<DirtyKind, number>;
  return {
    formatVersion: 1,
    parameters,
    dates: [],
    rowCounts,
    dirty: { counts, records: [] },
    lastIds: { customer: 0, product: 0, order: 0, orderLine: 0, payment: 0, event: 0, session: 0 },
  };
}

/** The manifest with one more day added. */
export function addDay(
  manifest: GenerationManifest,
  date: string,
  rows: Readonly<Record<FeedName, number>>,
  dirty: readonly DirtyRecord[],
  lastIds: LastIds,
): GenerationManifest {
  const rowCounts = Object.fromEntries(
    FEEDS.map((feed) => [feed, { ...manifest.rowCounts[feed], [date]: rows[feed] }]),
  ) as Record<FeedName, Record<string, number>>;
  const counts = { ...manifest.dirty.counts };
  for (const record of dirty) counts[record.kind] += 1;
  const dates = [...manifest.dates, date];
  return {
    formatVersion: 1,
    parameters: { ...manifest.parameters, days: dates.length },
    dates,
    rowCounts,
    dirty: { counts, records: [...manifest.dirty.records, ...dirty] },
    lastIds,
  };
}

export async function writeManifest(outDir: string, manifest: GenerationManifest): Promise<void> {
  await writeFile(join(outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Reads a dataset's manifest; a missing or unreadable one is a user error with a hint. */
export async function readManifest(outDir: string): Promise<GenerationManifest> {
  const path = join(outDir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new TsdbtError({
      kind: 'runtime',
      message: `No dataset to continue: ${path} does not exist.`,
      hint: 'Generate the dataset first (without a date), then add days one at a time.',
      cause: error,
    });
  }
  try {
    const manifest = JSON.parse(text) as GenerationManifest;
    if (manifest.formatVersion !== 1 || !Array.isArray(manifest.dates)) throw new Error('unknown manifest format');
    return manifest;
  } catch (error) {
    throw new TsdbtError({
      kind: 'runtime',
      message: `${path} is not a generator manifest (${error instanceof Error ? error.message : String(error)}).`,
      hint: 'Regenerate the dataset.',
      cause: error,
    });
  }
}
