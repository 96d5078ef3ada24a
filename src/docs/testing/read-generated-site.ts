import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import type { DocsIndex, DocsShard } from '../docs-data.js';

/**
 * Runs a generated site's data scripts in a sandbox, as the browser would, and returns
 * the globals they assign. For tests: asserts on what the page will really read.
 */
export async function readGeneratedSite(outDir: string): Promise<{ index: DocsIndex; shard(number: number): Promise<DocsShard> }> {
  const window: Record<string, unknown> = {};
  runInNewContext(await readFile(join(outDir, 'data', 'docs-index.js'), 'utf8'), { window });
  const index = window['__TSDBT_DOCS_INDEX__'] as DocsIndex;
  return {
    index,
    async shard(number) {
      runInNewContext(await readFile(join(outDir, 'data', `details-${number}.js`), 'utf8'), { window });
      return (window['__TSDBT_DOCS_SHARDS__'] as Record<number, DocsShard>)[number];
    },
  };
}
