// bench/run: `tsdbt run --threads 4` of the 1,000-model synthetic project (tables) beside the
// floor: the same statements executed in one loop straight through @duckdb/node-api, measured
// in the same run. Prints one JSON line: medians of 3 runs and the ratio.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSyntheticProject } from '../lib/synthetic-project.js';
import { median, timeNode } from '../lib/measure.js';

const runner = fileURLToPath(new URL('../lib/run-tsdbt.js', import.meta.url));
const floorScript = fileURLToPath(new URL('./execute-statements.js', import.meta.url));
const models = Number(process.env.BENCH_MODELS ?? 1000);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const dir = writeSyntheticProject(models, { materialized: 'table' });
const dbPath = join(dir, 'target', 'bench.duckdb');

const tsdbt = [];
const floor = [];
for (let i = 0; i < runs; i++) {
  rmSync(dbPath, { force: true });
  const run = timeNode([runner, 'run', '--threads', '4', '--project-dir', dir]);
  if (run.status !== 0) throw new Error(`tsdbt run failed:\n${run.output.slice(-3000)}`);
  tsdbt.push(run.seconds);
  // Same file name as tsdbt's (the catalog name DuckDB derives from it is in the SQL).
  const base = timeNode([floorScript, dir, join(dir, 'target', 'floor', 'bench.duckdb')]);
  if (base.status !== 0) throw new Error(`floor failed:\n${base.output.slice(-3000)}`);
  floor.push(base.seconds);
}
const medianTsdbt = median(tsdbt);
const medianFloor = median(floor);
console.log(JSON.stringify({
  bench: 'run',
  models,
  tsdbtMedianSeconds: +medianTsdbt.toFixed(3),
  floorMedianSeconds: +medianFloor.toFixed(3),
  ratio: +(medianTsdbt / medianFloor).toFixed(2),
  tsdbtRuns: tsdbt.map((t) => +t.toFixed(3)),
  floorRuns: floor.map((t) => +t.toFixed(3)),
}));
rmSync(dir, { recursive: true, force: true });
