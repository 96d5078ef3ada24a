/**
 * Which compiled SQL files are already up to date. After writing `target/compiled/`, a compile
 * records a short hash of each node's SQL in `target/compiled/.hashes.json`; the next compile
 * skips rewriting files whose hash has not changed and that still exist (on a 10,000-model
 * project, writing the files costs more than compiling them). Anything unreadable means
 * "rewrite all".
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const FILE = '.hashes.json';

export function sqlHash(sql: string): string {
  return createHash('sha1').update(sql).digest('base64url').slice(0, 16);
}

export function readCompiledHashes(targetDir: string): ReadonlyMap<string, string> {
  const path = join(targetDir, 'compiled', FILE);
  if (!existsSync(path)) return new Map();
  try {
    return new Map(Object.entries(JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>));
  } catch {
    return new Map();
  }
}

export function writeCompiledHashes(targetDir: string, hashes: ReadonlyMap<string, string>): void {
  mkdirSync(join(targetDir, 'compiled'), { recursive: true });
  writeFileSync(join(targetDir, 'compiled', FILE), JSON.stringify(Object.fromEntries(hashes)));
}
