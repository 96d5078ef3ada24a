/**
 * One day of clickstream events, written as CSV. This is the hot path (tens of millions of
 * rows), so sessions are planned into typed arrays first, then rows are built from precomputed
 * string parts and written in large chunks.
 */
import { hourTableFor, sampleSecondOfDay } from './calendar.js';
import { asciiBytes, ByteWriter } from './byte-writer.js';
import { createRandom, createWeightedTable, deriveSeed } from './random.js';
import type { Random, WeightedTable } from './random.js';
import { planDirtyRows, dirtyKindOf } from './dirty-records.js';
import type { DirtyRecord } from './dirty-records.js';
import { anonymousIdOf } from './visitors.js';
import type { Visitors } from './visitors.js';
import type { CustomerBase } from './customers.js';
import type { Catalog } from './products.js';
import type { DayOrders } from './orders.js';

export const EVENT_TYPES = ['page_view', 'product_view', 'add_to_cart', 'checkout', 'purchase'] as const;
export const DEVICES = ['desktop', 'mobile', 'tablet'] as const;
/** Empty means direct traffic. No value contains a comma or quote, so rows need no CSV quoting. */
export const REFERRERS = [
  '',
  'https://www.google.com/',
  'https://www.bing.com/',
  'https://www.facebook.com/',
  'https://www.instagram.com/',
  'https://t.co/',
  'https://newsletter.shop.example/',
] as const;
export const EVENTS_CSV_HEADER =
  'event_id,session_id,user_id,anonymous_id,event_ts,event_type,page_url,product_id,device,referrer,country,order_id\n';

/**
 * Conditional funnel: a session has page views; 60% go on to view products, 25% of those add to
 * cart, 40% of those check out, 50% of those buy. Overall 100% / 60% / 15% / 6% / 3%.
 */
export const FUNNEL = { productView: 0.6, addToCart: 0.25, checkout: 0.4, purchase: 0.5 } as const;
/** Share of known visitors' sessions that are logged in (carry user_id). */
const LOGGED_IN_SHARE = 0.7;

const DEVICE_TABLE = createWeightedTable([45, 45, 10]);
const REFERRER_TABLE = createWeightedTable([30, 35, 5, 10, 10, 4, 6]);
const PAGE_VIEWS_TABLE = createWeightedTable([50, 30, 20]);
const STATIC_PAGES = ['/', '/deals', '/search', '/account', '/new-arrivals'];
const STATIC_PAGE_WEIGHTS = [40, 10, 12, 5, 8];
const CATEGORY_PAGE_WEIGHT = 25;
const SESSION_KEY = 16_777_216;

/** What a day's events need to know, besides the shared state. */
export interface DayEventsContext {
  readonly seed: number;
  readonly dayIndex: number;
  readonly date: string;
  readonly count: number;
  readonly dirtyRate: number;
  readonly firstEventId: number;
  readonly firstSessionId: number;
  /** Customers that existed before the day began (ids 1..n). */
  readonly knownCustomers: number;
}

export interface DayEventsResult {
  readonly rows: number;
  readonly sessions: number;
  readonly dirty: readonly DirtyRecord[];
}

/** Receives CSV bytes in large chunks (`rows` counts the data rows in the chunk). */
export type ChunkSink = (bytes: Uint8Array, rows: number) => Promise<void>;

/** Precomputed `,event_type,page_url,product_id` parts; an event stores an index into `parts`. */
interface EventParts {
  readonly parts: readonly string[];
  readonly pageTable: WeightedTable;
  readonly checkout: number;
  readonly purchase: number;
  /** Index of product id p's `product_view` part is `productView + p - 1`. */
  readonly productView: number;
  readonly addToCart: number;
}

function buildEventParts(catalog: Catalog): EventParts {
  const pages = [...STATIC_PAGES, ...catalog.pools.categories.map((category) => `/category/${category.slug}`)];
  const weights = [
    ...STATIC_PAGE_WEIGHTS,
    ...catalog.pools.categories.map((category) => (CATEGORY_PAGE_WEIGHT * category.weight) / 100),
  ];
  const parts = pages.map((page) => `,page_view,${page},`);
  const checkout = parts.push(',checkout,/checkout,') - 1;
  const purchase = parts.push(',purchase,/checkout/confirmation,') - 1;
  const productView = parts.length;
  for (const product of catalog.products) parts.push(`,product_view,/products/${product.id},${product.id}`);
  const addToCart = parts.length;
  for (const product of catalog.products) parts.push(`,add_to_cart,/products/${product.id},${product.id}`);
  return { parts, pageTable: createWeightedTable(weights), checkout, purchase, productView, addToCart };
}

