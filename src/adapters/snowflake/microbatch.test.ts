/**
 * Concurrent microbatch batches on Snowflake: the real CLI and `snowflake-sdk` against the
 * stand-in, with `--threads 3`. The batches between the first and the last run on the run's
 * idle sessions (the driver's pool is sized to --threads and held by the scheduler, so opening
 * more would wait forever), each with the model's query tag.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject, removeProject } from '../../testing/make-project.js';
import { runCli, type CliRun } from '../../testing/run-cli.js';
import { startSnowflakeStandIn, type SnowflakeStandIn } from '../../testing/snowflake-stand-in/start-snowflake-stand-in.js';
import { pipelineProfilesYml } from '../../testing/fixtures/snowflake-pipeline-project.js';
import { createSnowflakeAdapter } from './snowflake-adapter.js';

const password = 'Sn0w-microbatch-secret!';
let standIn: SnowflakeStandIn;
let dir: string;
let run: CliRun;

const DAYS = ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-05'];

beforeAll(async () => {
  standIn = await startSnowflakeStandIn({ credentials: { user: 'tsdbt', password } });
  const events = DAYS.flatMap((day, i) => Array.from({ length: i + 1 }, (_, n) => `('${day} 0${n}:00:00', ${n + 1})`)).join(', ');
  dir = await makeProject({
    'project.yml': 'name: shop\nprofile: shop\n',
    'profiles.yml': pipelineProfilesYml({ threads: 3 }),
    'models/events.sql': `{{ config(materialized='table', event_time='ts') }}\nselect ts::timestamp_ntz as ts, amount from (values ${events}) as v(ts, amount)`,
    'models/daily.sql': [
      "{{ config(materialized='incremental', incremental_strategy='microbatch', event_time='day', batch_size='day', begin='2026-01-01', query_tag='daily_load') }}",
      "select cast(ts as date) as day, count(*) as events, sum(amount) as amount from {{ ref('events') }} group by 1",
    ].join('\n'),
  });
  const env = { SNOWFLAKE_ACCOUNT: 'stand_in', SNOWFLAKE_USER: 'tsdbt', SNOWFLAKE_PASSWORD: password, SNOWFLAKE_ACCESS_URL: standIn.url };
  run = await runCli(['run', '--target', 'prod', '--event-time-start', DAYS[0]!, '--event-time-end', '2026-01-06'], { cwd: dir, env });
}, 120_000);

afterAll(async () => {
  await standIn?.close();
  if (dir) await removeProject(dir);
});

describe('microbatch on Snowflake with --threads 3', () => {
  it('builds every day once, batch by batch', async () => {
    expect(run.code, run.output).toBe(0);
    expect(run.stdout).toMatch(/OK created sql incremental model shop\.daily \.+ \[INSERT 5 in 5 batches in/);
    const inserts = standIn.statements().filter((sql) => sql.startsWith('insert into "ANALYTICS"."SHOP"."DAILY"'));
    const deletes = standIn.statements().filter((sql) => sql.startsWith('delete from "ANALYTICS"."SHOP"."DAILY"'));
    expect(inserts).toHaveLength(5);
    expect(deletes.map((sql) => /to_timestamp_ntz\('(\d{4}-\d\d-\d\d)/.exec(sql)?.[1]).sort()).toEqual(DAYS);

    const adapter = await createSnowflakeAdapter({ account: 'stand_in', user: 'tsdbt', password, database: 'analytics', schema: 'shop', threads: 1, access_url: standIn.url });
    try {
      const session = await adapter.openSession();
      const { rows } = await session.query('select day::varchar as day, events, amount from analytics.shop.daily order by day');
      await session.release();
      expect(rows.map((row) => [row.DAY, Number(row.EVENTS), Number(row.AMOUNT)])).toEqual(DAYS.map((day, i) => [day, i + 1, ((i + 1) * (i + 2)) / 2]));
    } finally {
      await adapter.close();
    }
  });

  it("tags every batch's statements with the model's query tag, on the borrowed sessions too", () => {
    const batchRequests = standIn.requests.filter((request) => /^(delete from|insert into) "ANALYTICS"\."SHOP"\."DAILY"/.test(request.sql ?? ''));
    expect(batchRequests).toHaveLength(10);
    expect(new Set(batchRequests.map((request) => request.queryTag))).toEqual(new Set(['daily_load']));
  });
});
