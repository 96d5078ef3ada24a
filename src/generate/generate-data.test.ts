import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateData } from './generate-data.js';
import { dailyVolume } from './calendar.js';
import { DIRTY_KINDS } from './dirty-records.js';
import type { DirtyRecord } from './dirty-records.js';
import { feedPath } from './feed-paths.js';
import { ORPHAN_PRODUCT_ID_BASE } from './orders.js';
import type { GenerateSummary } from './generate-data.js';
import { fileHashes, generateSmall, readEventRows, readJsonLines, SMALL_OPTIONS } from './test-dataset.js';

type Row = Record<string, unknown>;
const cents = (value: unknown): number => Math.round(Number(value) * 100);

let summary: GenerateSummary;
let dates: readonly string[];
const orders = new Map<string, Row[]>();
const lines = new Map<string, Row[]>();
const events = new Map<string, string[][]>();
let productIds: Set<number>;

beforeAll(async () => {
  summary = await generateSmall();
  dates = summary.manifest.dates;
  const products: Row[] = [];
  for (const date of dates) {
    orders.set(date, await readJsonLines(join(summary.outDir, feedPath('orders', date))));
    lines.set(date, await readJsonLines(join(summary.outDir, feedPath('order_lines', date))));
    events.set(date, await readEventRows(join(summary.outDir, feedPath('events', date))));
    products.push(...(await readJsonLines(join(summary.outDir, feedPath('products', date)))));
  }
  productIds = new Set(products.map((product) => Number(product.product_id)));
});

const dirtyOf = (kind: DirtyRecord['kind']): readonly DirtyRecord[] =>
  summary.manifest.dirty.records.filter((record) => record.kind === kind);

