/**
 * The customer base: the day-1 snapshot and the daily changes (sign-ups, segment upgrades,
 * moves, email changes, deletions) that give an SCD2 snapshot real history.
 */
import { addDays, dayStartMs, formatEpochSeconds, hourTableFor, sampleSecondOfDay, timestampFormatter } from './calendar.js';
import { createRandom, createWeightedTable, deriveSeed, stochasticRound } from './random.js';
import type { Random, WeightedTable } from './random.js';
import type { Pools } from './build-pools.js';

export const SEGMENTS = ['bronze', 'silver', 'gold', 'platinum'] as const;
const SEGMENT_TABLE = createWeightedTable([60, 25, 10, 5]);

/**
 * Ordering propensity classes: dormant, occasional, regular, loyal. The skew makes a realistic
 * share of customers order once and a minority order many times.
 */
const PROPENSITY_WEIGHTS = [0.05, 1, 4, 12];
const PROPENSITY_TABLE = createWeightedTable([45, 35, 15, 5]);

/** Daily change rates, as a share of the day-1 base. */
export const CUSTOMER_CHANGE_RATES = {
  signups: 0.004,
  segmentUpgrades: 0.005,
  moves: 0.003,
  emailChanges: 0.002,
  deletions: 0.0005,
} as const;

/**
 * One customer's current profile. Mutable on purpose: the daily simulation edits it in place,
 * and the feed writer renders it as it is at the end of the day.
 */
export interface Customer {
  readonly id: number;
  readonly country: number;
  readonly firstName: string;
  readonly lastName: string;
  readonly phone: string;
  readonly signupDate: string;
  readonly orderWeight: number;
  emailDomain: number;
  emailVersion: number;
  houseNumber: number;
  street: number;
  place: number;
  segment: number;
  deleted: boolean;
  updatedAt: string;
}

/** All customers by id (`customers[id - 1]`). */
export interface CustomerBase {
  readonly customers: Customer[];
  readonly pools: Pools;
  readonly initialCount: number;
}

function newCustomer(base: CustomerBase, random: Random, signupDate: string, updatedAt: string): Customer {
  const country = base.pools.countryTable.sample(random);
  const pool = base.pools.countries[country]!;
  const phoneDigits = String(random.between(100_000_000, 999_999_999));
  const customer: Customer = {
    id: base.customers.length + 1,
    country,
    firstName: random.pick(pool.firstNames),
    lastName: random.pick(pool.lastNames),
    phone: `${pool.phonePrefix} ${phoneDigits.slice(0, 3)} ${phoneDigits.slice(3)}`,
    signupDate,
    orderWeight: PROPENSITY_WEIGHTS[PROPENSITY_TABLE.sample(random)]!,
    emailDomain: random.int(pool.emailDomains.length),
    emailVersion: 0,
    houseNumber: random.between(1, 250),
    street: random.int(pool.streets.length),
    place: random.int(pool.places.length),
    segment: SEGMENT_TABLE.sample(random),
    deleted: false,
    updatedAt,
  };
  base.customers.push(customer);
  return customer;
}

/** The day-1 base: customers who signed up over the three years before `startDate`. */
export function createCustomerBase(pools: Pools, seed: number, count: number, startDate: string): CustomerBase {
  const random = createRandom(deriveSeed(seed, 'customers', 0));
  const base: CustomerBase = { customers: [], pools, initialCount: count };
  const startSeconds = dayStartMs(startDate) / 1000;
  for (let i = 0; i < count; i++) {
    const daysBefore = random.between(1, 1_095);
    const signupDate = addDays(startDate, -daysBefore);
    // Last touched somewhere between sign-up and the start of day 1.
    const updatedAt = formatEpochSeconds(startSeconds - random.int(daysBefore * 86_400));
    newCustomer(base, random, signupDate, updatedAt);
  }
  return base;
}

/**
 * Applies one day's changes (day index ≥ 1) and returns the ids touched, ascending: the rows of
 * that day's delta file. A customer changed twice in a day appears once, with the later time.
 */
