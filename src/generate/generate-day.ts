/**
 * One day of the five small feeds (customers, products, orders, order lines, payments), written by
 * the main thread in day order because each continues the shared state. It hands back the
 * snapshot the day's events are generated from, so events can be written elsewhere, later.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { dailyVolume } from './calendar.js';
import type { FeedName } from './dirty-records.js';
import { advanceDataset } from './dataset-state.js';
import type { DatasetState } from './dataset-state.js';
import { customerJsonLine } from './customers.js';
import { productJsonLine } from './products.js';
import { generateDayOrders, renderDayOrders } from './orders.js';
import { renderDayPayments } from './payments.js';
import { feedPath } from './feed-paths.js';
import { eventsDayInput } from './events-day-input.js';
import type { EventsDayInput } from './events-day-input.js';
import type { GenerationManifest, LastIds } from './manifest.js';

/** The day's small feeds as written, and what its events need. */
export interface DayFeeds {
  readonly rows: Omit<Record<FeedName, number>, 'events'>;
  readonly dirty: GenerationManifest['dirty']['records'];
  /** Every id but `session`, which the day's events plan decides. */
  readonly lastIds: Omit<LastIds, 'session'>;
  readonly events: EventsDayInput;
}

async function writeFeed(outDir: string, relativePath: string, text: string): Promise<void> {
  const path = join(outDir, relativePath);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}

/** Advances the state to `date`, writes its small feeds and snapshots the inputs of its events. */
export async function generateDayFeeds(
  state: DatasetState,
  outDir: string,
  dayIndex: number,
  date: string,
  lastIds: Omit<LastIds, 'session'>,
  onOrders: (rows: number) => void,
): Promise<DayFeeds> {
  const { parameters, customers, catalog } = state;
  const { seed } = parameters;
  const customersBefore = customers.customers.length;
  const changes = advanceDataset(state, dayIndex, date);

  const customerLines = changes.customerIds.map((id) => customerJsonLine(customers, customers.customers[id - 1]!));
  await writeFeed(outDir, feedPath('customers', date), customerLines.join(''));
  const productLines = changes.productIds.map((id) => productJsonLine(catalog, catalog.products[id - 1]!));
  await writeFeed(outDir, feedPath('products', date), productLines.join(''));

  const orderCount = dailyVolume(parameters.ordersPerDay, date);
  const orders = generateDayOrders(
    { seed, dayIndex, date, count: orderCount },
    customers,
    changes.ordering,
    catalog,
    changes.popularity,
    { firstOrderId: lastIds.order + 1, firstLineId: lastIds.orderLine + 1 },
  );
  const rendered = renderDayOrders(orders, customers.pools.countries, seed, dayIndex, parameters.dirtyRate);
  await writeFeed(outDir, feedPath('orders', date), rendered.ordersText);
  onOrders(orderCount);
  await writeFeed(outDir, feedPath('order_lines', date), rendered.linesText);
  const payments = renderDayPayments(orders, seed, dayIndex, lastIds.payment + 1);
  await writeFeed(outDir, feedPath('payments', date), payments.text);

  const eventCount = dailyVolume(parameters.eventsPerDay, date);
  const events = eventsDayInput(
    {
      seed,
      dayIndex,
      date,
      count: eventCount,
      dirtyRate: parameters.dirtyRate,
      firstEventId: lastIds.event + 1,
      knownCustomers: customersBefore,
    },
    { customers, catalog, visitors: state.visitors, popularity: changes.popularity },
    orders,
  );
  return {
    rows: {
      customers: customerLines.length,
      products: productLines.length,
      orders: rendered.ordersRows,
      order_lines: rendered.linesRows,
      payments: payments.rows,
    },
    dirty: rendered.dirty,
    lastIds: {
      customer: customers.customers.length,
      product: catalog.products.length,
      order: lastIds.order + orderCount,
      orderLine: lastIds.orderLine + orders.lineCount,
      payment: payments.lastPaymentId,
      // A day has exactly its volume of events (the last session is cut to fit).
      event: lastIds.event + eventCount,
    },
    events,
  };
}
