/**
 * One day of orders and order lines: timestamps with hour-of-day seasonality, repeat customers
 * by propensity, popular products, discounts, and the orders/order_lines dirty kinds.
 */
import { formatEpochSeconds, dayStartMs, hourTableFor, sampleSecondOfDay, timestampFormatter } from './calendar.js';
import { createRandom, createWeightedTable, deriveSeed } from './random.js';
import type { Random, WeightedTable } from './random.js';
import { dirtyKindOf, planDirtyRows } from './dirty-records.js';
import type { DirtyRecord } from './dirty-records.js';
import { formatCents } from './format-cents.js';
import type { CustomerBase } from './customers.js';
import type { Catalog } from './products.js';
import type { CountryPool } from './build-pools.js';

export const ORDER_STATUSES = ['placed', 'shipped', 'delivered', 'cancelled', 'returned'] as const;
export const ORDER_CHANNELS = ['web', 'app'] as const;
const STATUS_TABLE = createWeightedTable([8, 12, 70, 5, 5]);
const LINES_PER_ORDER_TABLE = createWeightedTable([45, 28, 15, 8, 4]);
const QUANTITY_TABLE = createWeightedTable([70, 20, 7, 3]);
const DISCOUNT_PERCENTS = [5, 10, 15, 20];
/** Status a re-sent order moves to (placed → shipped → delivered → returned); cancelled stays. */
const LATER_STATUS = [1, 2, 4, 3, 4];
/** Orphan product ids start here, far above any real product id. */
export const ORPHAN_PRODUCT_ID_BASE = 9_000_000;

/** What the generator knows about one day's orders (true values, before dirt is applied). */
export interface DayOrders {
  readonly date: string;
  readonly count: number;
  readonly firstOrderId: number;
  readonly customerIds: Int32Array;
  /** Second of the day the order was placed. */
  readonly seconds: Int32Array;
  readonly statuses: Uint8Array;
  readonly channels: Uint8Array;
  /** Index into the country pools (shipping country). */
  readonly countries: Uint8Array;
  readonly totalCents: Float64Array;
  /** Per order: the index of its first line and its line count. */
  readonly firstLine: Int32Array;
  readonly lineCounts: Uint8Array;
  readonly firstLineId: number;
  readonly lineCount: number;
  readonly lineProductIds: Int32Array;
  readonly lineQuantities: Int32Array;
  readonly linePriceCents: Float64Array;
  readonly lineDiscountCents: Float64Array;
}

/** Where a day's ids start. */
export interface OrderIdStart {
  readonly firstOrderId: number;
  readonly firstLineId: number;
}

/** Generates `count` orders for a day. Order ids increase with `order_ts`. */
export function generateDayOrders(
  context: { readonly seed: number; readonly dayIndex: number; readonly date: string; readonly count: number },
  customers: CustomerBase,
  ordering: WeightedTable,
  catalog: Catalog,
  popularity: WeightedTable,
  ids: OrderIdStart,
): DayOrders {
  const { count, date } = context;
  const random = createRandom(deriveSeed(context.seed, 'orders', context.dayIndex));
  const hours = hourTableFor(date);
  const seconds = new Int32Array(count);
  for (let i = 0; i < count; i++) seconds[i] = sampleSecondOfDay(random, hours);
  seconds.sort();

  const customerIds = new Int32Array(count);
  const statuses = new Uint8Array(count);
  const channels = new Uint8Array(count);
  const countries = new Uint8Array(count);
  const totalCents = new Float64Array(count);
  const firstLine = new Int32Array(count);
  const lineCounts = new Uint8Array(count);
  const maxLines = count * 5;
  const lineProductIds = new Int32Array(maxLines);
  const lineQuantities = new Int32Array(maxLines);
  const linePriceCents = new Float64Array(maxLines);
  const lineDiscountCents = new Float64Array(maxLines);
  const countryCount = customers.pools.countries.length;
  let line = 0;

  for (let i = 0; i < count; i++) {
    const customer = customers.customers[ordering.sample(random)]!;
    customerIds[i] = customer.id;
    statuses[i] = STATUS_TABLE.sample(random);
    channels[i] = random.chance(0.4) ? 1 : 0;
    // A few orders are gifts shipped abroad.
    countries[i] = random.chance(0.03) ? random.int(countryCount) : customer.country;
    firstLine[i] = line;
    const lines = LINES_PER_ORDER_TABLE.sample(random) + 1;
    lineCounts[i] = lines;
    let total = 0;
    for (let n = 0; n < lines; n++, line++) {
      const product = catalog.products[pickProductIndex(random, popularity, lineProductIds, firstLine[i]!, line)]!;
      const quantity = QUANTITY_TABLE.sample(random) + 1;
      const gross = quantity * product.priceCents;
      const discount = random.chance(0.15) ? Math.round((gross * random.pick(DISCOUNT_PERCENTS)) / 100) : 0;
      lineProductIds[line] = product.id;
      lineQuantities[line] = quantity;
      linePriceCents[line] = product.priceCents;
      lineDiscountCents[line] = discount;
      total += gross - discount;
    }
    totalCents[i] = total;
  }
  return {
    date,
    count,
    firstOrderId: ids.firstOrderId,
    customerIds,
    seconds,
    statuses,
    channels,
    countries,
    totalCents,
    firstLine,
    lineCounts,
    firstLineId: ids.firstLineId,
    lineCount: line,
    lineProductIds: lineProductIds.subarray(0, line),
    lineQuantities: lineQuantities.subarray(0, line),
    linePriceCents: linePriceCents.subarray(0, line),
    lineDiscountCents: lineDiscountCents.subarray(0, line),
  };
}

