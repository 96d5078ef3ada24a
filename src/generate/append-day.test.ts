import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { generateData } from './generate-data.js';
import { feedPath } from './feed-paths.js';
import { fileHashes, generateSmall, readEventRows, readJsonLines } from './test-dataset.js';

describe('generateData with date (append one day)', () => {
  it('continues ids and history exactly as a longer run would', async () => {
    const twoDays = await generateSmall({ days: 2 });
    const before = twoDays.manifest.lastIds;
    const appended = await generateData({ projectDir: twoDays.outDir, outDir: twoDays.outDir, date: '2026-01-03' });
    expect(appended.dates).toEqual(['2026-01-03']);
    expect(appended.manifest.dates).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);

    const day3Orders = await readJsonLines(join(twoDays.outDir, feedPath('orders', '2026-01-03')));
    expect(Math.min(...day3Orders.map((order) => Number(order.order_id)))).toBe(before.order + 1);
    const day3Events = await readEventRows(join(twoDays.outDir, feedPath('events', '2026-01-03')));
    const eventIds = day3Events.map((row) => Number(row[0])).filter((id) => id > 0);
    expect(Math.min(...eventIds)).toBeGreaterThan(before.event);
    const newCustomers = (await readJsonLines(join(twoDays.outDir, feedPath('customers', '2026-01-03')))).filter(
      (customer) => customer.signup_date === '2026-01-03',
    );
    expect(newCustomers.every((customer) => Number(customer.customer_id) > before.customer)).toBe(true);

    // The appended dataset is byte-identical to generating three days at once.
    const threeDays = await generateSmall({ days: 3 });
    expect(await fileHashes(twoDays.outDir)).toEqual(await fileHashes(threeDays.outDir));
  });

  it('keeps order ids unique across days and profile changes continuing', async () => {
    const dataset = await generateSmall({ days: 2, dirtyRate: 0 });
    await generateData({ projectDir: dataset.outDir, outDir: dataset.outDir, date: '2026-01-03' });
    const ids: number[] = [];
    const segments = new Map<unknown, unknown[]>();
    for (const date of ['2026-01-01', '2026-01-02', '2026-01-03']) {
      for (const order of await readJsonLines(join(dataset.outDir, feedPath('orders', date)))) ids.push(Number(order.order_id));
      for (const customer of await readJsonLines(join(dataset.outDir, feedPath('customers', date)))) {
        segments.set(customer.customer_id, [...(segments.get(customer.customer_id) ?? []), customer.updated_at]);
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
    // Some customers have a newer version on a later day: SCD2 history.
    const changed = [...segments.values()].filter((versions) => versions.length > 1);
    expect(changed.length).toBeGreaterThan(0);
    for (const versions of changed) expect([...versions].sort()).toEqual(versions);
  });

  it('refuses a date that is not the day after the dataset', async () => {
    const dataset = await generateSmall({ days: 2 });
    await expect(generateData({ projectDir: dataset.outDir, outDir: dataset.outDir, date: '2026-01-05' })).rejects.toThrow(
      /the next day is 2026-01-03/,
    );
    await expect(generateData({ projectDir: dataset.outDir, outDir: join(dataset.outDir, 'nothing'), date: '2026-01-03' })).rejects.toThrow(
      /No dataset to continue/,
    );
  });
});
