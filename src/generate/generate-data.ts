/**
 * `generateData`: the reference shop's raw feeds, day by day, deterministic from a seed.
 * See README.md for every file and column.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { mkdir, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { TsdbtError, TsdbtErrors } from '../errors/tsdbt-error.js';
import { addDays, dailyVolume, isIsoDate } from './calendar.js';
import { DIRTY_KINDS, FEEDS } from './dirty-records.js';
import type { DirtyKind, FeedName } from './dirty-records.js';
import { generationParametersSchema } from './generate-options.js';
import type { GenerateOptions, GenerationParameters } from './generate-options.js';
import { loadGeneratorSettings } from './load-generator-settings.js';
import { addDay, emptyManifest, readManifest, writeManifest } from './manifest.js';
import type { GenerationManifest, LastIds } from './manifest.js';
import { feedPath, MANIFEST_FILE } from './feed-paths.js';
import { createDataset, advanceDataset } from './dataset-state.js';
import type { DatasetState } from './dataset-state.js';
import { generateDayFeeds } from './generate-day.js';
import type { DayFeeds } from './generate-day.js';
import { createDayEventsRunner } from './day-events-runner.js';
import type { DayEventsResult } from './events-csv.js';
import { writeEventsParquet } from './write-events-parquet.js';

/** Reported while generating; the CLI renders it as a progress line. */
export interface GenerateProgress {
  /** The feed just written. */
  readonly feed: FeedName;
  readonly day: string;
  /** Orders and events rows written so far in this run (the two volume-driven feeds). */
  readonly rowsWritten: number;
  /** Orders and events rows this run will write (dirty duplicates not counted). */
  readonly rowsTotal: number;
  readonly rowsPerSecond: number;
  readonly secondsLeft: number;
}

/** What a run produced. */
export interface GenerateSummary {
  readonly outDir: string;
  /** Days written by this run (one in `date` mode). */
  readonly dates: readonly string[];
  /** Rows written by this run, per feed. */
  readonly rowCounts: Readonly<Record<FeedName, number>>;
  /** Dirty records injected by this run, per kind. */
  readonly dirtyCounts: Readonly<Record<DirtyKind, number>>;
  readonly seconds: number;
  /** Event rows per second over the whole run (the throughput that matters at scale). */
  readonly eventsPerSecond: number;
  /** The dataset's manifest after the run (all days, not only this run's). */
  readonly manifest: GenerationManifest;
}

/**
 * Generates the raw feeds of the reference project. Same options → byte-identical files.
 * Without `date`: a fresh dataset of `days` days (the feed folders in `outDir` are replaced).
 * With `date`: one more day appended to the dataset in `outDir`, continuing its ids and history.
 *
 * @example
 * await generateData({ projectDir: 'project', days: 7 }, (p) => console.log(p.rowsWritten));
 */
