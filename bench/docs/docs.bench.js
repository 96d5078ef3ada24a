// Time-to-searchable of the docs site for a synthetic 10,000-model project.
//
//   npx tsc -p tsconfig.build.json && node bench/docs/docs.bench.js [modelCount]
//
// Generates the site with the compiled library (dist/), serves it, opens it in Debian's
// Chromium three times and prints one JSON line: the median milliseconds from navigation
// start until a search for one model shows it in the results, plus the generate time.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { syntheticManifest } from '../../dist/docs/fixtures/synthetic-manifest.js';
import { generateDocsSite } from '../../dist/docs/generate-docs-site.js';
import { serveDocs } from '../../dist/docs/serve-docs.js';

const CHROMIUM = '/usr/bin/chromium';
const RUNS = 3;
const modelCount = Number(process.argv[2] ?? 10_000);

if (!existsSync(CHROMIUM)) {
  console.error(`Needs Debian's Chromium at ${CHROMIUM}: apt-get update && apt-get install -y chromium`);
  process.exit(2);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const outDir = await mkdtemp(join(tmpdir(), 'tsdbt-docs-bench-'));
const generateStarted = performance.now();
await generateDocsSite({ manifest: syntheticManifest(modelCount), outDir });
const generateMs = Math.round(performance.now() - generateStarted);

const server = await serveDocs({ dir: outDir, port: 0 });
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const target = `model_${String(modelCount - 124).padStart(5, '0')}`;
const runs = [];
try {
  for (let run = 0; run < RUNS; run++) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${server.url}index.html`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.fill('#search', target);
    await page.waitForSelector(`#search-results li[data-id="model.big.${target}"]`);
    runs.push(Math.round(await page.evaluate(() => performance.now())));
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
  await rm(outDir, { recursive: true, force: true });
}

console.log(JSON.stringify({ bench: 'docs.time_to_searchable', models: modelCount, median_ms: median(runs), runs_ms: runs, generate_ms: generateMs }));
