/**
 * Starts a worker thread on a module of this folder, compiled or not. Built code (`dist/`) runs
 * the `.js` file directly. Tests run the TypeScript sources, which Node 20 cannot load by itself
 * (no type stripping before Node 22), so the worker first registers module hooks that transpile
 * `.ts` files with the `typescript` package and map `./x.js` imports to `./x.ts`.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Module hooks for a worker started from sources (see the file comment). */
const SOURCE_HOOKS = `
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
let ts;
export async function initialize(data) { ts = (await import(data.typescript)).default; }
export async function resolve(specifier, context, next) {
  if (context.parentURL?.endsWith('.ts') && /^\\.\\.?\\/.*\\.js$/.test(specifier)) {
    const url = new URL(specifier.slice(0, -3) + '.ts', context.parentURL);
    if (existsSync(fileURLToPath(url))) return { url: url.href, format: 'module', shortCircuit: true };
  }
  return next(specifier, context);
}
export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const source = await readFile(new URL(url), 'utf8');
  const options = { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: false };
  return { format: 'module', source: ts.transpileModule(source, { compilerOptions: options }).outputText, shortCircuit: true };
}`;

const SOURCE_BOOTSTRAP = `
const { register } = require('node:module');
const { workerData } = require('node:worker_threads');
register(workerData.hooks, { data: { typescript: workerData.typescript } });
import(workerData.entry).catch((error) => { setImmediate(() => { throw error; }); });`;

/** A worker running `entry` (a URL made with `new URL('./x.js', import.meta.url)`). */
export function startWorker(entry: URL): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(entry);
  const source = new URL(entry.href.replace(/\.js$/, '.ts'));
  const typescript = pathToFileURL(createRequire(import.meta.url).resolve('typescript')).href;
  return new Worker(SOURCE_BOOTSTRAP, {
    eval: true,
    workerData: { entry: source.href, typescript, hooks: `data:text/javascript,${encodeURIComponent(SOURCE_HOOKS)}` },
  });
}
