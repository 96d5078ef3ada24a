/**
 * The reference warehouse is written once for DuckDB and Snowflake: compiled for the `prod`
 * (Snowflake) target, every model, test and analysis must be Snowflake SQL, with the
 * project's dispatched macros picking the Snowflake spellings. No connection is needed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from './run-cli.js';
import { initSnowflakeSqlValidator, validateSnowflakeSql } from './snowflake-sql.js';

const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const PROJECT_ENTRIES = ['project.yml', 'models', 'snapshots', 'tests', 'macros', 'analyses', 'seeds', 'project'];
const PROD_ENV = {
  SNOWFLAKE_ACCOUNT: 'acme-shop',
  SNOWFLAKE_USER: 'transformer',
  SNOWFLAKE_PASSWORD: 'not-a-secret',
  SNOWFLAKE_ROLE: 'TRANSFORMER',
  SNOWFLAKE_DATABASE: 'SHOP',
  SNOWFLAKE_WAREHOUSE: 'TRANSFORMING',
};

let dir: string;
let compiled: Map<string, string>;

async function sqlFiles(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.sql')) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(path.slice(root.length + 1), await readFile(path, 'utf8'));
  }
  return files;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tsdbt-shop-snowflake-'));
  // Generated data and build output under the copied folders are not project files.
  for (const entry of PROJECT_ENTRIES) await cp(join(REPO, entry), join(dir, entry), { recursive: true, filter: (path) => !/[\\/](data|target)$/.test(path) });
  const run = await runCli(['compile', '--target', 'prod'], { cwd: dir, env: PROD_ENV });
  if (run.code !== 0) throw new Error(run.output);
  compiled = await sqlFiles(join(dir, 'target', 'compiled', 'shop'));
  await initSnowflakeSqlValidator();
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the shop warehouse on Snowflake', () => {
  it('compiles every model, test and analysis to SQL the Snowflake parser accepts', () => {
    expect(compiled.size).toBeGreaterThan(100);
    const failures = [...compiled].flatMap(([path, sql]) => {
      const result = validateSnowflakeSql(sql);
      return result.ok ? [] : [`${path}: ${result.error}`];
    });
    expect(failures).toEqual([]);
  });

  it('uses the Snowflake spellings of the dispatched macros', () => {
    const baseOrders = compiled.get('models/staging/base/base_orders.sql')!;
    expect(baseOrders).toContain(`try_to_timestamp_ntz(order_ts, 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);
    expect(baseOrders).not.toContain('try_cast');
    const dimDate = compiled.get('models/marts/dim_date.sql')!;
    expect(dimDate).toContain('table(generator(rowcount => 7320))');
    expect(dimDate).toContain('dayofweekiso(date_day)');
    expect(compiled.get('models/analytics/active_users.sql')).toContain('dateadd(day, -7, days.activity_date)');
    const baseEvents = compiled.get('models/staging/base/base_events.sql')!;
    expect(baseEvents).toContain(`to_varchar(object_construct_keep_null('event_id', event_id,`);
    // Categories stay text (no ENUM on Snowflake); repeated ids by GROUP BY, not a global sort.
    expect(baseEvents).toMatch(/^\s*event_type as event_type,$/m);
    expect(baseEvents).not.toMatch(/enum\(|lag\(event_id\)/i);
    expect(baseEvents).toMatch(/group by event_id\s+having count\(\*\) > 1/);
    // Relations are three-part names in the target database.
    expect(compiled.get('models/staging/stg_orders.sql')).toMatch(/from "?SHOP"?\."?analytics_staging"?\."?base_orders"?/i);
  });
});
