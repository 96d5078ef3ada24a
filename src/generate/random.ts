/**
 * The generator's own seeded PRNG (mulberry32) and weighted sampling tables.
 *
 * Faker is only used to build pools; every per-row decision goes through these, because a
 * 32-bit PRNG with typed-array lookups is two orders of magnitude faster than Faker calls.
 */

/** A seeded stream of uniform numbers. Not cryptographic; deterministic across platforms. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, exclusiveMax). */
  int(exclusiveMax: number): number;
  /** Uniform integer in [min, max] (both inclusive). */
  between(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
}

/** mulberry32: 32 bits of state, passes the statistical tests that matter for synthetic data. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (exclusiveMax) => Math.floor(next() * exclusiveMax),
    between: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}

/**
 * A seed for one independent stream, e.g. `deriveSeed(42, 'orders', 3)` for day 3's orders.
 * Streams per feed and day make a day's output independent of how many random numbers earlier
 * days used, so appending day N+1 later gives the same bytes as generating N+1 days at once.
 */
export function deriveSeed(seed: number, ...parts: readonly (string | number)[]): number {
  // FNV-1a over the parts, then a murmur3 finaliser so nearby inputs give unrelated seeds.
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (const part of parts) {
    const text = `${String(part)}\u0000`;
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** A precomputed cumulative-weight table: O(log n) sampling of an index by weight. */
export interface WeightedTable {
  readonly size: number;
  /** Running sums of the weights; enough to rebuild the table in a worker thread (`weightedTableFrom`). */
  readonly cumulative: Float64Array;
  /** An index in [0, size) drawn with probability weight[index] / sum(weights). */
  sample(random: Random): number;
}

/** Builds a table from non-negative weights (at least one must be positive). */
export function createWeightedTable(weights: ArrayLike<number>): WeightedTable {
  const size = weights.length;
  const cumulative = new Float64Array(size);
  let total = 0;
  for (let i = 0; i < size; i++) {
    total += weights[i] as number;
    cumulative[i] = total;
  }
  return weightedTableFrom(cumulative);
}

/**
 * The table with these running sums: the same draws as the table they were taken from.
 * A draw is the smallest index whose running sum exceeds `next() × total`. Large tables find it
 * through a guide (one bucket per entry: the first index a target in the bucket can have), then
 * a short forward scan — the same index a binary search gives, without its cache misses.
 */
export function weightedTableFrom(cumulative: Float64Array): WeightedTable {
  const size = cumulative.length;
  const total = size > 0 ? cumulative[size - 1]! : 0;
  if (!(total > 0)) throw new RangeError('a weighted table needs at least one positive weight');
  if (size < GUIDED_MIN_SIZE) {
    return {
      size,
      cumulative,
      sample(random) {
        const target = random.next() * total;
        let low = 0;
        let high = size - 1;
        while (low < high) {
          const middle = (low + high) >>> 1;
          if ((cumulative[middle] as number) > target) high = middle;
          else low = middle + 1;
        }
        return low;
      },
    };
  }
  const guide = guideFor(cumulative, total);
  const scale = size / total;
  const lastBucket = size - 1;
  return {
    size,
    cumulative,
    sample(random) {
      const target = random.next() * total;
      let index = guide[Math.min(Math.floor(target * scale), lastBucket)]!;
      while ((cumulative[index] as number) <= target) index++;
      return index;
    },
  };
}

const GUIDED_MIN_SIZE = 32;

/**
 * `guide[b]`: the smallest index whose running sum exceeds bucket b's lower edge, taken a hair
 * low so that rounding in `target × scale` can never put a target below its bucket's guide.
 */
function guideFor(cumulative: Float64Array, total: number): Int32Array {
  const size = cumulative.length;
  const guide = new Int32Array(size);
  let index = 0;
  for (let bucket = 0; bucket < size; bucket++) {
    const edge = ((bucket * total) / size) * (1 - 1e-9);
    while (index < size - 1 && cumulative[index]! <= edge) index++;
    guide[bucket] = index;
  }
  return guide;
}

/** Zipf-like weights 1/(rank+1)^exponent: a few items get most of the traffic. */
export function zipfWeights(size: number, exponent: number): Float64Array {
  const weights = new Float64Array(size);
  for (let i = 0; i < size; i++) weights[i] = 1 / Math.pow(i + 1, exponent);
  return weights;
}

/**
 * Rounds `expected` up or down at random so the long-run average equals it exactly:
 * 0.4 expected dirty rows per day gives 0 or 1 rows, 2 in 5 days on average.
 */
export function stochasticRound(expected: number, random: Random): number {
  const whole = Math.floor(expected);
  return whole + (random.next() < expected - whole ? 1 : 0);
}

/** Distinct indexes drawn uniformly from [0, size), skipping any in `taken` (which it extends). */
export function sampleDistinct(random: Random, size: number, count: number, taken: Set<number>): number[] {
  const chosen: number[] = [];
  const wanted = Math.min(count, size - taken.size);
  while (chosen.length < wanted) {
    const index = random.int(size);
    if (taken.has(index)) continue;
    taken.add(index);
    chosen.push(index);
  }
  return chosen;
}
