/**
 * Flags shared by the commands, spelled as dbt spells them.
 */
import { Command, Option } from 'commander';
import { resolve } from 'node:path';
import type { CliIo } from './cli-io.js';
import type { EventSink } from '../execute/events.js';
import { TsdbtError } from '../errors/tsdbt-error.js';

export interface CommonFlags {
  readonly projectDir?: string;
  readonly profilesDir?: string;
  readonly target?: string;
  readonly vars?: string;
  readonly threads?: string;
  readonly select?: string[];
  readonly exclude?: string[];
  readonly fullRefresh?: boolean;
  readonly failFast?: boolean;
  readonly logFormat?: 'text' | 'json';
  readonly color?: boolean;
  readonly debug?: boolean;
  readonly state?: string;
  readonly defer?: boolean;
  readonly indirectSelection?: 'eager' | 'cautious' | 'buildable' | 'empty';
  readonly junitXml?: string;
  readonly eventTimeStart?: string;
  readonly eventTimeEnd?: string;
  readonly resourceType?: string[];
}

export function addProjectOptions(command: Command): Command {
  return command
    .option('--project-dir <dir>', 'the project folder (default: the current directory)')
    .option('--profiles-dir <dir>', 'where profiles.yml is (default: $TSDBT_PROFILES_DIR, the project, its project/ folder, ~/.tsdbt)')
    .option('-t, --target <name>', 'the profile target to use')
    .option('--vars <yaml>', "variables for var(), as YAML or JSON: '{key: value}'")
    .option('--threads <n>', 'how many nodes to build at once')
    .addOption(new Option('--log-format <format>', 'text for people, json for machines').choices(['text', 'json']).default('text'))
    .option('--no-color', 'never colour the output')
    .option('--debug', 'show stack traces for errors');
}

export function addSelectionOptions(command: Command): Command {
  return command
    .option('-s, --select <selectors...>', 'nodes to include (dbt selection syntax)')
    .option('-m, --models <selectors...>', 'alias of --select')
    .option('--exclude <selectors...>', 'nodes to leave out')
    .option('--state <dir>', 'artifacts of an earlier run, for state: and result: selectors')
    .option('--defer', 'resolve refs to unselected models from --state')
    .addOption(new Option('--indirect-selection <mode>', 'how tests follow selected models').choices(['eager', 'cautious', 'buildable', 'empty']));
}

export function addRunOptions(command: Command): Command {
  return command
    .option('--full-refresh', 'rebuild incremental models and seeds from scratch')
    .option('-x, --fail-fast', 'stop at the first failure')
    .option('--junit-xml <path>', 'also write test results as JUnit XML')
    .option('--event-time-start <date>', 'microbatch: first day to (re)build')
    .option('--event-time-end <date>', 'microbatch: end of the window (exclusive)');
}

export function projectDirOf(flags: CommonFlags, io: CliIo): string {
  return resolve(io.cwd, flags.projectDir ?? '.');
}

export function threadsOf(flags: CommonFlags): number | undefined {
  if (flags.threads === undefined) return undefined;
  const threads = Number(flags.threads);
  if (!Number.isInteger(threads) || threads < 1) {
    throw new TsdbtError({ kind: 'config', message: `--threads must be a positive whole number, got '${flags.threads}'` });
  }
  return threads;
}

export function colorOf(flags: CommonFlags, io: CliIo): boolean {
  return flags.color !== false && io.isTTY && !io.env.NO_COLOR && flags.logFormat !== 'json';
}

/**
 * The reporter for this invocation: dbt-style text, or one JSON object per line. Pass the
 * invocation id the task will use so JSON log lines and the artifacts carry the same one.
 */
export async function createSink(flags: CommonFlags, io: CliIo, invocationId?: string): Promise<EventSink> {
  if (flags.logFormat === 'json') {
    const { createJsonReporter } = await import('../reporter/create-json-reporter.js');
    return createJsonReporter({ write: (line) => io.stdout(`${line}\n`), invocationId });
  }
  const { createTextReporter } = await import('../reporter/create-text-reporter.js');
  return createTextReporter({ write: (line) => io.stdout(`${line}\n`), color: colorOf(flags, io) });
}

export function invocationOptionsOf(flags: CommonFlags, io: CliIo) {
  return {
    projectDir: projectDirOf(flags, io),
    profilesDir: flags.profilesDir === undefined ? undefined : resolve(io.cwd, flags.profilesDir),
    target: flags.target,
    vars: flags.vars,
    threads: threadsOf(flags),
    env: io.env,
  };
}

/** Selection flags for a task; `--state` is resolved against the invocation's working directory (as dbt does), not the process's. */
export function selectionOf(flags: CommonFlags & { readonly models?: string[] }, io: CliIo) {
  return {
    select: [...(flags.select ?? []), ...(flags.models ?? [])],
    exclude: flags.exclude ?? [],
    state: flags.state === undefined ? undefined : resolve(io.cwd, flags.state),
    defer: flags.defer,
    indirectSelection: flags.indirectSelection,
  };
}
