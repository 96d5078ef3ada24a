/**
 * One day of clickstream events: the plan. This is the hot path (tens of millions of rows), so
 * sessions are planned into typed arrays first; `events-csv.ts` then writes them as bytes.
 * Planning reads only an `EventsDayInput`, so a worker thread can plan any day on its own.
 */
import { hourTableFor, sampleSecondOfDay } from './calendar.js';
import { createRandom, createWeightedTable, deriveSeed, weightedTableFrom } from './random.js';
import type { Random, WeightedTable } from './random.js';
import { planDirtyRows } from './dirty-records.js';
import type { EventsDayInput } from './events-day-input.js';

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
/** Sort key = start second × SESSION_KEY + record offset: below 2^53 (exact) for 86,400 s × 2^36. */
export const SESSION_KEY = 2 ** 36;

/** Precomputed `,event_type,page_url,product_id` parts; an event stores an index into `parts`. */
export interface EventParts {
  readonly parts: readonly string[];
  readonly pageTable: WeightedTable;
  readonly checkout: number;
  readonly purchase: number;
  /** Index of product id p's `product_view` part is `productView + p - 1`. */
  readonly productView: number;
  readonly addToCart: number;
}

function buildEventParts(input: EventsDayInput): EventParts {
  const pages = [...STATIC_PAGES, ...input.categories.map((category) => `/category/${category.slug}`)];
  const weights = [...STATIC_PAGE_WEIGHTS, ...input.categories.map((category) => (CATEGORY_PAGE_WEIGHT * category.weight) / 100)];
  const parts = pages.map((page) => `,page_view,${page},`);
  const checkout = parts.push(',checkout,/checkout,') - 1;
  const purchase = parts.push(',purchase,/checkout/confirmation,') - 1;
  const productView = parts.length;
  for (let id = 1; id <= input.productCount; id++) parts.push(`,product_view,/products/${id},${id}`);
  const addToCart = parts.length;
  for (let id = 1; id <= input.productCount; id++) parts.push(`,add_to_cart,/products/${id},${id}`);
  return { parts, pageTable: createWeightedTable(weights), checkout, purchase, productView, addToCart };
}

/**
 * A session record: these header fields, then `[part, second]` per event. A session's header
 * and events sit side by side, so writing a session (in start order, which is not generation
 * order) costs one or two cache misses instead of one per array.
 */
export const FIELD = { start: 0, visitor: 1, userId: 2, device: 3, referrer: 4, country: 5, order: 6, eventCount: 7 } as const;
export const HEADER = 8;

/** Sessions and their events for a day (generation order, not yet sorted by time). */
export interface PlannedSessions {
  readonly count: number;
  /** Session records back to back, see `FIELD`. `order` is the order index + 1, 0 if no purchase. */
  readonly records: Int32Array;
}

/** Room for one more session of `length` events: grows `records` by doubling. */
function reserve(records: Int32Array, used: number, length: number): Int32Array {
  const needed = used + HEADER + 2 * length;
  if (needed <= records.length) return records;
  const grown = new Int32Array(Math.max(needed, records.length * 2));
  grown.set(records.subarray(0, used));
  return grown;
}

