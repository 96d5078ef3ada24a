// The shop reference warehouse at scale: generate the raw feeds, build the models, run the
// data tests, each timed as one `tsdbt` process on a temp copy of the project. Prints one JSON
// line per step. Defaults: 1M orders and 10M events over 30 days; `--combined` builds models and
// tests in one `tsdbt build`; smaller runs:
//   node bench/pipeline/pipeline.bench.js --orders 100000 --events 1000000 --days 10
// Needs `npm run build` first. The data ends two days ago (fact_events is a daily microbatch model).
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { machine, median, timeNode } from '../lib/measure.js';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '1000000' },
    events: { type: 'string', default: '10000000' },
    days: { type: 'string', default: '30' },
    customers: { type: 'string', default: '100000' },
    products: { type: 'string', default: '2000' },
    threads: { type: 'string', default: '4' },
    keep: { type: 'boolean', default: false },
    // One `tsdbt build` with the data tests, as a user runs it (tests start as their models finish).
    combined: { type: 'boolean', default: false },
  },
});
const days = Number(values.days);
const orders = Number(values.orders);
const events = Number(values.events);
const repo = fileURLToPath(new URL('../..', import.meta.url));
const cli = fileURLToPath(new URL('../lib/run-tsdbt.js', import.meta.url));

const dir = mkdtempSync(join(tmpdir(), 'tsdbt-bench-pipeline-'));
for (const entry of ['project.yml', 'models', 'snapshots', 'tests', 'macros', 'analyses', 'seeds', 'project']) {
  cpSync(join(repo, entry), join(dir, entry), { recursive: true, filter: (path) => !/[\\/](data|target)$/.test(path) });
}
const start = new Date(Date.now() - (days + 2) * 864e5).toISOString().slice(0, 10);
const vars = ['--vars', `{events_begin: '${start}'}`, '--threads', values.threads];
const common = { bench: 'pipeline', orders, events, days, ...machine() };

const steps = [
  ['generate', ['generate', '--start-date', start, '--days', String(days),
    '--orders-per-day', String(Math.ceil(orders / days)), '--events-per-day', String(Math.ceil(events / days)),
    '--customers', values.customers, '--products', values.products]],
  ...(values.combined
    ? [['build+test', ['build', ...vars]]]
    // Everything but the data tests, then the tests on their own, so the two costs are separate.
    : [['build', ['build', '--exclude', 'resource_type:test', ...vars]], ['test', ['test', ...vars]]]),
];
/** The slowest nodes of the step just run, from its run_results.json (generate writes none). */
function slowestNodes(step) {
  const path = join(dir, 'target', 'run_results.json');
  if (step === 'generate' || !existsSync(path)) return undefined;
  // Kept per step for a closer look (`--keep`): each step's command overwrites run_results.json.
  if (values.keep) copyFileSync(path, join(dir, 'target', `run_results.${step}.json`));
  const { results } = JSON.parse(readFileSync(path, 'utf8'));
  return results
    .sort((a, b) => b.execution_time - a.execution_time)
    .slice(0, 6)
    .map((result) => [result.unique_id.split('.').at(-1), Number(result.execution_time.toFixed(2))]);
}

/**
 * The floor under the build, measured in the same run on the same file: DuckDB copying the raw
 * clickstream (10M rows, 14 columns) into a new table, the cost of any one full-width table at
 * this volume. The warehouse writes two (base_events, fact_events) plus the narrower ones.
 */
async function writeFloor() {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(join(dir, 'target', 'shop.duckdb'));
  const connection = await instance.connect();
  const seconds = [];
  for (let run = 0; run < 3; run++) {
    const started = process.hrtime.bigint();
    await connection.run('create or replace table raw.floor_copy as select * from raw.events');
    seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  await connection.run('drop table raw.floor_copy');
  connection.closeSync();
  instance.closeSync();
  return { copyRawEventsSeconds: Number(median(seconds).toFixed(2)), runs: seconds.map((value) => Number(value.toFixed(2))) };
}

let failed = false;
for (const [step, args] of steps) {
  const result = timeNode([cli, ...args], { cwd: dir });
  const line = { ...common, step, seconds: Number(result.seconds.toFixed(2)), maxRssMb: result.maxRssMb && Math.round(result.maxRssMb), status: result.status, slowest: slowestNodes(step) };
  console.log(JSON.stringify(line));
  if (result.status !== 0) {
    console.error(result.output.slice(-4000));
    failed = true;
    break;
  }
}
if (!failed) console.log(JSON.stringify({ ...common, step: 'floor', ...(await writeFloor()) }));
if (!values.keep) rmSync(dir, { recursive: true, force: true });
else console.error(`project kept in ${dir}`);
process.exitCode = failed ? 1 : 0;
