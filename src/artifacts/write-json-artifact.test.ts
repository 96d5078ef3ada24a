import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { writeJsonArtifact } from './write-json-artifact.js';

describe('writeJsonArtifact', () => {
  let dir = '';
  afterEach(async () => {
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  it('creates the directory, writes compact JSON and leaves no temporary file', async () => {
    dir = await mkdtemp(join(tmpdir(), 'tsdbt-artifact-'));
    const target = join(dir, 'nested', 'target');
    const path = await writeJsonArtifact(target, 'run_results.json', { results: [1] });
    expect(path).toBe(join(target, 'run_results.json'));
    expect(await readFile(path, 'utf8')).toBe('{"results":[1]}\n');
    await writeJsonArtifact(target, 'run_results.json', { results: [] });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ results: [] });
    expect(await readdir(target)).toEqual(['run_results.json']);
  });

  it('raises a TsdbtError naming the path when the directory cannot be created', async () => {
    dir = await mkdtemp(join(tmpdir(), 'tsdbt-artifact-'));
    const blocker = join(dir, 'file');
    await writeJsonArtifact(dir, 'file', {});
    await expect(writeJsonArtifact(blocker, 'x.json', {})).rejects.toMatchObject({ name: 'TsdbtError', kind: 'runtime', message: expect.stringContaining(join(blocker, 'x.json')) });
  });
});