/** Per-session fields, packed 8 to a session so the row loop reads one cache line per session. */
const FIELD = { firstEvent: 0, eventCount: 1, start: 2, visitor: 3, userId: 4, device: 5, referrer: 6, country: 7 } as const;
const STRIDE = 8;

/** Sessions and their events for a day, in typed arrays (generation order, not yet sorted by time). */
interface PlannedSessions {
  readonly count: number;
  /** `STRIDE` fields per session, see `FIELD`. */
  readonly sessions: Int32Array;
  /** Order index + 1 for a purchase session, 0 otherwise. */
  readonly order: Int32Array;
  readonly eventPart: Int32Array;
  readonly eventSecond: Int32Array;
}

/** Plans sessions until `count` events; the last session is cut short if needed (the funnel stays intact). */
function planSessions(
  context: DayEventsContext,
  random: Random,
  parts: EventParts,
  customers: CustomerBase,
  visitors: Visitors,
  popularity: WeightedTable,
  orders: DayOrders,
): PlannedSessions {
  const total = context.count;
  const hours = hourTableFor(context.date);
  const maxSessions = total;
  const plan: PlannedSessions = {
    count: 0,
    sessions: new Int32Array(maxSessions * STRIDE),
    order: new Int32Array(maxSessions),
    eventPart: new Int32Array(total),
    eventSecond: new Int32Array(total),
  };
  const purchaseOrder = shuffledIndexes(random, orders.count);
  let nextOrder = 0;
  let event = 0;
  let session = 0;

  while (event < total) {
    const pageViews = PAGE_VIEWS_TABLE.sample(random) + 1;
    const productViews = random.chance(FUNNEL.productView) ? random.between(1, 3) : 0;
    const cart = productViews > 0 && random.chance(FUNNEL.addToCart);
    const checkout = cart && random.chance(FUNNEL.checkout);
    const purchase = checkout && random.chance(FUNNEL.purchase) && nextOrder < orders.count;
    const planned = pageViews + productViews + (cart ? 1 : 0) + (checkout ? 1 : 0) + (purchase ? 1 : 0);
    const length = Math.min(planned, total - event);
    const first = event;

    let lastProduct = 0;
    for (let n = 0; n < length; n++, event++) {
      let part: number;
      if (n < pageViews) part = parts.pageTable.sample(random);
      else if (n < pageViews + productViews) {
        lastProduct = popularity.sample(random);
        part = parts.productView + lastProduct;
      } else if (n === pageViews + productViews) part = parts.addToCart + lastProduct;
      else if (n === pageViews + productViews + 1) part = parts.checkout;
      else part = parts.purchase;
      plan.eventPart[event] = part;
    }

    const isPurchase = purchase && length === planned;
    if (isPurchase) {
      const orderIndex = purchaseOrder[nextOrder++]!;
      const customer = customers.customers[orders.customerIds[orderIndex]! - 1]!;
      plan.order[session] = orderIndex + 1;
      plan.sessions[session * STRIDE + FIELD.visitor] = customer.id - 1;
      plan.sessions[session * STRIDE + FIELD.userId] = customer.id;
      plan.sessions[session * STRIDE + FIELD.country] = customer.country;
      plan.sessions[session * STRIDE + FIELD.device] = orders.channels[orderIndex] === 1 ? (random.chance(0.8) ? 1 : 2) : DEVICE_TABLE.sample(random);
      // Walk back from the order time; the purchase event is the order itself.
      let second = orders.seconds[orderIndex]!;
      for (let k = first + length - 1; k >= first; k--) {
        plan.eventSecond[k] = Math.max(0, second);
        second -= random.between(20, 240);
      }
    } else {
      const visitor = visitors.table.sample(random);
      const customer = visitor < context.knownCustomers ? customers.customers[visitor] : undefined;
      const loggedIn = customer !== undefined && !customer.deleted && random.chance(LOGGED_IN_SHARE);
      plan.order[session] = 0;
      plan.sessions[session * STRIDE + FIELD.visitor] = visitor;
      plan.sessions[session * STRIDE + FIELD.userId] = loggedIn ? customer.id : 0;
      plan.sessions[session * STRIDE + FIELD.country] = customer ? customer.country : visitors.countries[visitor]!;
      plan.sessions[session * STRIDE + FIELD.device] = DEVICE_TABLE.sample(random);
      let second = sampleSecondOfDay(random, hours);
      for (let k = first; k < first + length; k++) {
        plan.eventSecond[k] = Math.min(86_399, second);
        second += random.between(20, 240);
      }
    }
    plan.sessions[session * STRIDE + FIELD.referrer] = REFERRER_TABLE.sample(random);
    plan.sessions[session * STRIDE + FIELD.firstEvent] = first;
    plan.sessions[session * STRIDE + FIELD.eventCount] = length;
    plan.sessions[session * STRIDE + FIELD.start] = plan.eventSecond[first]!;
    session++;
  }
  return { ...plan, count: session };
}

