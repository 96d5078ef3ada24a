/**
 * `tsdbt debug`: where the project and profile are, the target (secrets masked), and whether
 * a connection opens and answers `select 1`.
 */
import { loadRawProject, type InvocationOptions } from './prepare-invocation.js';
import { loadProfile, redactTarget } from '../config/profile-config.js';
import { createAdapter } from '../adapters/create-adapter.js';
import { TsdbtError } from '../errors/tsdbt-error.js';
import { TSDBT_VERSION } from './version.js';

export interface DebugReport {
  readonly lines: readonly string[];
  readonly ok: boolean;
}

export async function debugTask(options: InvocationOptions): Promise<DebugReport> {
  const lines: string[] = [`tsdbt version: ${TSDBT_VERSION}`, `node version: ${process.version}`];
  let ok = true;
  const check = (label: string, pass: boolean, detail = '') => {
    lines.push(`  ${label} [${pass ? 'OK found' : 'ERROR'}]${detail ? ` ${detail}` : ''}`);
    ok &&= pass;
  };
  const raw = await loadRawProject(options);
  lines.push(`Using project file at ${raw.root}/${raw.projectFilePath}`);
  check('project file', true);
  const profile = await loadProfile({ projectDir: raw.root, profilesDir: options.profilesDir, profileName: raw.config.profile ?? raw.config.name, targetName: options.target, env: options.env });
  lines.push(`Using profiles.yml file at ${profile.path}`);
  check('profiles.yml file', true);
  lines.push(`Configuration:`, `  profile: ${profile.profileName}`, `  target: ${profile.targetName}`);
  lines.push(`Required dependencies:`, `  - git [not required]`);
  lines.push(`Connection:`);
  for (const [key, value] of Object.entries(redactTarget(profile.target))) {
    if (value !== undefined && typeof value !== 'object') lines.push(`  ${key}: ${String(value)}`);
  }
  try {
    const adapter = await createAdapter(profile.target);
    try {
      const session = await adapter.openSession();
      await session.query('select 1 as ok');
      await session.release();
      check('Connection test:', true);
    } finally {
      await adapter.close();
    }
  } catch (error) {
    const message = error instanceof TsdbtError || error instanceof Error ? error.message : String(error);
    check('Connection test:', false, message);
  }
  lines.push(ok ? 'All checks passed!' : 'Some checks failed; see above.');
  return { lines, ok };
}
