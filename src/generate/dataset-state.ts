/**
 * The state that carries from one day to the next: customer profiles, the catalog, the
 * visitor population. Everything else about a day is derived from the seed and the day index.
 */
import { buildPools } from './build-pools.js';
import type { Pools } from './build-pools.js';
import { applyCustomerChanges, createCustomerBase, createOrderingTable } from './customers.js';
import type { CustomerBase } from './customers.js';
import { applyProductChanges, createCatalog, createPopularityTable } from './products.js';
import type { Catalog } from './products.js';
import { createVisitors } from './visitors.js';
import type { Visitors } from './visitors.js';
import type { GenerationParameters } from './generate-options.js';
import type { WeightedTable } from './random.js';

export interface DatasetState {
  readonly parameters: GenerationParameters;
  readonly pools: Pools;
  readonly customers: CustomerBase;
  readonly catalog: Catalog;
  readonly visitors: Visitors;
}

/** What changed on a day, and the sampling tables for its orders and events. */
export interface DayChanges {
  /** Rows of the day's customers file (all customers on day 1). */
  readonly customerIds: readonly number[];
  /** Rows of the day's products file (the whole catalog on day 1). */
  readonly productIds: readonly number[];
  /** Who orders: customers who existed before the day. */
  readonly ordering: WeightedTable;
  /** What sells and gets viewed: active products, including today's launches. */
  readonly popularity: WeightedTable;
}

/** The state before day 1 is written: the initial customer base and catalog. */
export function createDataset(parameters: GenerationParameters): DatasetState {
  const pools = buildPools(parameters.seed);
  return {
    parameters,
    pools,
    customers: createCustomerBase(pools, parameters.seed, parameters.customers, parameters.startDate),
    catalog: createCatalog(pools, parameters.seed, parameters.products, parameters.startDate),
    visitors: createVisitors(pools, parameters.seed, parameters.customers),
  };
}

/** Applies day `dayIndex`'s profile and catalog changes (none on day index 0). */
export function advanceDataset(state: DatasetState, dayIndex: number, date: string): DayChanges {
  const { customers, catalog, parameters } = state;
  const customersBefore = customers.customers.length;
  let customerIds: number[];
  let productIds: number[];
  if (dayIndex === 0) {
    customerIds = customers.customers.map((customer) => customer.id);
    productIds = catalog.products.map((product) => product.id);
  } else {
    customerIds = applyCustomerChanges(customers, parameters.seed, dayIndex, date);
    productIds = applyProductChanges(catalog, parameters.seed, dayIndex, date);
  }
  return {
    customerIds,
    productIds,
    ordering: createOrderingTable(customers, customersBefore),
    popularity: createPopularityTable(catalog, catalog.products.length),
  };
}
