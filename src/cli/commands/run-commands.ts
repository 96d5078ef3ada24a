/**
 * `run`, `build`, `test`, `seed`, `snapshot` and `retry`: one library call each.
 */
import type { Command } from 'commander';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { CliIo } from '../cli-io.js';
import { addProjectOptions, addRunOptions, addSelectionOptions, createSink, invocationOptionsOf, selectionOf, type CommonFlags } from '../common-options.js';
import { TsdbtError } from '../../errors/tsdbt-error.js';

type ExitCode = (code: number) => void;

const DESCRIPTIONS = {
  run: 'build the selected models',
  build: 'seed, run, snapshot and test the selected nodes in one DAG walk',
  test: 'run data tests and unit tests',
  seed: 'load seed CSVs into tables',
  snapshot: 'record SCD type 2 history of the selected snapshots',
} as const;

function parseDate(value: string | undefined, flag: string): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) throw new TsdbtError({ kind: 'config', message: `${flag} must be a date like 2026-01-01, got '${value}'` });
  return date;
}

export function registerRunCommands(program: Command, io: CliIo, setExit: ExitCode): void {
  for (const command of Object.keys(DESCRIPTIONS) as (keyof typeof DESCRIPTIONS)[]) {
    const sub = program.command(command).description(DESCRIPTIONS[command]);
    addRunOptions(addSelectionOptions(addProjectOptions(sub)));
    sub.action(async (flags: CommonFlags) => {
      const { runTask } = await import('../../tasks/run-task.js');
      const invocationId = randomUUID();
      const result = await runTask({
        ...invocationOptionsOf(flags, io),
        invocationId,
        ...selectionOf(flags, io),
        command,
        fullRefresh: flags.fullRefresh,
        failFast: flags.failFast,
        // Relative to where tsdbt was invoked, like every other path flag.
        junitXml: flags.junitXml === undefined ? undefined : resolve(io.cwd, flags.junitXml),
        eventTimeStart: parseDate(flags.eventTimeStart, '--event-time-start'),
        eventTimeEnd: parseDate(flags.eventTimeEnd, '--event-time-end'),
        sink: await createSink(flags, io, invocationId),
        signal: io.signal,
      });
      setExit(result.exitCode);
    });
  }
  const retry = program.command('retry').description('re-run the nodes that failed or were skipped in the last run');
  addRunOptions(addProjectOptions(retry));
  retry.action(async (flags: CommonFlags) => {
    const { retryTask } = await import('../../tasks/retry-task.js');
    const invocationId = randomUUID();
    const result = await retryTask({
      ...invocationOptionsOf(flags, io),
      invocationId,
      fullRefresh: flags.fullRefresh,
      failFast: flags.failFast,
      junitXml: flags.junitXml === undefined ? undefined : resolve(io.cwd, flags.junitXml),
      sink: await createSink(flags, io, invocationId),
      signal: io.signal,
    });
    setExit(result.exitCode);
  });
}