function shuffledIndexes(random: Random, count: number): Int32Array {
  const indexes = new Int32Array(count);
  for (let i = 0; i < count; i++) indexes[i] = i;
  for (let i = count - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const swap = indexes[i]!;
    indexes[i] = indexes[j]!;
    indexes[j] = swap;
  }
  return indexes;
}

/** Session indexes ordered by start time (ties by generation order): one numeric typed-array sort. */
function sessionsByStart(plan: PlannedSessions): Float64Array {
  const keys = new Float64Array(plan.count);
  for (let s = 0; s < plan.count; s++) keys[s] = plan.sessions[s * STRIDE + FIELD.start]! * SESSION_KEY + s;
  return keys.sort();
}

/** `YYYY-MM-DDTHH:MM:SSZ` for every second of the day, 20 bytes each: one copy per row. */
function timestampBytes(date: string): Uint8Array {
  const bytes = new Uint8Array(86_400 * 20);
  const day = asciiBytes(`${date}T`);
  const two = (value: number, at: number): void => {
    bytes[at] = 48 + Math.floor(value / 10);
    bytes[at + 1] = 48 + (value % 10);
  };
  for (let second = 0; second < 86_400; second++) {
    const at = second * 20;
    bytes.set(day, at);
    two(Math.floor(second / 3600), at + 11);
    bytes[at + 13] = 58;
    two(Math.floor(second / 60) % 60, at + 14);
    bytes[at + 16] = 58;
    two(second % 60, at + 17);
    bytes[at + 19] = 90;
  }
  return bytes;
}

/** Everything the row loop reads, precomputed for the day. */
interface RowJob {
  readonly context: DayEventsContext;
  readonly plan: PlannedSessions;
  readonly order: Float64Array;
  readonly dirtyCodes: Uint8Array;
  readonly partBytes: readonly Uint8Array[];
  readonly purchasePart: number;
  readonly tails: readonly Uint8Array[];
  readonly malformedTails: readonly Uint8Array[];
  readonly countries: number;
  readonly timestamps: Uint8Array;
  readonly anonymousIds: (string | undefined)[];
  readonly firstOrderId: number;
  readonly dirty: DirtyRecord[];
  readonly writer: ByteWriter;
}

/**
 * Writes whole sessions from `rank` until the buffer is full; returns the next rank.
 * Synchronous on purpose: V8 optimises this loop far better outside an async function.
 */
