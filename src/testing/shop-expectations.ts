/**
 * The reference warehouse's business facts, computed straight from the generator's files
 * (JSON lines, CSV and `_manifest.json`) in TypeScript, so the end-to-end test can compare
 * them with what the SQL models built. The rules here are written from the generator's side:
 * a record is dirty because the manifest says so, not because a SQL rule rejected it.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readEventRows, readJsonLines } from '../generate/test-dataset.js';
import { readManifest, type GenerationManifest } from '../generate/manifest.js';

/** Orders whose id the manifest marks with one of these kinds never reach the marts. */
const REJECTED_ORDER_KINDS = new Set(['null_customer_id', 'future_order_ts', 'malformed_order_ts']);
const NON_REVENUE_STATUSES = new Set(['cancelled', 'returned']);
const SESSION_TIMEOUT_SECONDS = 30 * 60;

export interface FunnelDay {
  readonly sessions: number;
  readonly productView: number;
  readonly addToCart: number;
  readonly checkout: number;
  readonly purchase: number;
}

export interface ShopExpectations {
  readonly manifest: GenerationManifest;
  /** Clean order lines of clean orders, in cents: quantity × unit price − discount. */
  readonly grossRevenueCents: number;
  /** The same for orders neither cancelled nor returned (their latest version). */
  readonly netRevenueCents: number;
  /** Clean orders per UTC day of order_ts. */
  readonly ordersPerDay: Readonly<Record<string, number>>;
  readonly cleanOrderIds: ReadonlySet<number>;
  readonly cleanLineIds: ReadonlySet<number>;
  /** Customers with two or more clean orders. */
  readonly repeatCustomers: number;
  /** Sessions (30-minute inactivity rule per visitor) per day of their first event. */
  readonly funnel: Readonly<Record<string, FunnelDay>>;
}

async function feedRows(dataDir: string, feed: string): Promise<Record<string, unknown>[]> {
  const files = (await readdir(join(dataDir, feed))).filter((name) => name.endsWith('.json')).sort();
  const rows: Record<string, unknown>[] = [];
  for (const file of files) rows.push(...(await readJsonLines(join(dataDir, feed, file))));
  return rows;
}

const cents = (amount: unknown): number => Math.round(Number(amount) * 100);

/** Reads the dataset in `dataDir` and computes every fact the test checks. */
export async function computeShopExpectations(dataDir: string): Promise<ShopExpectations> {
  const manifest = await readManifest(dataDir);
  const dirtyIds = (feed: string, kinds?: ReadonlySet<string>): Set<number> =>
    new Set(manifest.dirty.records.filter((r) => r.feed === feed && (!kinds || kinds.has(r.kind))).map((r) => r.id));
  const rejectedOrders = dirtyIds('orders', REJECTED_ORDER_KINDS);
  const rejectedLines = dirtyIds('order_lines');

  // A re-sent order is written after the day's other orders: the last row of an id is its latest version.
  const latestOrder = new Map<number, Record<string, unknown>>();
  for (const order of await feedRows(dataDir, 'orders')) latestOrder.set(Number(order.order_id), order);
  for (const id of rejectedOrders) latestOrder.delete(id);

  const ordersPerDay: Record<string, number> = {};
  const ordersPerCustomer = new Map<number, number>();
  for (const order of latestOrder.values()) {
    const day = String(order.order_ts).slice(0, 10);
    ordersPerDay[day] = (ordersPerDay[day] ?? 0) + 1;
    const customer = Number(order.customer_id);
    ordersPerCustomer.set(customer, (ordersPerCustomer.get(customer) ?? 0) + 1);
  }

  let grossRevenueCents = 0;
  let netRevenueCents = 0;
  const cleanLineIds = new Set<number>();
  for (const line of await feedRows(dataDir, 'order_lines')) {
    const lineId = Number(line.order_line_id);
    const order = latestOrder.get(Number(line.order_id));
    if (!order || rejectedLines.has(lineId)) continue;
    cleanLineIds.add(lineId);
    const total = Number(line.quantity) * cents(line.unit_price) - cents(line.discount_amount);
    grossRevenueCents += total;
    if (!NON_REVENUE_STATUSES.has(String(order.status))) netRevenueCents += total;
  }

  return {
    manifest,
    grossRevenueCents,
    netRevenueCents,
    ordersPerDay,
    cleanOrderIds: new Set(latestOrder.keys()),
    cleanLineIds,
    repeatCustomers: [...ordersPerCustomer.values()].filter((count) => count >= 2).length,
    funnel: await computeFunnel(dataDir, manifest),
  };
}

interface CleanEvent {
  readonly id: number;
  readonly visitor: string;
  readonly seconds: number;
  readonly day: string;
  readonly type: string;
}

async function computeFunnel(dataDir: string, manifest: GenerationManifest): Promise<Record<string, FunnelDay>> {
  const dirty = new Set(manifest.dirty.records.filter((r) => r.feed === 'events').map((r) => r.id));
  const byVisitor = new Map<string, CleanEvent[]>();
  for (const day of manifest.dates) {
    for (const fields of await readEventRows(join(dataDir, 'events', day, 'events.csv'))) {
      const [id, , , visitor, timestamp, type] = fields;
      // null_event_id rows have no id; malformed rows lost a field (the manifest lists them).
      if (!id || dirty.has(Number(id)) || fields.length !== 12) continue;
      const event = { id: Number(id), visitor: visitor!, seconds: Date.parse(timestamp!) / 1000, day: timestamp!.slice(0, 10), type: type! };
      const list = byVisitor.get(event.visitor) ?? [];
      list.push(event);
      byVisitor.set(event.visitor, list);
    }
  }
  const funnel: Record<string, { sessions: number; productView: number; addToCart: number; checkout: number; purchase: number }> = {};
  for (const events of byVisitor.values()) {
    events.sort((a, b) => a.seconds - b.seconds || a.id - b.id);
    let session: CleanEvent[] = [];
    const close = (): void => {
      if (session.length === 0) return;
      const day = session[0]!.day;
      const counts = (funnel[day] ??= { sessions: 0, productView: 0, addToCart: 0, checkout: 0, purchase: 0 });
      const types = new Set(session.map((e) => e.type));
      counts.sessions += 1;
      if (types.has('product_view')) counts.productView += 1;
      if (types.has('add_to_cart')) counts.addToCart += 1;
      if (types.has('checkout')) counts.checkout += 1;
      if (types.has('purchase')) counts.purchase += 1;
    };
    for (const event of events) {
      const previous = session.at(-1);
      if (previous && event.seconds - previous.seconds > SESSION_TIMEOUT_SECONDS) {
        close();
        session = [];
      }
      session.push(event);
    }
    close();
  }
  return funnel;
}
