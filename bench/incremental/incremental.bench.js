// bench/incremental: merge a 50k-row daily increment into a fact table of 1M and of 10M rows
// (made with DuckDB `range()`), with an `incremental_predicates` date window, with the table
// clustered by date (written in date order: tight zone maps) and without (rows in hash order).
// One `tsdbt run` (compiled CLI from dist/) builds the plan and merges for real; then the merge
// statement it wrote to target/run/ is timed 3 times inside a rolled-back transaction, so every
// run starts from the same table. Prints one JSON line per (size, clustering) and one per ratio.
// Goal: the 10M merge at most 2x the 1M merge. Needs `npx tsc -p tsconfig.build.json` first.
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../dist/cli/main.js';
import { median } from '../lib/measure.js';

const sizes = (process.env.BENCH_SIZES ?? '1000000,10000000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const increment = 50_000;
const days = 730;

/** Day offset of the oldest updated row: the predicate window covers exactly the rows the increment touches. */
const windowStart = (rows) => Math.floor(((rows - increment / 2) * days) / rows);

function writeProject(clustered, rows) {
  const dir = mkdtempSync(join(tmpdir(), 'tsdbt-bench-incremental-'));
  const files = {
    'project.yml': 'name: bench\nprofile: bench\n',
    'profiles.yml': 'bench:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: target/bench.duckdb\n      schema: main\n      threads: 1\n',
    'models/fact.sql': [
      `{{ config(materialized='incremental', unique_key='id', incremental_predicates=["DBT_INTERNAL_DEST.event_date >= date '2020-01-01' + ${windowStart(rows)}"]${clustered ? ", cluster_by=['event_date']" : ''}) }}`,
      'select id, event_date, customer_id, amount from main.increment',
    ].join('\n'),
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** The fact table (`rows` rows over `days` days) and an increment: half updates of the last day, half new rows. */
async function prepare(dbPath, rows, clustered) {
  mkdirSync(join(dbPath, '..'), { recursive: true });
  const instance = await DuckDBInstance.create(dbPath);
  const connection = await instance.connect();
  await connection.run(`create table main.fact as
    select i as id, (date '2020-01-01' + cast(i * ${days} // ${rows} as integer)) as event_date, i % 10000 as customer_id, (i % 997) * 1.5 as amount
    from range(${rows}) as t(i)
    order by ${clustered ? 'event_date, id' : 'hash(i)'}`);
  await connection.run(`create table main.increment as
    select id, event_date, customer_id, amount + 1 as amount from main.fact where id >= ${rows - increment / 2}
    union all
    select ${rows} + i as id, date '2020-01-01' + ${days - 1} as event_date, i % 10000 as customer_id, 1.0 as amount from range(${increment / 2}) as t(i)`);
  connection.closeSync();
  instance.closeSync();
}

async function runTsdbt(dir) {
  let output = '';
  const code = await main(['node', 'tsdbt', 'run', '-s', 'fact'], {
    stdout: (text) => { output += text; }, stderr: (text) => { output += text; }, env: { ...process.env }, cwd: dir, isTTY: false,
  });
  if (code !== 0) throw new Error(`tsdbt run failed:\n${output}`);
  const result = JSON.parse(readFileSync(join(dir, 'target', 'run_results.json'), 'utf8')).results[0];
  return { nodeSeconds: result.execution_time, message: result.adapter_response?._message ?? result.message };
}

/** Time the merge tsdbt wrote, `runs` times, each inside a transaction that is rolled back. */
async function timeMerge(dir, dbPath) {
  const statements = readFileSync(join(dir, 'target', 'run', 'bench', 'models', 'fact.sql'), 'utf8')
    .split(/;\s*\n\n/).map((sql) => sql.trim().replace(/;$/, '')).filter((sql) => sql && sql !== 'begin' && sql !== 'commit');
  const instance = await DuckDBInstance.create(dbPath);
  const connection = await instance.connect();
  const seconds = [];
  for (let i = 0; i < runs; i++) {
    await connection.run('begin transaction');
    for (const sql of statements) {
      const started = process.hrtime.bigint();
      await connection.run(sql);
      if (sql.startsWith('merge into')) seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
    }
    await connection.run('rollback');
  }
  const count = await connection.runAndReadAll('select count(*) as n from main.fact');
  connection.closeSync();
  instance.closeSync();
  return { seconds, rowsAfter: Number(count.getRowObjectsJS()[0].n) };
}

const medians = new Map();
for (const clustered of [true, false]) {
  for (const rows of sizes) {
    const dir = writeProject(clustered, rows);
    const dbPath = join(dir, 'target', 'bench.duckdb');
    try {
      await prepare(dbPath, rows, clustered);
      const tsdbt = await runTsdbt(dir);
      const merge = await timeMerge(dir, dbPath);
      if (merge.rowsAfter !== rows + increment / 2) throw new Error(`expected ${rows + increment / 2} rows after the merge, found ${merge.rowsAfter}`);
      const medianSeconds = median(merge.seconds);
      medians.set(`${clustered}:${rows}`, medianSeconds);
      console.log(JSON.stringify({ bench: 'incremental-merge', rows, increment, clustered, medianMergeSeconds: Number(medianSeconds.toFixed(4)), mergeSeconds: merge.seconds.map((s) => Number(s.toFixed(4))), tsdbtNodeSeconds: tsdbt.nodeSeconds, message: tsdbt.message }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (sizes.length === 2) {
    const ratio = medians.get(`${clustered}:${sizes[1]}`) / medians.get(`${clustered}:${sizes[0]}`);
    console.log(JSON.stringify({ bench: 'incremental-merge-ratio', clustered, sizes, ratio: Number(ratio.toFixed(2)), goal: 2, ok: ratio <= 2 }));
  }
}
