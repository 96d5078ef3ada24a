/**
 * The filter, test and global names of the Jinja environments set up in this process, so
 * that an "unknown filter" error can suggest close names without holding the environment.
 */
import type nunjucks from 'nunjucks';

export type NameKind = 'filter' | 'test' | 'global';

const environments: WeakRef<nunjucks.Environment>[] = [];

/** Remembers `env` (weakly) as a source of names. */
export function rememberEnvironment(env: nunjucks.Environment): void {
  environments.push(new WeakRef(env));
}

/** Every name of that kind across the remembered environments, sorted. */
export function knownNames(kind: NameKind): readonly string[] {
  const names = new Set<string>();
  for (const reference of environments) {
    const env = reference.deref() as unknown as { filters: object; tests: object; globals: object } | undefined;
    if (!env) continue;
    const table = kind === 'filter' ? env.filters : kind === 'test' ? env.tests : env.globals;
    for (const name of Object.keys(table)) names.add(name);
  }
  return [...names].sort();
}
