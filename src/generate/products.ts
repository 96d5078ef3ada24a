/**
 * The catalog: the day-1 products and the daily deltas (price changes on some days,
 * occasional launches and retirements), plus the popularity table orders and events sample from.
 */
import { dayStartMs, formatEpochSeconds, hourTableFor, sampleSecondOfDay, timestampFormatter } from './calendar.js';
import { createRandom, createWeightedTable, deriveSeed, sampleDistinct, stochasticRound } from './random.js';
import type { Random, WeightedTable } from './random.js';
import type { Pools } from './build-pools.js';
import { formatCents } from './format-cents.js';

/** Chances and sizes of catalog changes on a day after day 1. */
export const PRODUCT_CHANGE_RATES = {
  /** Probability that a day has a repricing batch. */
  repricingDayChance: 0.4,
  /** Share of active products repriced in such a batch. */
  repricedShare: 0.03,
  launchDayChance: 0.15,
  retireDayChance: 0.1,
} as const;

/** One product as it is now. Mutable: daily changes edit it in place. */
export interface Product {
  readonly id: number;
  readonly sku: string;
  readonly name: string;
  readonly category: number;
  readonly subcategory: string;
  readonly brand: string;
  readonly costCents: number;
  readonly createdAt: string;
  /** Relative popularity (Zipf rank × category weight). */
  readonly popularity: number;
  priceCents: number;
  active: boolean;
  updatedAt: string;
}

export interface Catalog {
  readonly products: Product[];
  readonly pools: Pools;
}

function newProduct(catalog: Catalog, random: Random, createdAt: string): Product {
  const { pools } = catalog;
  const categoryIndex = createWeightedTable(pools.categories.map((c) => c.weight)).sample(random);
  const category = pools.categories[categoryIndex]!;
  // Log-uniform prices: many cheap items, a long tail of expensive ones; .99 endings like a shop.
  const span = Math.log(category.maxPriceCents / category.minPriceCents);
  const rawCents = category.minPriceCents * Math.exp(random.next() * span);
  const priceCents = Math.max(99, Math.round(rawCents / 100) * 100 - 1);
  const id = catalog.products.length + 1;
  // Zipf-ish: a random rank so popularity is unrelated to the id.
  const rank = 1 + random.int(Math.max(catalog.products.length + 1, 50));
  const product: Product = {
    id,
    sku: `SKU-${String(id).padStart(6, '0')}`,
    name: `${random.pick(pools.productAdjectives)} ${random.pick(pools.productMaterials)} ${random.pick(pools.productNouns)}`,
    category: categoryIndex,
    subcategory: random.pick(category.subcategories),
    brand: random.pick(pools.brands),
    costCents: Math.round(priceCents * (0.4 + random.next() * 0.3)),
    createdAt,
    popularity: category.weight / Math.pow(rank, 0.9),
    priceCents,
    active: true,
    updatedAt: createdAt,
  };
  catalog.products.push(product);
  return product;
}

/** The day-1 catalog: products created over the two years before `startDate`. */
export function createCatalog(pools: Pools, seed: number, count: number, startDate: string): Catalog {
  const random = createRandom(deriveSeed(seed, 'products', 0));
  const catalog: Catalog = { products: [], pools };
  const startSeconds = dayStartMs(startDate) / 1000;
  for (let i = 0; i < count; i++) {
    const createdAt = formatEpochSeconds(startSeconds - random.between(86_400, 730 * 86_400));
    newProduct(catalog, random, createdAt);
  }
  return catalog;
}

/** Applies one day's catalog changes (day index ≥ 1); returns the ids of the delta rows, ascending. */
export function applyProductChanges(catalog: Catalog, seed: number, dayIndex: number, date: string): number[] {
  const random = createRandom(deriveSeed(seed, 'products', dayIndex));
  const hours = hourTableFor(date);
  const format = timestampFormatter(date);
  const touched = new Set<number>();
  const rates = PRODUCT_CHANGE_RATES;
  const existing = catalog.products.length;
  const stamp = (product: Product): void => {
    product.updatedAt = format(sampleSecondOfDay(random, hours));
    touched.add(product.id);
  };

  if (random.chance(rates.repricingDayChance)) {
    const count = Math.max(1, stochasticRound(existing * rates.repricedShare, random));
    for (const index of sampleDistinct(random, existing, count, new Set())) {
      const product = catalog.products[index]!;
      if (!product.active) continue;
      // Mostly discounts, some increases; never below cost.
      const factor = random.chance(0.7) ? 1 - (0.05 + random.next() * 0.2) : 1 + (0.05 + random.next() * 0.15);
      product.priceCents = Math.max(product.costCents + 1, Math.round((product.priceCents * factor) / 100) * 100 - 1);
      stamp(product);
    }
  }
  if (random.chance(rates.retireDayChance)) {
    const product = catalog.products[random.int(existing)]!;
    if (product.active) {
      product.active = false;
      stamp(product);
    }
  }
  if (random.chance(rates.launchDayChance)) {
    for (let n = random.between(1, 3); n > 0; n--) {
      const launched = newProduct(catalog, random, format(sampleSecondOfDay(random, hours)));
      touched.add(launched.id);
    }
  }
  return [...touched].sort((a, b) => a - b);
}

/** One JSON line of the products feed, as the product is now. */
export function productJsonLine(catalog: Catalog, product: Product): string {
  const category = catalog.pools.categories[product.category]!;
  const text = JSON.stringify;
  // Prices are written by hand so they keep exactly two decimals (JSON.stringify would drop `.90`'s zero).
  return (
    `{"product_id":${product.id},"sku":${text(product.sku)},"name":${text(product.name)},` +
    `"category":${text(category.name)},"subcategory":${text(product.subcategory)},"brand":${text(product.brand)},` +
    `"unit_price":${formatCents(product.priceCents)},"cost":${formatCents(product.costCents)},` +
    `"is_active":${product.active},"created_at":${text(product.createdAt)},"updated_at":${text(product.updatedAt)}}\n`
  );
}

/** Samples products for views and order lines: active products of the first `existingCount`, by popularity. */
export function createPopularityTable(catalog: Catalog, existingCount: number): WeightedTable {
  const weights = new Float64Array(existingCount);
  for (let i = 0; i < existingCount; i++) {
    const product = catalog.products[i]!;
    weights[i] = product.active ? product.popularity : 0;
  }
  return createWeightedTable(weights);
}
