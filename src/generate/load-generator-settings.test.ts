import { describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_GENERATOR_SETTINGS } from './generate-options.js';
import { loadGeneratorSettings } from './load-generator-settings.js';
import { TsdbtErrors } from '../errors/tsdbt-error.js';

async function projectWith(yaml?: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tsdbt-generator-yml-'));
  if (yaml !== undefined) await writeFile(join(dir, 'generator.yml'), yaml);
  return dir;
}

describe('loadGeneratorSettings', () => {
  it('uses the defaults without a generator.yml', async () => {
    expect(await loadGeneratorSettings(await projectWith())).toEqual(DEFAULT_GENERATOR_SETTINGS);
  });

  it('reads snake_case keys and keeps defaults for the rest', async () => {
    const settings = await loadGeneratorSettings(await projectWith('seed: 7\norders_per_day: 10\nevents_format: parquet\n'));
    expect(settings).toEqual({ ...DEFAULT_GENERATOR_SETTINGS, seed: 7, ordersPerDay: 10, eventsFormat: 'parquet' });
  });

  it('reads the reference project file', async () => {
    const projectDir = fileURLToPath(new URL('../../project', import.meta.url));
    const { outDir, ...parameters } = await loadGeneratorSettings(projectDir);
    const { outDir: defaultOutDir, ...defaults } = DEFAULT_GENERATOR_SETTINGS;
    expect(parameters).toEqual(defaults);
    expect(outDir.endsWith(defaultOutDir)).toBe(true);
  });

  it('places problems at their line', async () => {
    const error = await loadGeneratorSettings(await projectWith('seed: 1\norders_per_dya: 5\ndirty_rate: 2\n')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TsdbtErrors);
    const errors = (error as TsdbtErrors).errors;
    expect(errors.map((e) => [e.file, e.line])).toEqual(
      expect.arrayContaining([
        ['generator.yml', 2],
        ['generator.yml', 3],
      ]),
    );
    expect(errors.some((e) => e.message.includes('orders_per_dya'))).toBe(true);
  });
});