/** Plans sessions until `count` events; the last session is cut short if needed (the funnel stays intact). */
function planSessions(input: EventsDayInput, random: Random, parts: EventParts): PlannedSessions {
  const { context, orders, customerCountries, customerDeleted, visitorCountries } = input;
  const popularity = weightedTableFrom(input.popularity);
  const visitorTable = weightedTableFrom(input.visitorWeights);
  const total = context.count;
  const hours = hourTableFor(context.date);
  // About 2.3 events a session: 8 + 2 × 2.3 ints each, so this rarely grows.
  let records: Int32Array = new Int32Array(total * 6 + 64);
  let used = 0;
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
    records = reserve(records, used, length);
    const at = used;
    const events = at + HEADER;
    used = events + 2 * length;
    event += length;

    let lastProduct = 0;
    for (let n = 0; n < length; n++) {
      let part: number;
      if (n < pageViews) part = parts.pageTable.sample(random);
      else if (n < pageViews + productViews) {
        lastProduct = popularity.sample(random);
        part = parts.productView + lastProduct;
      } else if (n === pageViews + productViews) part = parts.addToCart + lastProduct;
      else if (n === pageViews + productViews + 1) part = parts.checkout;
      else part = parts.purchase;
      records[events + 2 * n] = part;
    }

    const isPurchase = purchase && length === planned;
    if (isPurchase) {
      const orderIndex = purchaseOrder[nextOrder++]!;
      const customerId = orders.customerIds[orderIndex]!;
      records[at + FIELD.order] = orderIndex + 1;
      records[at + FIELD.visitor] = customerId - 1;
      records[at + FIELD.userId] = customerId;
      records[at + FIELD.country] = customerCountries[customerId - 1]!;
      records[at + FIELD.device] = orders.channels[orderIndex] === 1 ? (random.chance(0.8) ? 1 : 2) : DEVICE_TABLE.sample(random);
      // Walk back from the order time; the purchase event is the order itself.
      let second = orders.seconds[orderIndex]!;
      for (let n = length - 1; n >= 0; n--) {
        records[events + 2 * n + 1] = Math.max(0, second);
        second -= random.between(20, 240);
      }
    } else {
      const visitor = visitorTable.sample(random);
      // Visitor v below the known customers is customer v + 1's browser (see visitors.ts).
      const isCustomer = visitor < context.knownCustomers;
      const loggedIn = isCustomer && customerDeleted[visitor] === 0 && random.chance(LOGGED_IN_SHARE);
      records[at + FIELD.order] = 0;
      records[at + FIELD.visitor] = visitor;
      records[at + FIELD.userId] = loggedIn ? visitor + 1 : 0;
      records[at + FIELD.country] = isCustomer ? customerCountries[visitor]! : visitorCountries[visitor]!;
      records[at + FIELD.device] = DEVICE_TABLE.sample(random);
      let second = sampleSecondOfDay(random, hours);
      for (let n = 0; n < length; n++) {
        records[events + 2 * n + 1] = Math.min(86_399, second);
        second += random.between(20, 240);
      }
    }
    records[at + FIELD.referrer] = REFERRER_TABLE.sample(random);
    records[at + FIELD.eventCount] = length;
    records[at + FIELD.start] = records[events + 1]!;
    session++;
  }
  return { count: session, records: records.subarray(0, used) };
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

/**
 * Sort keys in file order: start second × SESSION_KEY + the record's offset. Offsets grow with
 * generation order, so ties keep it; one numeric typed-array sort, and the key holds the offset.
 */
function sessionsByStart(plan: PlannedSessions): Float64Array {
  const keys = new Float64Array(plan.count);
  const records = plan.records;
  for (let at = 0, s = 0; s < plan.count; s++) {
    keys[s] = records[at + FIELD.start]! * SESSION_KEY + at;
    at += HEADER + 2 * records[at + FIELD.eventCount]!;
  }
  return keys.sort();
}

/** A planned day: what `events-csv.ts` needs to write it, once the day's first session id is known. */
export interface PlannedEventsDay {
  readonly input: EventsDayInput;
  readonly plan: PlannedSessions;
  /** Sort keys of the sessions by start (`start * SESSION_KEY + record offset`): the file order. */
  readonly order: Float64Array;
  /** Per row in file order: 0 clean, else a dirty kind code (`planDirtyRows`). */
  readonly dirtyCodes: Uint8Array;
  readonly parts: EventParts;
}

/**
 * Plans one day's sessions and dirty rows. Needs no earlier day: the session count it returns is
 * what the next day's session ids continue from, so days can be planned in parallel.
 */
export function planDayEvents(input: EventsDayInput): PlannedEventsDay {
  const { context } = input;
  const random = createRandom(deriveSeed(context.seed, 'events', context.dayIndex));
  const parts = buildEventParts(input);
  const plan = planSessions(input, random, parts);
  const order = sessionsByStart(plan);
  return { input, plan, order, dirtyCodes: planDirtyRows(random, 'events', context.count, context.dirtyRate), parts };
}
