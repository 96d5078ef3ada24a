/**
 * "Did you mean ...?" suggestions for error hints across the project: a misspelled ref, an
 * unknown selector method, a profile target that does not exist.
 */

/**
 * The candidates closest to `target`, best first, at most `max` of them.
 *
 * Distance is the optimal-string-alignment edit distance (an adjacent swap costs 1, the most
 * common typo), compared case-insensitively. A candidate qualifies when its distance is at most
 * a third of the target's length (at least 1), or when it contains the whole target (`orders`
 * suggests `stg_orders`). Ties are broken by name so hints are stable.
 *
 * @example closestNames('stg_ordrs', ['stg_orders', 'stg_customers']) // ['stg_orders']
 */
export function closestNames(target: string, candidates: Iterable<string>, max = 3): string[] {
  const wanted = target.toLowerCase();
  const cutoff = Math.max(1, Math.floor(wanted.length / 3));
  const scored: { readonly name: string; readonly distance: number }[] = [];
  const seen = new Set<string>();
  for (const name of candidates) {
    if (seen.has(name)) continue;
    seen.add(name);
    const candidate = name.toLowerCase();
    const contains = wanted.length >= 3 && candidate.includes(wanted);
    // Cheap rejection first: the length difference is a lower bound of the distance.
    if (!contains && Math.abs(candidate.length - wanted.length) > cutoff) continue;
    const distance = editDistance(wanted, candidate);
    if (distance <= cutoff || contains) scored.push({ name, distance });
  }
  scored.sort((a, b) => a.distance - b.distance || compareStrings(a.name, b.name));
  return scored.slice(0, Math.max(0, max)).map((entry) => entry.name);
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let beforePrevious = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, beforePrevious[j - 2] + 1);
      }
      current[j] = best;
    }
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return previous[b.length];
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
