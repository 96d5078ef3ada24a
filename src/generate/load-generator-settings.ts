import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TsdbtErrors } from '../errors/tsdbt-error.js';
import { loadYaml } from '../load/load-yaml.js';
import { zodIssuesToErrors } from '../config/zod-issues.js';
import { DEFAULT_GENERATOR_SETTINGS, generatorFileSchema } from './generate-options.js';
import type { GeneratorSettings } from './generate-options.js';

/** The settings file's name, at the project root. */
export const GENERATOR_SETTINGS_FILE = 'generator.yml';

/**
 * Reads `<projectDir>/generator.yml` and fills what it leaves out with
 * `DEFAULT_GENERATOR_SETTINGS`. A missing file means "all defaults"; a broken one throws
 * `TsdbtErrors` with every problem placed at its YAML line.
 *
 * @example
 * const settings = await loadGeneratorSettings('project');
 * settings.ordersPerDay; // 5000 unless generator.yml says otherwise
 */
export async function loadGeneratorSettings(projectDir: string): Promise<GeneratorSettings> {
  let text: string;
  try {
    text = await readFile(join(projectDir, GENERATOR_SETTINGS_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return DEFAULT_GENERATOR_SETTINGS;
    throw error;
  }
  const yaml = loadYaml(text, { file: GENERATOR_SETTINGS_FILE });
  const parsed = generatorFileSchema.safeParse(yaml.value ?? {});
  if (!parsed.success) throw new TsdbtErrors(zodIssuesToErrors(parsed.error.issues, { yaml, schema: generatorFileSchema }));
  const file = parsed.data;
  const defaults = DEFAULT_GENERATOR_SETTINGS;
  return {
    outDir: file.out_dir ?? defaults.outDir,
    seed: file.seed ?? defaults.seed,
    startDate: file.start_date ?? defaults.startDate,
    days: file.days ?? defaults.days,
    ordersPerDay: file.orders_per_day ?? defaults.ordersPerDay,
    eventsPerDay: file.events_per_day ?? defaults.eventsPerDay,
    customers: file.customers ?? defaults.customers,
    products: file.products ?? defaults.products,
    dirtyRate: file.dirty_rate ?? defaults.dirtyRate,
    eventsFormat: file.events_format ?? defaults.eventsFormat,
  };
}
