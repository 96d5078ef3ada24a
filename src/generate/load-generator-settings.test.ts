import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_GENERATOR_SETTINGS, generationParametersSchema } from './generate-options.js';
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
    // The values are the team's to tune; the file must stay valid and be read key for key.
    const file = parse(await readFile(join(projectDir, 'generator.yml'), 'utf8')) as Record<string, unknown>;
    const settings = await loadGeneratorSettings(projectDir);
    expect(generationParametersSchema.safeParse(settings).success).toBe(true);
    expect(settings.outDir).toBe(file.out_dir ?? DEFAULT_GENERATOR_SETTINGS.outDir);
    expect(settings.ordersPerDay).toBe(file.orders_per_day ?? DEFAULT_GENERATOR_SETTINGS.ordersPerDay);
    expect(settings.eventsPerDay).toBe(file.events_per_day ?? DEFAULT_GENERATOR_SETTINGS.eventsPerDay);
    expect(settings.customers).toBe(file.customers ?? DEFAULT_GENERATOR_SETTINGS.customers);
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
