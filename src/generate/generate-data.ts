/**
 * `generateData`: the reference shop's raw feeds, day by day, deterministic from a seed.
 * See README.md for every file and column.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { mkdir, open, rm, writeFile } from 'node:fs/promises';
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
import { customerJsonLine } from './customers.js';
import { productJsonLine } from './products.js';
import { generateDayOrders, renderDayOrders } from './orders.js';
import { renderDayPayments } from './payments.js';
import { writeDayEvents } from './events.js';
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
  let eventsSeconds = 0;
  let duckdb: { instance: DuckDBInstance; connection: DuckDBConnection } | undefined;
  try {
    for (const [offset, date] of dates.entries()) {
      const dayIndex = firstDay + offset;
      if (parameters.eventsFormat === 'parquet' && !duckdb) {
        const instance = await DuckDBInstance.create(':memory:');
        duckdb = { instance, connection: await instance.connect() };
      }
      const result = await generateDay(state, outDir, dayIndex, date, manifest.lastIds, progress, duckdb?.connection);
      eventsSeconds += result.eventsSeconds;
      for (const feed of FEEDS) rowCounts[feed] += result.rows[feed];
      for (const record of result.dirty) dirtyCounts[record.kind] += 1;
      manifest = addDay(manifest, date, result.rows, result.dirty, result.lastIds);
    }
  } finally {
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
    eventsPerSecond: eventsSeconds > 0 ? rowCounts.events / eventsSeconds : 0,
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

interface DayResult {
  readonly rows: Record<FeedName, number>;
  readonly dirty: GenerationManifest['dirty']['records'];
  readonly lastIds: LastIds;
  readonly eventsSeconds: number;
}

async function writeFeed(outDir: string, relativePath: string, text: string): Promise<void> {
  const path = join(outDir, relativePath);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}

/** Advances the state to `date` and writes its six feeds. */
async function generateDay(
  state: DatasetState,
  outDir: string,
  dayIndex: number,
  date: string,
  lastIds: LastIds,
  progress: ProgressTracker,
  duckdb: DuckDBConnection | undefined,
): Promise<DayResult> {
  const { parameters, customers, catalog } = state;
  const { seed } = parameters;
  const customersBefore = customers.customers.length;
  const changes = advanceDataset(state, dayIndex, date);

  const customerLines = changes.customerIds.map((id) => customerJsonLine(customers, customers.customers[id - 1]!));
  await writeFeed(outDir, feedPath('customers', date), customerLines.join(''));
  const productLines = changes.productIds.map((id) => productJsonLine(catalog, catalog.products[id - 1]!));
  await writeFeed(outDir, feedPath('products', date), productLines.join(''));

  const orderCount = dailyVolume(parameters.ordersPerDay, date);
  const orders = generateDayOrders(
    { seed, dayIndex, date, count: orderCount },
    customers,
    changes.ordering,
    catalog,
    changes.popularity,
    { firstOrderId: lastIds.order + 1, firstLineId: lastIds.orderLine + 1 },
  );
  const rendered = renderDayOrders(orders, customers.pools.countries, seed, dayIndex, parameters.dirtyRate);
  await writeFeed(outDir, feedPath('orders', date), rendered.ordersText);
  progress.add('orders', date, orderCount);
  await writeFeed(outDir, feedPath('order_lines', date), rendered.linesText);
  const payments = renderDayPayments(orders, seed, dayIndex, lastIds.payment + 1);
  await writeFeed(outDir, feedPath('payments', date), payments.text);

  const eventsStarted = performance.now();
  const eventsPath = join(outDir, feedPath('events', date, parameters.eventsFormat));
  const csvPath = parameters.eventsFormat === 'csv' ? eventsPath : join(dirname(eventsPath), '.events.csv.tmp');
  await mkdir(dirname(eventsPath), { recursive: true });
  const file = await open(csvPath, 'w');
  let events;
  try {
    events = await writeDayEvents(
      {
        seed,
        dayIndex,
        date,
        count: dailyVolume(parameters.eventsPerDay, date),
        dirtyRate: parameters.dirtyRate,
        firstEventId: lastIds.event + 1,
        firstSessionId: lastIds.session + 1,
        knownCustomers: customersBefore,
      },
      { customers, catalog, visitors: state.visitors, popularity: changes.popularity },
      orders,
      async (bytes, rows) => {
        await file.write(bytes);
        progress.add('events', date, rows);
      },
    );
  } finally {
    await file.close();
  }
  if (parameters.eventsFormat === 'parquet') {
    await writeEventsParquet(duckdb!, csvPath, eventsPath);
    await rm(csvPath, { force: true });
  }
  const eventsSeconds = (performance.now() - eventsStarted) / 1000;

  return {
    rows: {
      customers: customerLines.length,
      products: productLines.length,
      orders: rendered.ordersRows,
      order_lines: rendered.linesRows,
      payments: payments.rows,
      events: events.rows,
    },
    dirty: [...rendered.dirty, ...events.dirty],
    lastIds: {
      customer: customers.customers.length,
      product: catalog.products.length,
      order: lastIds.order + orderCount,
      orderLine: lastIds.orderLine + orders.lineCount,
      payment: payments.lastPaymentId,
      event: lastIds.event + events.rows,
      session: lastIds.session + events.sessions,
    },
    eventsSeconds,
  };
}
