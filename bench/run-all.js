// `npm run bench`: every benchmark in turn, each printing JSON lines. Needs `npm run build` first
// (done by `npm ci` through `prepare`). Pick some with `node bench/run-all.js compile run`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const all = {
  compile: 'compile/compile.bench.js',
  run: 'run/run.bench.js',
  generate: 'generate/generate.bench.js',
  incremental: 'incremental/incremental.bench.js',
  pipeline: 'pipeline/pipeline.bench.js',
  docs: 'docs/docs.bench.js',
};
const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(all);
let failed = false;
for (const name of wanted) {
  const script = fileURLToPath(new URL(all[name] ?? name, import.meta.url));
  if (!existsSync(script)) {
    console.error(`bench ${name}: ${script} not found`);
    failed = true;
    continue;
  }
  console.error(`== bench ${name}`);
  const result = spawnSync(process.execPath, [script], { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
