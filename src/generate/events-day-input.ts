/**
 * Everything one day of clickstream events is generated from, as plain data: numbers, strings
 * and typed arrays. A worker thread gets it by structured clone, so a day can be generated while
 * the main thread has already moved the shared state on to later days.
 */
import type { CustomerBase } from './customers.js';
import type { Catalog } from './products.js';
import type { DayOrders } from './orders.js';
import type { Visitors } from './visitors.js';
import type { WeightedTable } from './random.js';

/** What a day's events need to know about the run and the day. */
export interface DayEventsContext {
  readonly seed: number;
  readonly dayIndex: number;
  readonly date: string;
  readonly count: number;
  readonly dirtyRate: number;
  /** Known before the day is planned: every earlier day has exactly its `dailyVolume` events. */
  readonly firstEventId: number;
  /** Customers that existed before the day began (ids 1..n). */
  readonly knownCustomers: number;
}

/** A day's inputs, detached from the mutable dataset state (see the file comment). */
export interface EventsDayInput {
  readonly context: DayEventsContext;
  /** Pool index of each customer's country, by `customer_id - 1`. */
  readonly customerCountries: Uint8Array;
  /** 1 for a customer deleted by the end of the day, by `customer_id - 1`. */
  readonly customerDeleted: Uint8Array;
  /** ISO codes of the country pools. */
  readonly countryCodes: readonly string[];
  /** Product ids are 1..productCount (retired ones included: their pages still exist). */
  readonly productCount: number;
  readonly categories: readonly { readonly slug: string; readonly weight: number }[];
  /** Running weight sums of the product popularity table for the day. */
  readonly popularity: Float64Array;
  readonly visitorCount: number;
  /** Running weight sums of the visitor table. */
  readonly visitorWeights: Float64Array;
  /** Home country (pool index) of visitors who are not customers. */
  readonly visitorCountries: Uint8Array;
  readonly orders: {
    readonly count: number;
    readonly firstOrderId: number;
    readonly customerIds: Int32Array;
    readonly seconds: Int32Array;
    readonly channels: Uint8Array;
  };
}

/** Takes the snapshot of the state that a day's events read. */
export function eventsDayInput(
  context: DayEventsContext,
  state: { readonly customers: CustomerBase; readonly catalog: Catalog; readonly visitors: Visitors; readonly popularity: WeightedTable },
  orders: DayOrders,
): EventsDayInput {
  const { customers, catalog, visitors } = state;
  const count = customers.customers.length;
  const customerCountries = new Uint8Array(count);
  const customerDeleted = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const customer = customers.customers[i]!;
    customerCountries[i] = customer.country;
    customerDeleted[i] = customer.deleted ? 1 : 0;
  }
  return {
    context,
    customerCountries,
    customerDeleted,
    countryCodes: customers.pools.countries.map((country) => country.code),
    productCount: catalog.products.length,
    categories: catalog.pools.categories.map(({ slug, weight }) => ({ slug, weight })),
    popularity: state.popularity.cumulative,
    visitorCount: visitors.count,
    visitorWeights: visitors.table.cumulative,
    visitorCountries: visitors.countries,
    orders: {
      count: orders.count,
      firstOrderId: orders.firstOrderId,
      customerIds: orders.customerIds,
      seconds: orders.seconds,
      channels: orders.channels,
    },
  };
}