describe('generateData', () => {
  it('is deterministic: the same seed gives byte-identical files, another seed different ones', async () => {
    const again = await generateSmall();
    const first = await fileHashes(summary.outDir);
    expect(Object.keys(first)).toHaveLength(3 * 6 + 1);
    expect(await fileHashes(again.outDir)).toEqual(first);
    const other = await fileHashes((await generateSmall({ seed: 7 })).outDir);
    expect(other['events/2026-01-01/events.csv']).not.toBe(first['events/2026-01-01/events.csv']);
    expect(other['orders/orders_2026-01-01.json']).not.toBe(first['orders/orders_2026-01-01.json']);
  });

  it('writes the volumes the options ask for, plus the documented duplicates', () => {
    expect(dates).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
    for (const date of dates) {
      const duplicates = dirtyOf('duplicate_order').filter((record) => record.day === date).length;
      expect(orders.get(date)).toHaveLength(dailyVolume(SMALL_OPTIONS.ordersPerDay!, date) + duplicates);
      expect(events.get(date)).toHaveLength(dailyVolume(SMALL_OPTIONS.eventsPerDay!, date));
      expect(summary.manifest.rowCounts.orders[date]).toBe(orders.get(date)!.length);
      expect(summary.manifest.rowCounts.order_lines[date]).toBe(lines.get(date)!.length);
      expect(summary.manifest.rowCounts.events[date]).toBe(events.get(date)!.length);
    }
    // Saturday 2026-01-03 gets the weekend uplift.
    expect(events.get('2026-01-03')).toHaveLength(2_200);
    expect(summary.manifest.rowCounts.customers['2026-01-01']).toBe(300);
    expect(summary.manifest.rowCounts.products['2026-01-01']).toBe(50);
  });

  it('makes order_total equal the sum of its lines for clean orders', () => {
    const dirtyOrders = new Set(summary.manifest.dirty.records.filter((r) => r.feed === 'orders').map((r) => r.id));
    const dirtyLines = new Set(summary.manifest.dirty.records.filter((r) => r.feed === 'order_lines').map((r) => r.id));
    let checked = 0;
    for (const date of dates) {
      const sums = new Map<number, number>();
      const touched = new Set<number>();
      for (const line of lines.get(date)!) {
        const orderId = Number(line.order_id);
        if (dirtyLines.has(Number(line.order_line_id))) touched.add(orderId);
        sums.set(orderId, (sums.get(orderId) ?? 0) + Number(line.quantity) * cents(line.unit_price) - cents(line.discount_amount));
      }
      for (const order of orders.get(date)!) {
        const id = Number(order.order_id);
        if (dirtyOrders.has(id) || touched.has(id)) continue;
        expect(cents(order.order_total)).toBe(sums.get(id));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('keeps the funnel monotonic and links purchases to real orders', () => {
    for (const date of dates) {
      const counts: Record<string, number> = {};
      for (const row of events.get(date)!) if (row.length === 12) counts[row[5]!] = (counts[row[5]!] ?? 0) + 1;
      expect(counts.page_view).toBeGreaterThanOrEqual(counts.product_view!);
      expect(counts.product_view).toBeGreaterThanOrEqual(counts.add_to_cart!);
      expect(counts.add_to_cart).toBeGreaterThanOrEqual(counts.checkout!);
      expect(counts.checkout).toBeGreaterThanOrEqual(counts.purchase!);
      expect(counts.purchase).toBeGreaterThan(0);
      const customerOf = new Map(orders.get(date)!.map((order) => [Number(order.order_id), order.customer_id]));
      for (const row of events.get(date)!.filter((r) => r.length === 12 && r[5] === 'purchase')) {
        expect(customerOf.has(Number(row[11]))).toBe(true);
        const customer = customerOf.get(Number(row[11]));
        if (customer !== null) expect(Number(row[2])).toBe(customer);
      }
    }
  });

  it('orders events of a session in time, a few minutes apart', () => {
    const bySession = new Map<string, string[]>();
    // Malformed rows lose a field after event_ts, so session_id and event_ts are still in place.
    for (const row of events.get('2026-01-02')!) {
      bySession.set(row[1]!, [...(bySession.get(row[1]!) ?? []), row[4]!]);
    }
    expect(bySession.size).toBeGreaterThan(300);
    for (const times of bySession.values()) {
      expect([...times].sort()).toEqual(times);
      const span = Date.parse(times[times.length - 1]!) - Date.parse(times[0]!);
      expect(span).toBeLessThanOrEqual((times.length - 1) * 240_000);
    }
  });

  it('has repeat customers', () => {
    const perCustomer = new Map<unknown, number>();
    for (const date of dates) for (const order of orders.get(date)!) perCustomer.set(order.customer_id, (perCustomer.get(order.customer_id) ?? 0) + 1);
    const repeat = [...perCustomer.values()].filter((n) => n > 1).length;
    expect(repeat / perCustomer.size).toBeGreaterThan(0.2);
    expect(repeat / perCustomer.size).toBeLessThan(0.95);
  });

  it('injects every dirty kind, where the manifest says', () => {
    const counts = summary.manifest.dirty.counts;
    for (const kind of DIRTY_KINDS) expect(counts[kind], kind).toBeGreaterThan(0);
    expect(summary.manifest.dirty.records).toHaveLength(Object.values(counts).reduce((a, b) => a + b, 0));
    const allOrders = dates.flatMap((date) => orders.get(date)!);
    const allLines = dates.flatMap((date) => lines.get(date)!);
    const ordersById = (id: number): Row[] => allOrders.filter((order) => order.order_id === id);
    const lineById = (id: number): Row => allLines.find((line) => line.order_line_id === id)!;

    for (const { id } of dirtyOf('duplicate_order')) expect(ordersById(id)).toHaveLength(2);
    for (const { id } of dirtyOf('null_customer_id')) expect(ordersById(id)[0]!.customer_id).toBeNull();
    for (const { id } of dirtyOf('future_order_ts')) expect(Number(String(ordersById(id)[0]!.order_ts).slice(0, 4))).toBeGreaterThan(2026);
    for (const { id } of dirtyOf('malformed_order_ts')) {
      expect(String(ordersById(id)[0]!.order_ts)).not.toMatch(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$/);
    }
    for (const { id } of dirtyOf('zero_quantity')) expect(lineById(id).quantity).toBe(0);
    for (const { id } of dirtyOf('negative_unit_price')) expect(Number(lineById(id).unit_price)).toBeLessThan(0);
    for (const { id } of dirtyOf('orphan_product_id')) {
      expect(productIds.has(Number(lineById(id).product_id))).toBe(false);
      expect(Number(lineById(id).product_id)).toBeGreaterThanOrEqual(ORPHAN_PRODUCT_ID_BASE);
    }
    // Clean rows never look dirty.
    const dirtyOrderIds = new Set(summary.manifest.dirty.records.filter((r) => r.feed === 'orders').map((r) => r.id));
    for (const order of allOrders) if (!dirtyOrderIds.has(Number(order.order_id))) expect(order.customer_id).not.toBeNull();

    for (const date of dates) {
      const rows = events.get(date)!;
      const nullIds = rows.filter((row) => row[0] === '');
      const malformed = rows.filter((row) => row.length !== 12);
      const expectedNull = dirtyOf('null_event_id').filter((r) => r.day === date);
      const expectedMalformed = dirtyOf('malformed_event_row').filter((r) => r.day === date);
      expect(nullIds).toHaveLength(expectedNull.length);
      expect(malformed.map((row) => Number(row[0]))).toEqual(expectedMalformed.map((r) => r.id));
      expect(malformed.every((row) => row.length === 11)).toBe(true);
      // The blanked ids are the gaps in the event id sequence.
      const present = new Set(rows.map((row) => Number(row[0])));
      const first = Math.min(...[...present].filter((id) => id > 0));
      const gaps = [];
      for (let id = first; id < first + rows.length; id++) if (!present.has(id)) gaps.push(id);
      expect(gaps).toEqual(expectedNull.map((r) => r.id));
    }
  });

  it('gives clean data with dirtyRate 0', async () => {
    const clean = await generateSmall({ days: 1, dirtyRate: 0 });
    expect(clean.manifest.dirty.records).toHaveLength(0);
    const rows = await readEventRows(join(clean.outDir, feedPath('events', '2026-01-01')));
    expect(rows.every((row) => row.length === 12 && row[0] !== '')).toBe(true);
  });

  it('reports progress up to the planned total', async () => {
    const seen: number[] = [];
    let total = 0;
    const dir = await mkdtemp(join(tmpdir(), 'tsdbt-generate-'));
    await generateData({ projectDir: dir, ...SMALL_OPTIONS, days: 2 }, (progress) => {
      seen.push(progress.rowsWritten);
      total = progress.rowsTotal;
      expect(progress.secondsLeft).toBeGreaterThanOrEqual(0);
    });
    expect(total).toBe(dailyVolume(200, '2026-01-01') + dailyVolume(200, '2026-01-02') + dailyVolume(2_000, '2026-01-01') + dailyVolume(2_000, '2026-01-02'));
    expect(seen[seen.length - 1]).toBe(total);
    // outDir defaults to data/raw under the project dir.
    expect((await readEventRows(join(dir, 'data/raw', feedPath('events', '2026-01-02')))).length).toBe(2_000);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });
});