/** A product index not already on this order (a few retries; popular catalogs may still repeat). */
function pickProductIndex(random: Random, popularity: WeightedTable, chosenIds: Int32Array, from: number, to: number): number {
  let index = popularity.sample(random);
  for (let attempt = 0; attempt < 3 && chosenIds.subarray(from, to).includes(index + 1); attempt++) index = popularity.sample(random);
  return index;
}

/** The orders and order_lines files of a day, as text, plus the dirty records injected into them. */
export interface RenderedOrders {
  readonly ordersText: string;
  readonly ordersRows: number;
  readonly linesText: string;
  readonly linesRows: number;
  readonly dirty: readonly DirtyRecord[];
}

/** Renders both feeds for a day, injecting dirty records at `dirtyRate` (see README). */
export function renderDayOrders(
  orders: DayOrders,
  countries: readonly CountryPool[],
  seed: number,
  dayIndex: number,
  dirtyRate: number,
): RenderedOrders {
  const random = createRandom(deriveSeed(seed, 'orders-dirty', dayIndex));
  const orderCodes = planDirtyRows(random, 'orders', orders.count, dirtyRate);
  const lineCodes = planDirtyRows(random, 'order_lines', orders.lineCount, dirtyRate);
  const dirty: DirtyRecord[] = [];
  const date = orders.date;
  const format = timestampFormatter(date);
  const dayStartSeconds = dayStartMs(date) / 1000;
  const markets = countries.map((country) => `"shipping_country":"${country.code}","currency":"${country.currency}"`);

  const orderRows: string[] = [];
  const duplicates: string[] = [];
  for (let i = 0; i < orders.count; i++) {
    const orderId = orders.firstOrderId + i;
    const code = orderCodes[i]!;
    const kind = code === 0 ? undefined : dirtyKindOf('orders', code);
    if (kind) dirty.push({ kind, feed: 'orders', day: date, id: orderId });
    let customer = String(orders.customerIds[i]);
    let timestamp = format(orders.seconds[i]!);
    if (kind === 'null_customer_id') customer = 'null';
    else if (kind === 'future_order_ts') {
      timestamp = formatEpochSeconds(dayStartSeconds + orders.seconds[i]! + random.between(1, 5) * 365 * 86_400);
    } else if (kind === 'malformed_order_ts') timestamp = malformedTimestamp(random, date, orders.seconds[i]!);
    const row = orderJsonLine(orders, markets, i, orderId, customer, timestamp, orders.statuses[i]!);
    orderRows.push(row);
    if (kind === 'duplicate_order') {
      // Half are re-sent unchanged, half with the next status in the lifecycle.
      const status = random.chance(0.5) ? orders.statuses[i]! : LATER_STATUS[orders.statuses[i]!]!;
      duplicates.push(orderJsonLine(orders, markets, i, orderId, customer, timestamp, status));
    }
  }

  const lineRows: string[] = new Array(orders.lineCount);
  for (let i = 0; i < orders.count; i++) {
    const orderId = orders.firstOrderId + i;
    const first = orders.firstLine[i]!;
    for (let n = 0; n < orders.lineCounts[i]!; n++) {
      const line = first + n;
      const lineId = orders.firstLineId + line;
      const code = lineCodes[line]!;
      let productId = orders.lineProductIds[line]!;
      let quantity = orders.lineQuantities[line]!;
      let price = orders.linePriceCents[line]!;
      if (code !== 0) {
        const kind = dirtyKindOf('order_lines', code);
        dirty.push({ kind, feed: 'order_lines', day: date, id: lineId });
        if (kind === 'zero_quantity') quantity = 0;
        else if (kind === 'negative_unit_price') price = -price;
        else productId = ORPHAN_PRODUCT_ID_BASE + random.int(1_000_000);
      }
      lineRows[line] =
        `{"order_line_id":${lineId},"order_id":${orderId},"line_number":${n + 1},"product_id":${productId},` +
        `"quantity":${quantity},"unit_price":${formatCents(price)},"discount_amount":${formatCents(orders.lineDiscountCents[line]!)}}\n`;
    }
  }
  dirty.sort(byFeedThenId);
  return {
    ordersText: orderRows.join('') + duplicates.join(''),
    ordersRows: orderRows.length + duplicates.length,
    linesText: lineRows.join(''),
    linesRows: orders.lineCount,
    dirty,
  };
}

function byFeedThenId(a: DirtyRecord, b: DirtyRecord): number {
  return a.feed === b.feed ? a.id - b.id : a.feed < b.feed ? -1 : 1;
}

function orderJsonLine(
  orders: DayOrders,
  markets: readonly string[],
  i: number,
  orderId: number,
  customer: string,
  timestamp: string,
  status: number,
): string {
  return (
    `{"order_id":${orderId},"customer_id":${customer},"order_ts":"${timestamp}","status":"${ORDER_STATUSES[status]}",` +
    `"channel":"${ORDER_CHANNELS[orders.channels[i]!]}",${markets[orders.countries[i]!]},` +
    `"order_total":${formatCents(orders.totalCents[i]!)}}\n`
  );
}

/** Timestamps an upstream system really sends when it breaks: impossible times, local formats, placeholders. */
function malformedTimestamp(random: Random, date: string, second: number): string {
  const [year, month, day] = date.split('-');
  const hour = String(Math.floor(second / 3600)).padStart(2, '0');
  const minute = String(Math.floor(second / 60) % 60).padStart(2, '0');
  switch (random.int(4)) {
    case 0:
      return `${date}T25:61:00Z`;
    case 1:
      return `${day}/${month}/${year} ${hour}:${minute}`;
    case 2:
      return 'N/A';
    default:
      return '0000-00-00 00:00:00';
  }
}
