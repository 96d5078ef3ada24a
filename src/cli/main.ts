/**
 * The `tsdbt` command line: flags → a call into the library → an exit code. Heavy modules
 * (DuckDB, snowflake-sdk, Nunjucks) load only inside the command that needs them, so
 * `tsdbt --help` answers at once.
 */
import { Command, CommanderError } from 'commander';
import { processIo, type CliIo } from './cli-io.js';
import { cancelOnSignals } from './cancel-on-signals.js';
import { registerRunCommands } from './commands/run-commands.js';
import { registerProjectCommands } from './commands/project-commands.js';
import { registerServiceCommands } from './commands/service-commands.js';
import { TSDBT_VERSION } from '../tasks/version.js';

/** Exit codes as dbt: 0 success, 1 a node failed, 2 the invocation itself is broken. */
export async function main(argv: readonly string[], injectedIo?: CliIo): Promise<number> {
  // Run from a terminal (no injected io): Ctrl-C / SIGTERM cancel the command (see cancel-on-signals.ts).
  const cancellation = injectedIo ? undefined : cancelOnSignals();
  try {
    return await runMain(argv, injectedIo ?? processIo(cancellation?.signal));
  } finally {
    cancellation?.dispose();
  }
}

async function runMain(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const setExit = (code: number) => {
    exitCode = Math.max(exitCode, code);
  };
  const program = new Command('tsdbt')
    .description('SQL transformations with dbt concepts, in TypeScript, on DuckDB or Snowflake')
    .version(TSDBT_VERSION, '-v, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run tsdbt <command> --help for its options)');
  registerRunCommands(program, io, setExit);
  registerProjectCommands(program, io, setExit);
  registerServiceCommands(program, io, setExit);
  try {
    await program.parseAsync(argv as string[]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit through here with code 0.
      return error.exitCode === 0 ? 0 : 2;
    }
    const debug = argv.includes('--debug');
    const color = io.isTTY && !argv.includes('--no-color') && !io.env.NO_COLOR;
    const { formatError } = await import('../reporter/format-error.js');
    const { TsdbtError, TsdbtErrors, exitCodeFor } = await import('../errors/tsdbt-error.js');
    io.stderr(`${formatError(error, { debug, color })}\n`);
    if (error instanceof TsdbtError) return exitCodeFor(error);
    if (error instanceof TsdbtErrors) return 2;
    return 2;
  }
}
