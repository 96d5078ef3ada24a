import { afterEach, describe, expect, it } from 'vitest';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { makeDuckDbProject } from '../testing/duckdb-project.js';
import { removeProject } from '../testing/make-project.js';
import { runCli } from '../testing/run-cli.js';
import { queryDuckDb } from '../testing/query-duckdb.js';
import { batchWindows } from './batch-windows.js';
import { readsItself } from './plan-microbatch.js';

const dirs: string[] = [];
afterEach(async () => {
  while (dirs.length) await removeProject(dirs.pop()!);
});

const utc = (text: string) => new Date(`${text}Z`);
const labels = (windows: ReturnType<typeof batchWindows>) => windows.map((w) => `${w.start.toISOString().slice(0, 13)}..${w.end.toISOString().slice(0, 13)}`);

describe('batchWindows', () => {
  const base = { batchSize: 'day' as const, begin: utc('2026-01-01T00:00:00'), lookback: 1, now: utc('2026-01-05T13:30:00') };
  it('starts at begin on a first run and at the latest batch minus lookback later, up to the batch holding now', () => {
    expect(labels(batchWindows({ ...base, incremental: false }))).toEqual([
      '2026-01-01T00..2026-01-02T00', '2026-01-02T00..2026-01-03T00', '2026-01-03T00..2026-01-04T00', '2026-01-04T00..2026-01-05T00', '2026-01-05T00..2026-01-06T00',
    ]);
    expect(labels(batchWindows({ ...base, incremental: true }))).toEqual(['2026-01-04T00..2026-01-05T00', '2026-01-05T00..2026-01-06T00']);
    expect(labels(batchWindows({ ...base, incremental: true, lookback: 0, batchSize: 'hour' }))).toEqual(['2026-01-05T13..2026-01-05T14']);
  });
  it('uses an explicit window as given, its end exclusive, and months of uneven length', () => {
    expect(labels(batchWindows({ ...base, incremental: true, eventTimeStart: utc('2026-01-02T00:00:00'), eventTimeEnd: utc('2026-01-04T00:00:00') }))).toEqual([
      '2026-01-02T00..2026-01-03T00', '2026-01-03T00..2026-01-04T00',
    ]);
    const months = batchWindows({ ...base, batchSize: 'month', incremental: false, eventTimeStart: utc('2026-01-15T00:00:00'), eventTimeEnd: utc('2026-03-01T00:00:00') });
    expect(labels(months)).toEqual(['2026-01-01T00..2026-02-01T00', '2026-02-01T00..2026-03-01T00']);
  });
});

