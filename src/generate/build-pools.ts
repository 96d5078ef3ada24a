/**
 * Pools of realistic strings (names, streets, cities, product words, brands), built once per
 * run with seeded Faker. Rows then pick from the pools with the fast PRNG, never calling Faker.
 */
import { faker as fakerUS, fakerDE, fakerEN_CA, fakerEN_GB, fakerES, fakerFR, fakerNL } from '@faker-js/faker';
import type { Faker } from '@faker-js/faker';
import { createWeightedTable } from './random.js';
import type { WeightedTable } from './random.js';

/** A place a customer can live in: city, state (or region) and a postal code that belong together. */
export interface Place {
  readonly city: string;
  readonly state: string;
  readonly postalCode: string;
}

/** Everything needed to make a customer of one country. */
export interface CountryPool {
  /** ISO 3166-1 alpha-2. */
  readonly code: string;
  readonly currency: string;
  readonly phonePrefix: string;
  readonly firstNames: readonly string[];
  readonly lastNames: readonly string[];
  readonly streets: readonly string[];
  readonly places: readonly Place[];
  readonly emailDomains: readonly string[];
}

/** A fixed two-level taxonomy: the warehouse docs can list it, and category popularity is stable. */
export interface Category {
  readonly name: string;
  readonly slug: string;
  readonly subcategories: readonly string[];
  /** Relative popularity (share of product views and order lines). */
  readonly weight: number;
  /** Typical unit price range in cents (log-uniform in between). */
  readonly minPriceCents: number;
  readonly maxPriceCents: number;
}

export interface Pools {
  readonly countries: readonly CountryPool[];
  /** Samples an index into `countries` by market share. */
  readonly countryTable: WeightedTable;
  readonly categories: readonly Category[];
  readonly productAdjectives: readonly string[];
  readonly productMaterials: readonly string[];
  readonly productNouns: readonly string[];
  readonly brands: readonly string[];
}

interface CountrySpec {
  readonly code: string;
  readonly currency: string;
  readonly phonePrefix: string;
  readonly share: number;
  readonly faker: Faker;
  readonly emailDomains: readonly string[];
}

const GLOBAL_DOMAINS = ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com'];

const COUNTRY_SPECS: readonly CountrySpec[] = [
  { code: 'US', currency: 'USD', phonePrefix: '+1', share: 45, faker: fakerUS, emailDomains: [...GLOBAL_DOMAINS, 'aol.com'] },
  { code: 'GB', currency: 'GBP', phonePrefix: '+44', share: 15, faker: fakerEN_GB, emailDomains: [...GLOBAL_DOMAINS, 'btinternet.com'] },
  { code: 'DE', currency: 'EUR', phonePrefix: '+49', share: 12, faker: fakerDE, emailDomains: [...GLOBAL_DOMAINS, 'web.de', 'gmx.de'] },
  { code: 'FR', currency: 'EUR', phonePrefix: '+33', share: 9, faker: fakerFR, emailDomains: [...GLOBAL_DOMAINS, 'orange.fr'] },
  { code: 'CA', currency: 'CAD', phonePrefix: '+1', share: 8, faker: fakerEN_CA, emailDomains: [...GLOBAL_DOMAINS, 'rogers.com'] },
  { code: 'NL', currency: 'EUR', phonePrefix: '+31', share: 6, faker: fakerNL, emailDomains: [...GLOBAL_DOMAINS, 'ziggo.nl'] },
  { code: 'ES', currency: 'EUR', phonePrefix: '+34', share: 5, faker: fakerES, emailDomains: [...GLOBAL_DOMAINS, 'telefonica.es'] },
];

/** The catalog taxonomy with popularity weights and price ranges. */
export const CATEGORIES: readonly Category[] = [
  { name: 'Electronics', slug: 'electronics', subcategories: ['Phones', 'Laptops', 'Audio', 'Accessories'], weight: 22, minPriceCents: 1_500, maxPriceCents: 150_000 },
  { name: 'Home & Kitchen', slug: 'home-kitchen', subcategories: ['Cookware', 'Furniture', 'Decor', 'Appliances'], weight: 18, minPriceCents: 800, maxPriceCents: 60_000 },
  { name: 'Apparel', slug: 'apparel', subcategories: ['Men', 'Women', 'Kids', 'Shoes'], weight: 16, minPriceCents: 1_000, maxPriceCents: 25_000 },
  { name: 'Sports & Outdoors', slug: 'sports-outdoors', subcategories: ['Fitness', 'Camping', 'Cycling'], weight: 12, minPriceCents: 1_000, maxPriceCents: 40_000 },
  { name: 'Beauty', slug: 'beauty', subcategories: ['Skincare', 'Makeup', 'Fragrance'], weight: 10, minPriceCents: 500, maxPriceCents: 12_000 },
  { name: 'Books', slug: 'books', subcategories: ['Fiction', 'Non-fiction', 'Children'], weight: 8, minPriceCents: 500, maxPriceCents: 6_000 },
  { name: 'Toys & Games', slug: 'toys-games', subcategories: ['Board Games', 'Puzzles', 'Outdoor Toys'], weight: 8, minPriceCents: 500, maxPriceCents: 15_000 },
  { name: 'Garden', slug: 'garden', subcategories: ['Tools', 'Plants', 'Outdoor Furniture'], weight: 6, minPriceCents: 500, maxPriceCents: 30_000 },
];

/** Distinct values from `make`, at most `count`, giving up on duplicates after a bounded number of tries. */
function distinct(count: number, make: () => string): string[] {
  const values = new Set<string>();
  for (let attempt = 0; attempt < count * 4 && values.size < count; attempt++) values.add(make());
  return [...values];
}

function countryPool(spec: CountrySpec, seed: number): CountryPool {
  const faker = spec.faker;
  faker.seed(seed);
  const places: Place[] = [];
  for (let i = 0; i < 40; i++) {
    places.push({
      city: faker.location.city(),
      // Not every locale has states; a county or empty string is what such a source would send.
      state: safely(() => faker.location.state({ abbreviated: true })),
      postalCode: faker.location.zipCode(),
    });
  }
  return {
    code: spec.code,
    currency: spec.currency,
    phonePrefix: spec.phonePrefix,
    firstNames: distinct(150, () => faker.person.firstName()),
    lastNames: distinct(150, () => faker.person.lastName()),
    streets: distinct(80, () => faker.location.street()),
    places,
    emailDomains: spec.emailDomains,
  };
}

function safely(make: () => string): string {
  try {
    return make();
  } catch {
    return '';
  }
}

/**
 * Builds the pools for a seed. Deterministic for a given `@faker-js/faker` version (pinned in
 * package.json); a Faker upgrade may change names, never row counts or ids.
 */
export function buildPools(seed: number): Pools {
  const countries = COUNTRY_SPECS.map((spec, index) => countryPool(spec, seed + index));
  const words = fakerUS;
  words.seed(seed + 100);
  return {
    countries,
    countryTable: createWeightedTable(COUNTRY_SPECS.map((spec) => spec.share)),
    categories: CATEGORIES,
    productAdjectives: distinct(40, () => words.commerce.productAdjective()),
    productMaterials: distinct(25, () => words.commerce.productMaterial()),
    productNouns: distinct(40, () => words.commerce.product()),
    brands: distinct(40, () => words.company.name().split(/[ ,]/)[0] as string),
  };
}
