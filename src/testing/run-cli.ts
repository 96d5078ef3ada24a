/**
 * Run the real `tsdbt` command line in-process and capture what it prints and its exit code.
 */
import { main } from '../cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout + stderr, for assertions that do not care which stream. */
  readonly output: string;
}

export async function runCli(args: readonly string[], options: { readonly cwd: string; readonly env?: Record<string, string | undefined> }): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'tsdbt', ...args], {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env: { ...options.env },
    cwd: options.cwd,
    isTTY: false,
  });
  return { code, stdout, stderr, output: stdout + stderr };
}
