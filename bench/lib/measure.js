// Timing helpers shared by the benchmarks: run a command several times, report the median.
import { spawnSync } from 'node:child_process';

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs `node <script> <args>` and returns { seconds, maxRssMb, status, output }. */
export function timeNode(args, options = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28, ...options });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rss = /"maxRssKb":(\d+)/.exec(result.stderr ?? '');
  return { seconds, maxRssMb: rss ? Number(rss[1]) / 1024 : undefined, status: result.status, output: `${result.stdout}${result.stderr}` };
}

export function machine() {
  return { node: process.version, cpus: (globalThis.navigator?.hardwareConcurrency) ?? undefined };
}
