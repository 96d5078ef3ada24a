// bench/compile: `tsdbt compile` of a synthetic project of N models (each refs 1-3 earlier
// ones and calls a macro). Prints one JSON line per size: median seconds of 3 runs, peak RSS.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeSyntheticProject } from '../lib/synthetic-project.js';
import { median, timeNode } from '../lib/measure.js';

const runner = fileURLToPath(new URL('../lib/run-tsdbt.js', import.meta.url));
const sizes = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 4);

for (const size of sizes) {
  const dir = writeSyntheticProject(size);
  const times = [];
  const memory = [];
  for (let i = 0; i < runs; i++) {
    const result = timeNode(['--max-old-space-size=4096', runner, 'compile', '--project-dir', dir]);
    if (result.status !== 0) throw new Error(`tsdbt compile failed:\n${result.output.slice(0, 2000)}`);
    times.push(result.seconds);
    memory.push(result.maxRssMb);
  }
  // The first run writes every compiled file; later runs rewrite only files whose SQL changed.
  console.log(JSON.stringify({
    bench: 'compile',
    models: size,
    coldSeconds: +times[0].toFixed(3),
    warmMedianSeconds: +median(times.slice(1)).toFixed(3),
    runs: times.map((t) => +t.toFixed(3)),
    peakRssMb: Math.round(Math.max(...memory)),
  }));
  rmSync(dir, { recursive: true, force: true });
}
