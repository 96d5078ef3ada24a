/**
 * `docs generate|serve`, `source freshness` and `generate` (the reference project's data).
 */
import type { Command } from 'commander';
import { join, resolve } from 'node:path';
import type { CliIo } from '../cli-io.js';
import { addProjectOptions, addSelectionOptions, createSink, invocationOptionsOf, selectionOf, type CommonFlags } from '../common-options.js';
import { TsdbtError } from '../../errors/tsdbt-error.js';

type ExitCode = (code: number) => void;

function positiveInteger(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value.replaceAll('_', ''));
  if (!Number.isInteger(number) || number < 0) throw new TsdbtError({ kind: 'config', message: `${flag} must be a whole number, got '${value}'` });
  return number;
}

export function registerServiceCommands(program: Command, io: CliIo, setExit: ExitCode): void {
  const docs = program.command('docs').description('the lineage docs site');
  const generate = addSelectionOptions(addProjectOptions(docs.command('generate').description('write target/manifest.json, catalog.json and the static site in target/docs')));
  generate.action(async (flags: CommonFlags) => {
    const { docsGenerateTask } = await import('../../tasks/docs-task.js');
    const result = await docsGenerateTask({ ...invocationOptionsOf(flags, io), ...selectionOf(flags, io) });
    for (const error of result.catalogErrors) io.stderr(`Catalog: ${error}\n`);
    io.stdout(`Catalog written with ${result.catalogEntries} relations.\nDocs site written to ${result.indexPath}\n`);
  });
  const serve = addProjectOptions(docs.command('serve').description('serve target/docs on localhost'));
  serve.option('--port <port>', 'port to listen on', '8080');
  serve.option('--host <host>', 'address to listen on', '127.0.0.1');
  serve.action(async (flags: CommonFlags & { port: string; host: string }) => {
    const { loadRawProject } = await import('../../tasks/prepare-invocation.js');
    const { serveDocs } = await import('../../docs/serve-docs.js');
    const raw = await loadRawProject(invocationOptionsOf(flags, io));
    const dir = join(resolve(raw.root, raw.config.targetPath), 'docs');
    const server = await serveDocs({ dir, port: positiveInteger(flags.port, '--port') ?? 8080, host: flags.host });
    io.stdout(`Serving docs at ${server.url} (Ctrl-C to stop)\n`);
    await new Promise<void>((done) => {
      if (io.signal) io.signal.addEventListener('abort', () => done(), { once: true });
    });
    await server.close();
  });

  const source = program.command('source').description('commands on sources');
  const freshness = addSelectionOptions(addProjectOptions(source.command('freshness').description('check how recently each source was loaded; write target/sources.json')));
  freshness.option('-o, --output <path>', 'where to write the sources artifact (default: target/sources.json)');
  freshness.action(async (flags: CommonFlags & { output?: string }) => {
    const { sourceFreshnessTask } = await import('../../tasks/source-freshness-task.js');
    const { select, exclude } = selectionOf(flags, io);
    const result = await sourceFreshnessTask({ ...invocationOptionsOf(flags, io), select, exclude, output: flags.output, sink: await createSink(flags, io) });
    setExit(result.exitCode);
  });

  const gen = addProjectOptions(program.command('generate').description("generate the reference project's raw data (and load it into the target's raw schema)"));
  gen
    .option('--seed <n>', 'random seed (same seed, same data)')
    .option('--days <n>', 'number of days')
    .option('--start-date <date>', 'first day, YYYY-MM-DD')
    .option('--orders-per-day <n>', 'orders per day (default 5,000)')
    .option('--events-per-day <n>', 'clickstream events per day (default 50,000)')
    .option('--customers <n>', 'customers on day one')
    .option('--products <n>', 'products in the catalog')
    .option('--dirty-rate <rate>', 'share of dirty records (0 to disable)')
    .option('--no-dirty', 'generate clean data only')
    .option('--events-format <format>', 'csv or parquet')
    .option('--date <date>', 'append one more day (YYYY-MM-DD) to the existing data')
    .option('--out-dir <dir>', 'where to write the feeds')
    .option('--no-load', "only write files; do not load them into the target's raw schema");
  gen.action(async (flags: CommonFlags & Record<string, string | boolean | undefined>) => {
    const { generateTask } = await import('../../tasks/generate-task.js');
    const { createProgressLine } = await import('../../reporter/create-progress-line.js');
    const progress = createProgressLine({ isTTY: io.isTTY && !io.env.CI, write: io.stdout });
    const dirtyRate = flags.dirty === false ? 0 : flags.dirtyRate === undefined ? undefined : Number(flags.dirtyRate);
    if (dirtyRate !== undefined && !(dirtyRate >= 0 && dirtyRate <= 1)) throw new TsdbtError({ kind: 'config', message: `--dirty-rate must be between 0 and 1, got '${String(flags.dirtyRate)}'` });
    const result = await generateTask({
      ...invocationOptionsOf(flags, io),
      load: flags.load !== false,
      generate: {
        seed: positiveInteger(flags.seed as string | undefined, '--seed'),
        days: positiveInteger(flags.days as string | undefined, '--days'),
        startDate: flags.startDate as string | undefined,
        ordersPerDay: positiveInteger(flags.ordersPerDay as string | undefined, '--orders-per-day'),
        eventsPerDay: positiveInteger(flags.eventsPerDay as string | undefined, '--events-per-day'),
        customers: positiveInteger(flags.customers as string | undefined, '--customers'),
        products: positiveInteger(flags.products as string | undefined, '--products'),
        dirtyRate,
        eventsFormat: flags.eventsFormat as 'csv' | 'parquet' | undefined,
        date: flags.date as string | undefined,
        outDir: flags.outDir === undefined ? undefined : resolve(io.cwd, flags.outDir as string),
      },
      onProgress: (p) => progress.update({ label: p.feed, done: p.rowsWritten, total: p.rowsTotal }),
    });
    const { summary } = result;
    progress.finish('generated', `${summary.dates.length} day(s), ${Object.entries(summary.rowCounts).map(([feed, rows]) => `${feed}=${rows}`).join(' ')} in ${summary.seconds.toFixed(2)}s`);
    io.stdout(`Raw feeds written to ${summary.outDir}\n`);
    if (result.loaded) io.stdout(`Loaded into ${result.databasePath}: ${Object.entries(result.loaded).map(([table, rows]) => `raw.${table}=${rows}`).join(' ')}\n`);
  });
}
