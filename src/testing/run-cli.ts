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

/** Options of {@link runCli}. */
export interface RunCliOptions {
  readonly cwd: string;
  readonly env?: Record<string, string | undefined>;
  /** Stands in for Ctrl-C: long-running commands (`docs serve`) stop when it aborts. */
  readonly signal?: AbortSignal;
  /** Sees stdout as it is written, e.g. to read the URL `docs serve` prints before it returns. */
  readonly onStdout?: (text: string) => void;
}

export async function runCli(args: readonly string[], options: RunCliOptions): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'tsdbt', ...args], {
    stdout: (text) => {
      stdout += text;
      options.onStdout?.(text);
    },
    stderr: (text) => {
      stderr += text;
    },
    env: { ...options.env },
    cwd: options.cwd,
    isTTY: false,
    signal: options.signal,
  });
  return { code, stdout, stderr, output: stdout + stderr };
}
