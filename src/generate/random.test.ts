import { describe, expect, it } from 'vitest';
import { createRandom, createWeightedTable, zipfWeights } from './random.js';

/** The plain binary search over running sums that the guided tables must agree with. */
function binarySearch(weights: ArrayLike<number>): (u: number) => number {
  const cumulative: number[] = [];
  let total = 0;
  for (let i = 0; i < weights.length; i++) cumulative.push((total += weights[i]!));
  return (u) => draw(cumulative, u * total);
}

function draw(cumulative: readonly number[], target: number): number {
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (cumulative[middle]! > target) high = middle;
    else low = middle + 1;
  }
  return low;
}

describe('createWeightedTable', () => {
  it('draws exactly what a binary search draws, for large skewed tables and zero weights', () => {
    const zeros = Array.from({ length: 500 }, (_, i) => (i % 7 === 0 ? 0 : (i % 13) + 0.1));
    for (const weights of [zipfWeights(40_000, 0.6), zipfWeights(500, 1.1), zeros, [0, 0, 5, 0, 1]]) {
      const table = createWeightedTable(weights);
      const binarySearchDraw = binarySearch(weights);
      const draws = createRandom(7);
      const reference = createRandom(7);
      for (let n = 0; n < 20_000; n++) expect(table.sample(draws)).toBe(binarySearchDraw(reference.next()));
      // The extremes of [0, 1).
      const fixed = (u: number) => ({ next: () => u, int: () => 0, between: () => 0, chance: () => false, pick: <T>(items: readonly T[]) => items[0]! });
      for (const u of [0, 1 - 2 ** -53, 0.5]) expect(table.sample(fixed(u))).toBe(binarySearchDraw(u));
    }
  });
});
