// Generation speed of the reference project's raw feeds (CSV events, the hot path).
// Run after `npm run build`: node bench/generate/generate.bench.js [--parquet]
// Prints one JSON line, medians of 5 runs: event rows per second (events phase, wall clock),
// all rows per second (every feed, wall clock) and all rows per CPU-second of this process
// (stable when other processes share the cores; the load average is printed alongside).
import { rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { generateData } from '../../dist/generate/generate-data.js';

const outDir = fileURLToPath(new URL('../.out/generate', import.meta.url));
const eventsFormat = process.argv.includes('--parquet') ? 'parquet' : 'csv';
const options = {
  projectDir: outDir,
  outDir,
  days: 3,
  eventsPerDay: 1_000_000,
  ordersPerDay: 5_000,
  customers: 20_000,
  products: 500,
  dirtyRate: 0.002,
  eventsFormat,
};

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const runs = [];
for (let run = 0; run < 5; run++) {
  const cpuBefore = process.cpuUsage();
  const summary = await generateData(options);
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const rows = Object.values(summary.rowCounts).reduce((sum, n) => sum + n, 0);
  runs.push({
    eventsPerSecond: summary.eventsPerSecond,
    rowsPerSecond: rows / summary.seconds,
    rowsPerCpuSecond: rows / cpuSeconds,
    rows,
    events: summary.rowCounts.events,
    seconds: summary.seconds,
  });
}
await rm(outDir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    benchmark: 'generate',
    eventsFormat,
    days: options.days,
    eventsPerDay: options.eventsPerDay,
    events: runs[0].events,
    rows: runs[0].rows,
    eventRowsPerSecond: Math.round(median(runs.map((r) => r.eventsPerSecond))),
    allRowsPerSecond: Math.round(median(runs.map((r) => r.rowsPerSecond))),
    allRowsPerCpuSecond: Math.round(median(runs.map((r) => r.rowsPerCpuSecond))),
    loadAverage: Number(loadavg()[0].toFixed(2)),
    medianSeconds: Number(median(runs.map((r) => r.seconds)).toFixed(3)),
    runs: runs.length,
  }),
);
