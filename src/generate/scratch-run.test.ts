import { it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { loadRawFeeds } from './load-raw-feeds.js';
it('scratch', async () => {
  const i = await DuckDBInstance.create(':memory:'); const c = await i.connect();
  console.log(await loadRawFeeds(c, '/tmp/gentry/raw'));
  const r = await c.runAndReadAll("select * from raw.events where device is null or device not in ('desktop','mobile','tablet') limit 3");
  console.log(r.getRowObjectsJS());
  const r2 = await c.runAndReadAll("select _source_file, _loaded_at, count(*) n from raw.orders group by all order by 1");
  console.log(r2.getRowObjectsJS());
});