export function applyCustomerChanges(base: CustomerBase, seed: number, dayIndex: number, date: string): number[] {
  const random = createRandom(deriveSeed(seed, 'customers', dayIndex));
  const hours = hourTableFor(date);
  const format = timestampFormatter(date);
  const touched = new Map<number, number>();
  const touch = (customer: Customer): void => {
    const second = Math.max(sampleSecondOfDay(random, hours), touched.get(customer.id) ?? 0);
    touched.set(customer.id, second);
    customer.updatedAt = format(second);
  };
  const existing = base.customers.length;
  const pickLive = (): Customer | undefined => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const customer = base.customers[random.int(existing)]!;
      if (!customer.deleted) return customer;
    }
    return undefined;
  };
  const times = (rate: number): number => stochasticRound(base.initialCount * rate, random);
  const rates = CUSTOMER_CHANGE_RATES;

  for (let n = times(rates.segmentUpgrades); n > 0; n--) {
    const customer = pickLive();
    if (customer && customer.segment < SEGMENTS.length - 1) {
      customer.segment += 1;
      touch(customer);
    }
  }
  for (let n = times(rates.moves); n > 0; n--) {
    const customer = pickLive();
    if (!customer) continue;
    const pool = base.pools.countries[customer.country]!;
    customer.houseNumber = random.between(1, 250);
    customer.street = random.int(pool.streets.length);
    customer.place = random.int(pool.places.length);
    touch(customer);
  }
  for (let n = times(rates.emailChanges); n > 0; n--) {
    const customer = pickLive();
    if (!customer) continue;
    customer.emailVersion += 1;
    customer.emailDomain = random.int(base.pools.countries[customer.country]!.emailDomains.length);
    touch(customer);
  }
  for (let n = times(rates.deletions); n > 0; n--) {
    const customer = pickLive();
    if (!customer) continue;
    customer.deleted = true;
    touch(customer);
  }
  for (let n = times(rates.signups); n > 0; n--) {
    const customer = newCustomer(base, random, date, date);
    touch(customer);
  }
  return [...touched.keys()].sort((a, b) => a - b);
}

/** A lower-case ASCII email local part: `anna.muller42` (accents folded, the id keeps it unique). */
function emailLocalPart(customer: Customer): string {
  const ascii = (text: string): string =>
    text
      .normalize('NFD')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase();
  const version = customer.emailVersion === 0 ? '' : `.${customer.emailVersion}`;
  return `${ascii(customer.firstName)}.${ascii(customer.lastName)}${customer.id}${version}`;
}

/** One JSON line of the customers feed, as the customer is now. */
export function customerJsonLine(base: CustomerBase, customer: Customer): string {
  const pool = base.pools.countries[customer.country]!;
  const place = pool.places[customer.place]!;
  const row = {
    customer_id: customer.id,
    first_name: customer.firstName,
    last_name: customer.lastName,
    email: `${emailLocalPart(customer)}@${pool.emailDomains[customer.emailDomain]}`,
    phone: customer.phone,
    address: `${customer.houseNumber} ${pool.streets[customer.street]}`,
    city: place.city,
    state: place.state,
    country: pool.code,
    postal_code: place.postalCode,
    segment: SEGMENTS[customer.segment],
    signup_date: customer.signupDate,
    updated_at: customer.updatedAt,
    is_deleted: customer.deleted,
  };
  return `${JSON.stringify(row)}\n`;
}

/**
 * Samples who places an order, by propensity: the first `existingCount` customers (those who
 * existed before the day began; sign-ups order from the next day on), minus deleted ones.
 */
export function createOrderingTable(base: CustomerBase, existingCount: number): WeightedTable {
  const weights = new Float64Array(existingCount);
  for (let i = 0; i < weights.length; i++) {
    const customer = base.customers[i]!;
    weights[i] = customer.deleted ? 0 : customer.orderWeight;
  }
  return createWeightedTable(weights);
}