function fillBuffer(job: RowJob, startRank: number, startRow: number): number {
  const { context, plan, order, dirtyCodes, partBytes, tails, malformedTails, timestamps, writer } = job;
  let row = startRow;
  let rank = startRank;
  for (; rank < plan.count && !writer.full; rank++) {
    const s = order[rank]! % SESSION_KEY;
    const at = s * STRIDE;
    const sessions = plan.sessions;
    const user = sessions[at + FIELD.userId]!;
    const visitor = sessions[at + FIELD.visitor]!;
    let anonymousId = job.anonymousIds[visitor];
    if (anonymousId === undefined) {
      anonymousId = anonymousIdOf(visitor);
      if (visitor < job.anonymousIds.length) job.anonymousIds[visitor] = anonymousId;
    }
    let prefixStart = -1;
    let prefixLength = 0;
    const tailIndex =
      (sessions[at + FIELD.device]! * REFERRERS.length + sessions[at + FIELD.referrer]!) * job.countries + sessions[at + FIELD.country]!;
    const orderIndex = plan.order[s]!;
    const orderId = orderIndex === 0 ? 0 : job.firstOrderId + orderIndex - 1;
    const first = sessions[at + FIELD.firstEvent]!;
    const end = first + sessions[at + FIELD.eventCount]!;
    for (let k = first; k < end; k++, row++) {
      const part = plan.eventPart[k]!;
      const code = dirtyCodes[row]!;
      const eventId = context.firstEventId + row;
      if (code === 0) writer.digits(eventId);
      else {
        const kind = dirtyKindOf('events', code);
        job.dirty.push({ kind, feed: 'events', day: context.date, id: eventId });
        if (kind !== 'null_event_id') writer.digits(eventId);
      }
      // `,session_id,user_id,anonymous_id,` is written once per session, then copied.
      if (prefixStart < 0) {
        prefixStart = writer.mark;
        writer.byte(44);
        writer.digits(context.firstSessionId + rank);
        writer.byte(44);
        if (user !== 0) writer.digits(user);
        writer.byte(44);
        writer.ascii(anonymousId);
        writer.byte(44);
        prefixLength = writer.mark - prefixStart;
      } else writer.repeat(prefixStart, prefixLength);
      writer.slice(timestamps, plan.eventSecond[k]! * 20, 20);
      writer.bytes(partBytes[part]!);
      // A malformed row lacks its device field: 11 fields instead of 12 (see README).
      writer.bytes(code === 2 ? malformedTails[tailIndex]! : tails[tailIndex]!);
      if (part === job.purchasePart && orderId !== 0) writer.digits(orderId);
      writer.byte(10);
    }
  }
  return rank;
}

/**
 * Generates and writes one day of events. Rows are ordered by session start; event and session
 * ids increase in file order, continuing from `firstEventId` / `firstSessionId`.
 */
export async function writeDayEvents(
  context: DayEventsContext,
  state: { readonly customers: CustomerBase; readonly catalog: Catalog; readonly visitors: Visitors; readonly popularity: WeightedTable },
  orders: DayOrders,
  sink: ChunkSink,
): Promise<DayEventsResult> {
  const random = createRandom(deriveSeed(context.seed, 'events', context.dayIndex));
  const parts = buildEventParts(state.catalog);
  const plan = planSessions(context, random, parts, state.customers, state.visitors, state.popularity, orders);
  const countryCodes = state.customers.pools.countries.map((country) => country.code);
  // Every (device, referrer, country) tail, with and without the device field (malformed rows).
  const tails: Uint8Array[] = [];
  const malformedTails: Uint8Array[] = [];
  for (const device of DEVICES) {
    for (const referrer of REFERRERS) {
      for (const country of countryCodes) {
        tails.push(asciiBytes(`,${device},${referrer},${country},`));
        malformedTails.push(asciiBytes(`,${referrer},${country},`));
      }
    }
  }
  let rowsWritten = 0;
  let rowsFlushed = 0;
  const writer = new ByteWriter(async (bytes) => {
    await sink(bytes, rowsWritten - rowsFlushed);
    rowsFlushed = rowsWritten;
  });
  const job: RowJob = {
    context,
    plan,
    order: sessionsByStart(plan),
    dirtyCodes: planDirtyRows(random, 'events', context.count, context.dirtyRate),
    partBytes: parts.parts.map(asciiBytes),
    purchasePart: parts.purchase,
    tails,
    malformedTails,
    countries: countryCodes.length,
    timestamps: timestampBytes(context.date),
    anonymousIds: new Array<string | undefined>(state.visitors.count),
    firstOrderId: orders.firstOrderId,
    dirty: [],
    writer,
  };
  writer.ascii(EVENTS_CSV_HEADER);
  for (let rank = 0; rank < plan.count; ) {
    const next = fillBuffer(job, rank, rowsWritten);
    for (let s = rank; s < next; s++) rowsWritten += plan.sessions[(job.order[s]! % SESSION_KEY) * STRIDE + FIELD.eventCount]!;
    rank = next;
    await writer.flush();
  }
  await writer.flush();
  return { rows: rowsWritten, sessions: plan.count, dirty: job.dirty };
}
