import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding the site's static files (`index.html`, CSS, browser scripts).
 *
 * The assets are plain files kept in `src/docs/assets/` and never compiled, so they are
 * located from the package root: `../../src/docs/assets/` relative to this module is the
 * same folder whether this code runs from `src/docs/*.ts` (vitest) or from the compiled
 * `dist/docs/*.js`. The published package therefore ships `src/docs/assets/`.
 */
export function docsAssetsDir(): string {
  return fileURLToPath(new URL('../../src/docs/assets/', import.meta.url));
}

/**
 * elkjs's single-file browser build. It runs in the page without a Web Worker (its
 * fallback "fake worker"), which is what makes the site work from `file://`.
 */
export function elkBundlePath(): string {
  return createRequire(import.meta.url).resolve('elkjs/lib/elk.bundled.js');
}
