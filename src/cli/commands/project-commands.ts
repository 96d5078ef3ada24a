/**
 * `compile`, `ls`, `debug`, `clean`, `init`: commands that read the project but build nothing.
 */
import { Option, type Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { addProjectOptions, addSelectionOptions, colorOf, invocationOptionsOf, selectionOf, type CommonFlags } from '../common-options.js';
import type { ResourceType } from '../../parse/manifest.js';

type ExitCode = (code: number) => void;

export function registerProjectCommands(program: Command, io: CliIo, setExit: ExitCode): void {
  const compile = addSelectionOptions(addProjectOptions(program.command('compile').description('render the selected nodes to SQL in target/compiled without running them')));
  compile.option('--inline <sql>', 'compile a SQL snippet and print it');
  compile.action(async (flags: CommonFlags & { inline?: string }) => {
    const { compileTask } = await import('../../tasks/compile-task.js');
    const { formatError } = await import('../../reporter/format-error.js');
    const result = await compileTask({ ...invocationOptionsOf(flags, io), ...selectionOf(flags, io), inline: flags.inline });
    if (result.inlineSql !== undefined) {
      io.stdout(`${result.inlineSql.trim()}\n`);
      return;
    }
    for (const error of result.errors) io.stderr(`${formatError(error, { debug: flags.debug ?? false, color: colorOf(flags, io) })}\n`);
    io.stdout(`Compiled ${result.compiled.size} node${result.compiled.size === 1 ? '' : 's'} to ${result.prepared.targetDir}/compiled\n`);
    setExit(result.errors.length ? 1 : 0);
  });

  const ls = addSelectionOptions(addProjectOptions(program.command('ls').alias('list').description('list the selected nodes')));
  ls.addOption(new Option('--output <format>', 'how to print each node').choices(['selector', 'name', 'path', 'json']).default('selector'));
  ls.option('--resource-type <types...>', 'only these resource types (model, seed, snapshot, test, unit_test, analysis)');
  ls.action(async (flags: CommonFlags & { output: 'selector' | 'name' | 'path' | 'json' }) => {
    const { lsTask } = await import('../../tasks/ls-task.js');
    const lines = await lsTask({
      ...invocationOptionsOf(flags, io),
      ...selectionOf(flags, io),
      output: flags.output,
      resourceTypes: flags.resourceType as ResourceType[] | undefined,
    });
    for (const line of lines) io.stdout(`${line}\n`);
  });

  const debug = addProjectOptions(program.command('debug').description('check the project, the profile and the connection'));
  debug.action(async (flags: CommonFlags) => {
    const { debugTask } = await import('../../tasks/debug-task.js');
    const report = await debugTask(invocationOptionsOf(flags, io));
    for (const line of report.lines) io.stdout(`${line}\n`);
    setExit(report.ok ? 0 : 1);
  });

  const clean = addProjectOptions(program.command('clean').description('delete the folders in clean-targets (target/ by default)'));
  clean.action(async (flags: CommonFlags) => {
    const { cleanTask } = await import('../../tasks/clean-task.js');
    for (const removed of await cleanTask(invocationOptionsOf(flags, io))) io.stdout(`Cleaned ${removed}/\n`);
  });

  program
    .command('init')
    .description('create a new project on embedded DuckDB')
    .argument('<name>', 'project name (also the folder name)')
    .action(async (name: string) => {
      const { initTask } = await import('../../tasks/init-task.js');
      const root = await initTask(name, io.cwd);
      io.stdout(`Created ${root}\nNext: cd ${name} && tsdbt build\n`);
    });
}
