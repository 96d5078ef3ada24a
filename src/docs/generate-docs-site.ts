import { copyFile, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TsdbtError } from '../errors/tsdbt-error.js';
import type { DocsArtifacts } from './build-docs-data.js';
import { buildDocsData } from './build-docs-data.js';
import { docsAssetsDir, elkBundlePath } from './docs-assets-dir.js';
import { isDocsManifest } from './is-docs-manifest.js';

/** Options of {@link generateDocsSite}. */
export interface GenerateDocsSiteOptions extends DocsArtifacts {
  /** Where the site is written; created when missing. */
  readonly outDir: string;
}

/** What {@link generateDocsSite} wrote. */
export interface GeneratedDocsSite {
  /** Absolute or outDir-relative path of the site's `index.html`. */
  readonly indexPath: string;
}

/** Global the index data file assigns; the page script reads it. */
export const DOCS_INDEX_GLOBAL = '__TSDBT_DOCS_INDEX__';
/** Global object the detail shard files add themselves to, keyed by shard number. */
export const DOCS_SHARDS_GLOBAL = '__TSDBT_DOCS_SHARDS__';

/**
 * Writes the static docs site: `index.html`, `assets/` (page scripts, CSS, elkjs) and
 * `data/` (the index and the page-data shards as `.js` files).
 *
 * The site needs no server and no network: open `index.html` from disk or serve the folder
 * with {@link serveDocs}. Data is embedded as scripts assigning globals because browsers
 * block `fetch` of JSON over `file://`.
 *
 * @example
 * const { indexPath } = await generateDocsSite({ manifest, catalog, runResults, outDir: 'target/docs' });
 */
export async function generateDocsSite(options: GenerateDocsSiteOptions): Promise<GeneratedDocsSite> {
  const { outDir } = options;
  if (!isDocsManifest(options.manifest)) {
    throw new TsdbtError({
      kind: 'runtime',
      message: 'Cannot generate docs: the manifest has no `nodes` object of nodes with unique_id, name and resource_type.',
      hint: 'Run `tsdbt compile` (or `tsdbt docs generate`) so target/manifest.json is written first.',
    });
  }
  const data = buildDocsData(options);
  try {
    const assetsOut = join(outDir, 'assets');
    const dataOut = join(outDir, 'data');
    // The data folder is entirely ours: clear it so a smaller project leaves no stale shards.
    await rm(dataOut, { recursive: true, force: true });
    await Promise.all([mkdir(assetsOut, { recursive: true }), mkdir(dataOut, { recursive: true })]);
    await copyAssets(outDir, assetsOut);
    await writeFile(join(dataOut, 'docs-index.js'), `window.${DOCS_INDEX_GLOBAL} = ${toScriptJson(data.index)};\n`);
    await Promise.all(
      data.shards.map((shard, number) =>
        writeFile(
          join(dataOut, `details-${number}.js`),
          `(window.${DOCS_SHARDS_GLOBAL} = window.${DOCS_SHARDS_GLOBAL} || {})[${number}] = ${toScriptJson(shard)};\n`,
        ),
      ),
    );
  } catch (error) {
    throw new TsdbtError({
      kind: 'runtime',
      message: `Cannot write the docs site to ${outDir}: ${error instanceof Error ? error.message : String(error)}`,
      hint: 'Check that the target folder is writable.',
      cause: error,
    });
  }
  return { indexPath: join(outDir, 'index.html') };
}

async function copyAssets(outDir: string, assetsOut: string): Promise<void> {
  const assetsDir = docsAssetsDir();
  const files = await readdir(assetsDir);
  await Promise.all(
    files
      // Type declarations exist for the unit tests' sake only.
      .filter((file) => !file.endsWith('.d.ts'))
      .map((file) => copyFile(join(assetsDir, file), file === 'index.html' ? join(outDir, file) : join(assetsOut, file))),
  );
  await copyFile(elkBundlePath(), join(assetsOut, 'elk.bundled.js'));
}

/**
 * `JSON.parse('...')` rather than an object literal: V8 parses a JSON string about twice as
 * fast as the same data as JavaScript source, which is most of the open time of a
 * 10,000-model site (https://v8.dev/blog/cost-of-javascript-2019#json).
 * `<` is escaped so the text can never close a script element if the file is inlined.
 */
function toScriptJson(value: unknown): string {
  return `JSON.parse(${JSON.stringify(JSON.stringify(value)).replace(/</g, '\\u003c')})`;
}
