#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run build` (run by `npm ci` through `prepare`).
// More thread-pool threads let `tsdbt compile` keep many small file writes in flight; it must be
// set before the pool starts, hence the dynamic import below.
process.env.UV_THREADPOOL_SIZE ??= '16';
const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv);
