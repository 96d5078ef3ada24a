import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeDuckDbProject } from '../testing/duckdb-project.js';
import { removeProject } from '../testing/make-project.js';
import { runCli } from '../testing/run-cli.js';
import { queryDuckDb } from '../testing/query-duckdb.js';
import { judgeFreshness } from './judge-freshness.js';

/** A naive UTC timestamp literal `hours` ago, as a loader would have written it. */
function hoursAgo(hours: number): string {
  return `timestamp '${new Date(Date.now() - hours * 3_600_000).toISOString().replace('T', ' ').replace('Z', '')}'`;
}

const sourcesYml = [
  'version: 2',
  'sources:',
  '  - name: raw',
  '    schema: raw',
  '    loaded_at_field: loaded_at',
  '    freshness:',
  '      warn_after: {count: 1, period: hour}',
  '      error_after: {count: 1, period: day}',
  '    tables:',
  '      - name: orders',
  '      - name: customers',
  '      - name: payments',
  '      - name: events',
  '        freshness:',
  '          warn_after: {count: 1, period: hour}',
  "          filter: \"kind = 'real'\"",
  '      - name: refunds',
  '      - name: countries',
  '        freshness: null',
].join('\n');

let dir = '';

beforeAll(async () => {
  ({ dir } = await makeDuckDbProject({ 'models/sources.yml': sourcesYml }));
  await mkdir(join(dir, 'target'), { recursive: true });
  await queryDuckDb(join(dir, 'target/dev.duckdb'), [
    'create schema raw',
    `create table raw.orders as select 1 as id, ${hoursAgo(0.2)} as loaded_at union all select 2, ${hoursAgo(30)}`,
    `create table raw.customers as select 1 as id, ${hoursAgo(3)} as loaded_at`,
    `create table raw.payments as select 1 as id, ${hoursAgo(72)} as loaded_at`,
    `create table raw.events as select 'heartbeat' as kind, ${hoursAgo(0.1)} as loaded_at union all select 'real', ${hoursAgo(2)}`,
    'create table raw.countries as select 1 as id',
  ].join(';\n'));
});

afterAll(async () => {
  if (dir) await removeProject(dir);
});

/** Result lines without the clock and dot padding. */
function resultLines(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => / \d+ of \d+ (PASS|WARN|ERROR)/.test(line))
    .map((line) => line.replace(/^\S+\s+/, '').replace(/ \.+ /, ' ').replace(/ in \d+\.\d+s\]/, ']'));
}

describe('tsdbt source freshness on DuckDB', () => {
  it('reports each source as PASS, WARN, ERROR STALE or ERROR, writes sources.json and exits 1', async () => {
    const run = await runCli(['source', 'freshness'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/1 of 5 START freshness of raw\.orders \.+ \[RUN\]/);
    expect(resultLines(run.stdout)).toEqual([
      '1 of 5 PASS freshness of raw.orders [PASS]',
      '2 of 5 WARN freshness of raw.customers [WARN]',
      '3 of 5 ERROR STALE freshness of raw.payments [ERROR STALE]',
      '4 of 5 WARN freshness of raw.events [WARN]',
      '5 of 5 ERROR freshness of raw.refunds [ERROR]',
    ]);
    expect(run.stdout).toMatch(/Source raw\.payments is stale: last loaded at .*, 3\.0 days ago \(error_after: 1 day\)/);
    expect(run.stdout).toMatch(/Source raw\.customers is late: last loaded at .*, 3\.0 hours ago \(warn_after: 1 hour\)/);
    expect(run.stdout).toMatch(/Database Error in source raw\.refunds \(models\/sources\.yml:\d+\)\n.*Table with name refunds does not exist/);
    expect(run.stdout).toMatch(/Done\. PASS=1 WARN=2 ERROR=2 SKIP=0/);

    const json = JSON.parse(await readFile(join(dir, 'target/sources.json'), 'utf8')) as { results: Record<string, unknown>[] };
    const byId = new Map(json.results.map((result) => [result.unique_id as string, result]));
    expect([...byId.keys()].sort()).toEqual(['source.shop.raw.customers', 'source.shop.raw.events', 'source.shop.raw.orders', 'source.shop.raw.payments', 'source.shop.raw.refunds']);
    const orders = byId.get('source.shop.raw.orders')!;
    expect(orders.status).toBe('pass');
    expect(orders.max_loaded_at_time_ago_in_s as number).toBeGreaterThan(0.2 * 3600 - 60);
    expect(orders.max_loaded_at_time_ago_in_s as number).toBeLessThan(0.2 * 3600 + 60);
    expect(orders.criteria).toMatchObject({ warn_after: { count: 1, period: 'hour' }, error_after: { count: 1, period: 'day' } });
    expect(byId.get('source.shop.raw.payments')!.status).toBe('error');
    // The filter drops the fresh heartbeat row, so the 2-hour-old real row decides.
    expect(Math.round((byId.get('source.shop.raw.events')!.max_loaded_at_time_ago_in_s as number) / 3600)).toBe(2);
    expect(byId.get('source.shop.raw.refunds')).toMatchObject({ status: 'runtime error' });
    expect(String(byId.get('source.shop.raw.refunds')!.error)).toMatch(/refunds/);
  });

  it('selects sources with source: and exits 0 on warnings only', async () => {
    const one = await runCli(['source', 'freshness', '-s', 'source:raw.orders'], { cwd: dir });
    expect(one.code).toBe(0);
    expect(resultLines(one.stdout)).toEqual(['1 of 1 PASS freshness of raw.orders [PASS]']);

    const warned = await runCli(['source', 'freshness', '--select', 'source:raw.customers', 'source:raw.events', '--output', 'target/fresh.json'], { cwd: dir });
    expect(warned.code).toBe(0);
    expect(resultLines(warned.stdout)).toEqual(['1 of 2 WARN freshness of raw.customers [WARN]', '2 of 2 WARN freshness of raw.events [WARN]']);
    const json = JSON.parse(await readFile(join(dir, 'target/fresh.json'), 'utf8')) as { results: { status: string }[] };
    expect(json.results.map((result) => result.status)).toEqual(['warn', 'warn']);

    const all = await runCli(['source', 'freshness', '-s', 'source:raw', '--exclude', 'source:raw.payments', 'source:raw.refunds'], { cwd: dir });
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/Done\. PASS=1 WARN=2 ERROR=0 SKIP=0/);
  });
});

describe('judgeFreshness', () => {
  it('errors past error_after, warns past warn_after, and is fresh exactly at the limit', () => {
    const rule = { warnAfter: { count: 1, period: 'hour' as const }, errorAfter: { count: 2, period: 'day' as const } };
    expect(judgeFreshness(rule, 3600)).toBe('pass');
    expect(judgeFreshness(rule, 3601)).toBe('warn');
    expect(judgeFreshness(rule, 2 * 86_400 + 1)).toBe('error');
    expect(judgeFreshness({ errorAfter: { count: 30, period: 'minute' } }, 1801)).toBe('error');
    expect(judgeFreshness({ warnAfter: { count: 30, period: 'minute' } }, 10 * 86_400)).toBe('warn');
  });
});
