/**
 * Test support: a small generated dataset in a temp dir and readers for its files.
 * Not part of the public API.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { generateData } from './generate-data.js';
import type { GenerateOptions } from './generate-options.js';
import type { GenerateProgress, GenerateSummary } from './generate-data.js';

/** 3 days × ~200 orders × ~2,000 events, 300 customers, 50 products, a high dirty rate. */
export const SMALL_OPTIONS: GenerateOptions = {
  days: 3,
  ordersPerDay: 200,
  eventsPerDay: 2_000,
  customers: 300,
  products: 50,
  dirtyRate: 0.05,
};

export async function generateSmall(options: GenerateOptions = {}, onProgress?: (progress: GenerateProgress) => void): Promise<GenerateSummary> {
  const dir = await mkdtemp(join(tmpdir(), 'tsdbt-generate-'));
  return generateData({ projectDir: dir, outDir: join(dir, 'raw'), ...SMALL_OPTIONS, ...options }, onProgress);
}

/** Every file under `dir` (relative path → sha256). */
export async function fileHashes(dir: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    hashes[relative(dir, path)] = createHash('sha256').update(await readFile(path)).digest('hex');
  }
  return Object.fromEntries(Object.entries(hashes).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Parsed JSON lines of one feed file. */
export async function readJsonLines(path: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(path, 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Data rows of an events CSV, split into fields (no quoting is ever needed in this feed). */
export async function readEventRows(path: string): Promise<string[][]> {
  const text = await readFile(path, 'utf8');
  return text
    .split('\n')
    .slice(1)
    .filter((line) => line !== '')
    .map((line) => line.split(','));
}
