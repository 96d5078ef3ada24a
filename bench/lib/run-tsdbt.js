// Runs the compiled CLI in this process and reports its peak memory on stderr as JSON, so a
// benchmark can measure time and memory of one `tsdbt` invocation from outside.
import { main } from '../../dist/cli/main.js';

const code = await main(['node', 'tsdbt', ...process.argv.slice(2)]);
process.stderr.write(`${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS })}\n`);
process.exitCode = code;
