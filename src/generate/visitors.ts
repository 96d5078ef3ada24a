/**
 * The visitor population behind the clickstream. Visitor `v` below the customer count is
 * customer `v + 1`'s browser; the rest never signed up. A skewed table makes some visitors
 * come back day after day (repeat visitors) while most appear once or twice.
 */
import { createRandom, createWeightedTable, deriveSeed } from './random.js';
import type { WeightedTable } from './random.js';
import type { Pools } from './build-pools.js';

export interface Visitors {
  readonly count: number;
  readonly table: WeightedTable;
  /** Home country (pool index) of visitors who are not customers. */
  readonly countries: Uint8Array;
}

/** Two visitors per day-1 customer: half the traffic never logs in. Fixed for the whole dataset. */
export function createVisitors(pools: Pools, seed: number, initialCustomers: number): Visitors {
  const random = createRandom(deriveSeed(seed, 'visitors'));
  const count = Math.max(1_000, initialCustomers * 2);
  const weights = new Float64Array(count);
  const countries = new Uint8Array(count);
  for (let v = 0; v < count; v++) {
    // Zipf over a random rank: popularity is unrelated to the visitor number.
    weights[v] = 1 / Math.pow(1 + random.int(count), 0.6);
    countries[v] = pools.countryTable.sample(random);
  }
  return { count, table: createWeightedTable(weights), countries };
}

/** A cookie-like id, stable per visitor: `5f3a9c1e-2bq` (hash, then the visitor number in base 36). */
export function anonymousIdOf(visitor: number): string {
  const hash = Math.imul(visitor + 1, 0x9e3779b1) >>> 0;
  return `${hash.toString(16).padStart(8, '0')}-${visitor.toString(36)}`;
}

const HEX = '0123456789abcdef';
const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Writes `anonymousIdOf(visitor)` as ASCII at `position` without making the string; returns the end. */
export function writeAnonymousId(buffer: Uint8Array, position: number, visitor: number): number {
  const hash = Math.imul(visitor + 1, 0x9e3779b1) >>> 0;
  for (let shift = 28; shift >= 0; shift -= 4) buffer[position++] = HEX.charCodeAt((hash >>> shift) & 15);
  buffer[position++] = 45;
  let last = position;
  for (let rest = visitor; rest >= 36; rest = Math.floor(rest / 36)) last++;
  const end = last + 1;
  let rest = visitor;
  do {
    const quotient = Math.floor(rest / 36);
    buffer[last--] = BASE36.charCodeAt(rest - quotient * 36);
    rest = quotient;
  } while (rest > 0);
  return end;
}