describe('microbatch on DuckDB', () => {
  it('backfills a window one batch at a time, reruns one day with late rows, and reports a failed batch', async () => {
    const made = await makeDuckDbProject({
      'models/events.sql': "{{ config(materialized='view', event_time='ts') }}\nselect * from main.raw_events",
      'models/daily.sql': [
        "{{ config(materialized='incremental', incremental_strategy='microbatch', event_time='day', batch_size='day', begin='2026-01-01') }}",
        "select cast(ts as date) as day, count(*) as events, sum(cast(amount as integer)) as amount",
        "from {{ ref('events') }}",
        'group by 1',
      ].join('\n'),
    });
    dirs.push(made.dir);
    const { dir, dbPath } = made;
    await mkdir(dirname(dbPath), { recursive: true });
    await queryDuckDb(dbPath, `create table main.raw_events as select * from (values
      (timestamp '2025-12-31 23:00:00', '1000'), (timestamp '2026-01-01 01:00:00', '1'), (timestamp '2026-01-01 23:59:59', '2'),
      (timestamp '2026-01-02 12:00:00', '3'), (timestamp '2026-01-03 00:00:00', '4'), (timestamp '2026-01-04 00:00:00', '500')) as v(ts, amount)`);
    const window = ['--event-time-start', '2026-01-01', '--event-time-end', '2026-01-04'];
    const first = await runCli(['run', ...window], { cwd: dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/OK created sql incremental model main\.daily \.+ \[INSERT 3 in 3 batches in/);
    const day = (text: string) => new Date(`${text}T00:00:00Z`);
    expect(await queryDuckDb(dbPath, 'select * from main.daily order by day')).toEqual([
      { day: day('2026-01-01'), events: 2, amount: 3 },
      { day: day('2026-01-02'), events: 1, amount: 3 },
      { day: day('2026-01-03'), events: 1, amount: 4 },
    ]);

    // Late rows for 2 January and one bad row on 3 January; rebuild both days.
    await queryDuckDb(dbPath, "insert into main.raw_events values (timestamp '2026-01-02 18:00:00', '30'), (timestamp '2026-01-03 08:00:00', 'oops')");
    const rerun = await runCli(['run', '-s', 'daily', '--event-time-start', '2026-01-02', '--event-time-end', '2026-01-04'], { cwd: dir });
    expect(rerun.code).toBe(1);
    expect(rerun.stdout).toContain('1 of 2 batches failed');
    expect(rerun.stdout).toMatch(/batch 2026-01-03 to 2026-01-04: Conversion Error/);
    expect(await queryDuckDb(dbPath, 'select * from main.daily order by day')).toEqual([
      { day: day('2026-01-01'), events: 2, amount: 3 },
      { day: day('2026-01-02'), events: 2, amount: 33 },
      { day: day('2026-01-03'), events: 1, amount: 4 },
    ]);

    // Rerunning a batch is idempotent: the same window twice gives the same table.
    await queryDuckDb(dbPath, "delete from main.raw_events where amount = 'oops'");
    for (let i = 0; i < 2; i++) {
      const again = await runCli(['run', '-s', 'daily', '--event-time-start', '2026-01-02', '--event-time-end', '2026-01-04'], { cwd: dir });
      expect(again.code).toBe(0);
    }
    expect(await queryDuckDb(dbPath, 'select * from main.daily order by day')).toEqual([
      { day: day('2026-01-01'), events: 2, amount: 3 },
      { day: day('2026-01-02'), events: 2, amount: 33 },
      { day: day('2026-01-03'), events: 1, amount: 4 },
    ]);
    const compiled = await import('node:fs/promises').then((fs) => fs.readFile(`${dir}/target/run/shop/models/daily.sql`, 'utf8'));
    expect(compiled).toContain(`from (select * from "dev"."main"."events" where ts >= cast('2026-01-03 00:00:00' as timestamp) and ts < cast('2026-01-04 00:00:00' as timestamp))`);
  });
});

describe('microbatch reading a source', () => {
  it("filters a source with an event_time to each batch's window, and leaves one without alone", async () => {
    const made = await makeDuckDbProject({
      'models/sources.yml': [
        'sources:',
        '  - name: raw',
        '    schema: main',
        '    tables:',
        '      - name: clicks',
        '        config: {event_time: ts}',
        '      - name: regions',
        '',
      ].join('\n'),
      'models/daily.sql': [
        "{{ config(materialized='incremental', incremental_strategy='microbatch', event_time='day', batch_size='day', begin='2026-01-01') }}",
        "select cast(c.ts as date) as day, r.region, count(*) as clicks",
        "from {{ source('raw', 'clicks') }} as c join {{ source('raw', 'regions') }} as r on r.id = c.region_id",
        'group by 1, 2',
      ].join('\n'),
    });
    dirs.push(made.dir);
    await mkdir(dirname(made.dbPath), { recursive: true });
    await queryDuckDb(made.dbPath, `create table main.regions as select * from (values (1, 'eu'), (2, 'us')) as v(id, region);
      create table main.clicks as select * from (values
        (timestamp '2026-01-01 08:00:00', 1), (timestamp '2026-01-01 09:00:00', 2), (timestamp '2026-01-02 10:00:00', 1),
        (timestamp '2026-01-02 23:59:59', 1), (timestamp '2026-01-03 00:00:00', 2)) as v(ts, region_id)`);
    const run = await runCli(['run', '--event-time-start', '2026-01-01', '--event-time-end', '2026-01-03'], { cwd: made.dir });
    expect(run.code, run.output).toBe(0);
    expect(run.stdout).toMatch(/\[INSERT 3 in 2 batches in/);
    const day = (text: string) => new Date(`${text}T00:00:00Z`);
    expect(await queryDuckDb(made.dbPath, 'select day, region, clicks from main.daily order by day, region')).toEqual([
      { day: day('2026-01-01'), region: 'eu', clicks: 1 },
      { day: day('2026-01-01'), region: 'us', clicks: 1 },
      { day: day('2026-01-02'), region: 'eu', clicks: 2 },
    ]);
    const compiled = await import('node:fs/promises').then((fs) => fs.readFile(`${made.dir}/target/run/shop/models/daily.sql`, 'utf8'));
    expect(compiled).toContain(`from (select * from "dev"."main"."clicks" where ts >= cast('2026-01-02 00:00:00' as timestamp) and ts < cast('2026-01-03 00:00:00' as timestamp)) as c`);
    expect(compiled).toContain('join "dev"."main"."regions" as r');
  });
});

describe('microbatch and on_schema_change', () => {
  it('adds a new column before the batches with append_new_columns, and stops with fail', async () => {
    const model = (config: string, extra: string) => [
      `{{ config(materialized='incremental', incremental_strategy='microbatch', event_time='day', batch_size='day', begin='2026-01-01'${config}) }}`,
      `select cast(ts as date) as day, count(*) as events${extra} from {{ ref('events') }} group by 1`,
    ].join('\n');
    const made = await makeDuckDbProject({
      'models/events.sql': "{{ config(materialized='view', event_time='ts') }}\nselect * from range(timestamp '2026-01-01', timestamp '2026-01-04', interval 12 hour) as t(ts)",
      'models/daily.sql': model('', ''),
    });
    dirs.push(made.dir);
    const window = (start: string) => ['run', '-s', 'daily', '--event-time-start', start, '--event-time-end', '2026-01-04'];
    expect((await runCli(['run', '--event-time-start', '2026-01-01', '--event-time-end', '2026-01-04'], { cwd: made.dir })).code).toBe(0);

    await import('node:fs/promises').then((fs) => fs.writeFile(`${made.dir}/models/daily.sql`, model(", on_schema_change='fail'", ', max(ts) as last_ts')));
    const failed = await runCli(window('2026-01-03'), { cwd: made.dir });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain("The columns of incremental model daily changed (added: last_ts (TIMESTAMP)) and on_schema_change is 'fail'");

    await import('node:fs/promises').then((fs) => fs.writeFile(`${made.dir}/models/daily.sql`, model(", on_schema_change='append_new_columns'", ', max(ts) as last_ts')));
    const appended = await runCli(window('2026-01-03'), { cwd: made.dir });
    expect(appended.code, appended.output).toBe(0);
    expect(await queryDuckDb(made.dbPath, "select strftime(day, '%d') as day, events, strftime(last_ts, '%H') as last_hour from main.daily order by day")).toEqual([
      { day: '01', events: 2, last_hour: null },
      { day: '02', events: 2, last_hour: null },
      { day: '03', events: 2, last_hour: '12' },
    ]);
  });
});

describe('concurrent batches', () => {
  it("tells a model that reads {{ this }} from one that doesn't", () => {
    expect(readsItself("select * from {{ ref('events') }}\n{% if is_incremental() %} where ts > (select max(ts) from {{ this }}) {% endif %}")).toBe(true);
    expect(readsItself('{{ this.schema }}')).toBe(true);
    expect(readsItself("-- this model counts events\nselect * from {{ ref('events') }}")).toBe(false);
    expect(readsItself("select * from {{ ref('this_events') }}")).toBe(false);
  });

  /** A 7-day backfill whose rows record the DuckDB connection that wrote them. */
  async function backfill(modelConfig: string, body = "select cast(ts as date) as day, count(*) as events, current_connection_id() as written_by from {{ ref('events') }} group by 1") {
    const made = await makeDuckDbProject({
      'models/events.sql': "{{ config(materialized='view', event_time='ts') }}\nselect * from range(timestamp '2026-01-01', timestamp '2026-01-08', interval 6 hour) as t(ts)",
      'models/daily.sql': `{{ config(materialized='incremental', incremental_strategy='microbatch', event_time='day', batch_size='day', begin='2026-01-01'${modelConfig}) }}\n${body}`,
    }, { threads: 4 });
    dirs.push(made.dir);
    const run = await runCli(['run', '--event-time-start', '2026-01-01', '--event-time-end', '2026-01-08'], { cwd: made.dir });
    expect(run.code, run.output).toBe(0);
    expect(run.stdout).toMatch(/OK created sql incremental model main\.daily \.+ \[INSERT 7 in 7 batches in/);
    const rows = await queryDuckDb(made.dbPath, 'select day, events, written_by from main.daily order by day');
    expect(rows.map((row) => row.events)).toEqual([4, 4, 4, 4, 4, 4, 4]);
    // Rerunning the window replaces every day: concurrent deletes of different days do not conflict.
    const rerun = await runCli(['run', '--event-time-start', '2026-01-01', '--event-time-end', '2026-01-08'], { cwd: made.dir });
    expect(rerun.code, rerun.output).toBe(0);
    expect((await queryDuckDb(made.dbPath, 'select events from main.daily order by day')).map((row) => row.events)).toEqual([4, 4, 4, 4, 4, 4, 4]);
    return rows.map((row) => Number(row.written_by));
  }

  it('runs the batches between the first and the last on several sessions, up to --threads', async () => {
    const writers = await backfill('');
    const [first, ...rest] = writers;
    const last = rest.pop();
    // The first and last batches run alone on the node's own session.
    expect(last).toBe(first);
    const middle = new Set(rest);
    expect(middle.size).toBeGreaterThan(1);
    expect(middle.size).toBeLessThanOrEqual(4);
  });

  it('runs them one after another when the model reads {{ this }} or concurrent_batches is false', async () => {
    expect(new Set(await backfill(", concurrent_batches=false")).size).toBe(1);
    const readsThis = "select cast(ts as date) as day, count(*) as events, current_connection_id() as written_by from {{ ref('events') }}\n{% if is_incremental() %}where ts not in (select day from {{ this }}){% endif %}\ngroup by 1";
    expect(new Set(await backfill('', readsThis)).size).toBe(1);
  });
});
