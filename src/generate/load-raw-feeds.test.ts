import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { loadRawFeeds } from './load-raw-feeds.js';
import { rawFeedsSql } from './raw-feeds-sql.js';
import { FEEDS } from './dirty-records.js';
import type { GenerateSummary } from './generate-data.js';
import { generateSmall } from './test-dataset.js';

let instance: DuckDBInstance;
let connection: DuckDBConnection;
let dataset: GenerateSummary;

async function scalar(sql: string): Promise<unknown> {
  const reader = await connection.runAndReadAll(sql);
  return Object.values(reader.getRowObjectsJS()[0] ?? {})[0];
}

const manifestTotal = (summary: GenerateSummary, feed: (typeof FEEDS)[number]): number =>
  Object.values(summary.manifest.rowCounts[feed]).reduce((a, b) => a + b, 0);

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  dataset = await generateSmall();
});

afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

describe('loadRawFeeds', () => {
  it('loads every feed with the row counts of the manifest, idempotently', async () => {
    const loadedAt = new Date('2026-02-01T06:00:00Z');
    const counts = await loadRawFeeds(connection, dataset.outDir, 'raw', { loadedAt });
    for (const feed of FEEDS) expect(counts[feed], feed).toBe(manifestTotal(dataset, feed));
    expect(await loadRawFeeds(connection, dataset.outDir, 'raw', { loadedAt })).toEqual(counts);
    expect(await scalar('select count(*)::INTEGER from raw.events')).toBe(counts.events);
    expect(String(await scalar('select max(_loaded_at)::VARCHAR from raw.orders'))).toBe('2026-02-01 06:00:00');
    expect(await scalar("select count(distinct _source_file)::INTEGER from raw.events where _source_file like 'events/2026-01-0_/events.csv'")).toBe(3);
    expect(await scalar("select min(_source_file) from raw.orders")).toBe('orders/orders_2026-01-01.json');
  });

  it('loads the bad rows so the warehouse can quarantine them', async () => {
    await loadRawFeeds(connection, dataset.outDir, 'raw');
    const counts = dataset.manifest.dirty.counts;
    expect(await scalar('select count(*)::INTEGER from raw.orders where try_cast(order_ts as timestamp) is null')).toBe(
      counts.malformed_order_ts,
    );
    expect(await scalar('select count(*)::INTEGER from raw.orders where customer_id is null')).toBe(counts.null_customer_id);
    expect(await scalar('select count(*)::INTEGER from raw.events where event_id is null')).toBe(counts.null_event_id);
    expect(
      await scalar("select count(*)::INTEGER from raw.events where device is null or device not in ('desktop', 'mobile', 'tablet')"),
    ).toBe(counts.malformed_event_row);
    expect(await scalar('select count(*)::INTEGER from (select order_id from raw.orders group by 1 having count(*) > 1)')).toBe(
      counts.duplicate_order,
    );
    expect(await scalar('select count(*)::INTEGER from raw.order_lines where quantity <= 0 or unit_price < 0')).toBe(
      counts.zero_quantity + counts.negative_unit_price,
    );
    expect(await scalar('select typeof(order_total) from raw.orders limit 1')).toBe('DECIMAL(12,2)');
    expect(await scalar('select typeof(payment_ts) from raw.payments limit 1')).toBe('TIMESTAMP');
  });

  it('loads parquet events into the same table shape', async () => {
    const parquet = await generateSmall({ days: 2, eventsFormat: 'parquet' });
    const counts = await loadRawFeeds(connection, parquet.outDir, 'raw_parquet');
    expect(counts.events).toBe(manifestTotal(parquet, 'events'));
    expect(await scalar('select count(*)::INTEGER from raw_parquet.events where event_id is null')).toBe(
      parquet.manifest.dirty.counts.null_event_id,
    );
    expect(await scalar("select _source_file from raw_parquet.events limit 1")).toMatch(/^events\/2026-01-0[12]\/events\.parquet$/);
    const columns = async (schema: string): Promise<unknown> =>
      (await connection.runAndReadAll(`describe ${schema}.events`)).getRowObjectsJS().map((row) => `${row.column_name} ${row.column_type}`);
    expect(await columns('raw_parquet')).toEqual(await columns('raw'));
  });

  it('exposes its SQL, one statement per feed after the schema', () => {
    const statements = rawFeedsSql('/data/raw', { schema: 'raw', loadedAt: new Date('2026-02-01T00:00:00Z') });
    expect(statements.map((statement) => statement.table)).toEqual([null, ...FEEDS]);
    expect(statements[3]!.sql).toContain("read_json('/data/raw/orders/orders_*.json'");
    expect(statements[3]!.sql).toContain('cast("order_ts" as VARCHAR)');
    expect(statements[6]!.sql).toContain('null_padding = true');
  });
});