export async function generateData(
  options: GenerateOptions = {},
  onProgress?: (progress: GenerateProgress) => void,
): Promise<GenerateSummary> {
  const projectDir = resolve(options.projectDir ?? process.cwd());
  const settings = await loadGeneratorSettings(projectDir);
  const outDir = resolve(projectDir, options.outDir ?? settings.outDir);

  let manifest: GenerationManifest;
  let parameters: GenerationParameters;
  let state: DatasetState;
  let firstDay: number;
  if (options.date === undefined) {
    parameters = validateParameters({
      seed: options.seed ?? settings.seed,
      startDate: options.startDate ?? settings.startDate,
      days: options.days ?? settings.days,
      ordersPerDay: options.ordersPerDay ?? settings.ordersPerDay,
      eventsPerDay: options.eventsPerDay ?? settings.eventsPerDay,
      customers: options.customers ?? settings.customers,
      products: options.products ?? settings.products,
      dirtyRate: options.dirtyRate ?? settings.dirtyRate,
      eventsFormat: options.eventsFormat ?? settings.eventsFormat,
    });
    await clearDataset(outDir);
    manifest = emptyManifest(parameters);
    state = createDataset(parameters);
    firstDay = 0;
  } else {
    manifest = await readManifest(outDir);
    parameters = manifest.parameters;
    firstDay = checkNextDate(manifest, options.date);
    state = createDataset(parameters);
    // Replay the profile and catalog history (cheap) so day N+1 continues it exactly.
    for (let day = 1; day < firstDay; day++) advanceDataset(state, day, addDays(parameters.startDate, day));
    if (state.customers.customers.length !== manifest.lastIds.customer || state.catalog.products.length !== manifest.lastIds.product) {
      throw new TsdbtError({
        kind: 'runtime',
        message: `The dataset in ${outDir} was not made by this generator version; its ids cannot be continued.`,
        hint: 'Regenerate the whole dataset.',
      });
    }
  }
  const lastDay = options.date === undefined ? parameters.days : firstDay + 1;
  const dates = Array.from({ length: lastDay - firstDay }, (_, i) => addDays(parameters.startDate, firstDay + i));
  const progress = createProgress(
    dates.reduce((sum, date) => sum + dailyVolume(parameters.ordersPerDay, date) + dailyVolume(parameters.eventsPerDay, date), 0),
    onProgress,
  );

  const rowCounts = Object.fromEntries(FEEDS.map((feed) => [feed, 0])) as Record<FeedName, number>;
  const dirtyCounts = Object.fromEntries(DIRTY_KINDS.map((kind) => [kind, 0])) as Record<DirtyKind, number>;
  const started = performance.now();
  // More workers than days would only idle.
  const workers = Math.min(options.workers ?? defaultWorkers(dates.length, dates.length * parameters.eventsPerDay), dates.length);
  const runner = createDayEventsRunner(workers);
  const eventsClock = createBusyClock();
  let duckdb: { instance: DuckDBInstance; connection: DuckDBConnection } | undefined;
  /** Days whose events are still being written, oldest first. */
  const inFlight: { readonly date: string; readonly feeds: DayFeeds; readonly events: Promise<DayEventsResult>; readonly path: string }[] = [];
  const finishOldest = async (): Promise<void> => {
    const { date, feeds, events: pending, path } = inFlight.shift()!;
    const events = await pending;
    if (parameters.eventsFormat === 'parquet') {
      if (!duckdb) {
        const instance = await DuckDBInstance.create(':memory:');
        duckdb = { instance, connection: await instance.connect() };
      }
      await writeEventsParquet(duckdb.connection, path, join(outDir, feedPath('events', date, 'parquet')));
      await rm(path, { force: true });
    }
    const rows = { ...feeds.rows, events: events.rows };
    for (const feed of FEEDS) rowCounts[feed] += rows[feed];
    const dirty = [...feeds.dirty, ...events.dirty];
    for (const record of dirty) dirtyCounts[record.kind] += 1;
    manifest = addDay(manifest, date, rows, dirty, { ...feeds.lastIds, session: manifest.lastIds.session + events.sessions });
  };
  try {
    let ids: Omit<LastIds, 'session'> = manifest.lastIds;
    // Day N's first session id is day N-1's plus its session count, known once N-1 is planned.
    let nextSessionId: Promise<number> = Promise.resolve(manifest.lastIds.session + 1);
    for (const [offset, date] of dates.entries()) {
      if (inFlight.length >= runner.slots) await finishOldest();
      const feeds = await generateDayFeeds(state, outDir, firstDay + offset, date, ids, (rows) => progress.add('orders', date, rows));
      ids = feeds.lastIds;
      const firstSessionId = nextSessionId;
      let resolveNext!: (id: number) => void;
      nextSessionId = new Promise((resolve) => (resolveNext = resolve));
      const eventsPath = join(outDir, feedPath('events', date, parameters.eventsFormat));
      const csvPath = parameters.eventsFormat === 'csv' ? eventsPath : join(dirname(eventsPath), '.events.csv.tmp');
      await mkdir(dirname(eventsPath), { recursive: true });
      const events = eventsClock.time(() =>
        runner.run(feeds.events, csvPath, {
          planned: async (sessions) => {
            const first = await firstSessionId;
            resolveNext(first + sessions);
            return first;
          },
          rows: (rows) => progress.add('events', date, rows),
        }),
      );
      // Awaited in day order by finishOldest; this only keeps a failure from going unhandled meanwhile.
      events.catch(() => {});
      inFlight.push({ date, feeds, events, path: csvPath });
    }
    while (inFlight.length > 0) await finishOldest();
  } finally {
    await runner.close();
    duckdb?.connection.closeSync();
    duckdb?.instance.closeSync();
  }
  await writeManifest(outDir, manifest);
  const seconds = (performance.now() - started) / 1000;
  return {
    outDir,
    dates,
    rowCounts,
    dirtyCounts,
    seconds,
    eventsPerSecond: eventsClock.seconds > 0 ? rowCounts.events / eventsClock.seconds : 0,
    manifest,
  };
}

function validateParameters(parameters: GenerationParameters): GenerationParameters {
  const parsed = generationParametersSchema.safeParse(parameters);
  if (parsed.success) return parsed.data;
  throw new TsdbtErrors(
    parsed.error.issues.map(
      (issue) =>
        new TsdbtError({
          kind: 'config',
          message: `generate option ${issue.path.join('.')}: ${issue.message}`,
          hint: 'Check the flag or the same key (in snake_case) in generator.yml.',
        }),
    ),
  );
}

/** The day index `date` gets, which must be the day after the dataset's last day. */
function checkNextDate(manifest: GenerationManifest, date: string): number {
  const last = manifest.dates[manifest.dates.length - 1];
  const next = last === undefined ? manifest.parameters.startDate : addDays(last, 1);
  if (!isIsoDate(date) || date !== next) {
    throw new TsdbtError({
      kind: 'config',
      message: `Cannot add ${date}: the dataset ends on ${last ?? '(no days)'}, so the next day is ${next}.`,
      hint: `Pass --date ${next}, or regenerate with more days.`,
    });
  }
  return manifest.dates.length;
}

/** Removes an earlier dataset's feeds so stale days never mix with new ones. */
async function clearDataset(outDir: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
  for (const feed of FEEDS) await rm(join(outDir, feed), { recursive: true, force: true });
  await rm(join(outDir, MANIFEST_FILE), { force: true });
}

interface ProgressTracker {
  add(feed: FeedName, day: string, rows: number): void;
}

function createProgress(rowsTotal: number, onProgress?: (progress: GenerateProgress) => void): ProgressTracker {
  const started = performance.now();
  let rowsWritten = 0;
  return {
    add(feed, day, rows) {
      rowsWritten += rows;
      if (!onProgress) return;
      const elapsed = Math.max((performance.now() - started) / 1000, 1e-6);
      const rowsPerSecond = rowsWritten / elapsed;
      onProgress({
        feed,
        day,
        rowsWritten,
        rowsTotal,
        rowsPerSecond,
        secondsLeft: rowsPerSecond > 0 ? Math.max(0, rowsTotal - rowsWritten) / rowsPerSecond : 0,
      });
    },
  };
}

/**
 * Worker threads for a run that does not say: one per core, at most one per day, and none for
 * small runs, where starting threads costs more than it saves.
 */
function defaultWorkers(days: number, events: number): number {
  return days < 2 || events < PARALLEL_MIN_EVENTS ? 0 : availableParallelism();
}
const PARALLEL_MIN_EVENTS = 500_000;

/**
 * Wall-clock seconds during which at least one timed job was running (the events phase speed).
 * Takes the job as a function: in the main thread, its synchronous start (planning) counts too.
 */
function createBusyClock(): { time<T>(start: () => Promise<T>): Promise<T>; readonly seconds: number } {
  let busy = 0;
  let since = 0;
  let total = 0;
  return {
    time(start) {
      if (busy++ === 0) since = performance.now();
      const work = start();
      const stop = (): void => {
        if (--busy === 0) total += performance.now() - since;
      };
      work.then(stop, stop);
      return work;
    },
    get seconds() {
      return total / 1000;
    },
  };
}
