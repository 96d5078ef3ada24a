/**
 * "Did you mean ...?" suggestions for misspelt keys and names.
 */

/** Edit distance between two strings (insert, delete, substitute, each costs 1). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The candidate closest to `input`, or undefined when nothing is close enough to be a typo.
 * Case, `-` and `_` differences count as nothing, so `model_paths` suggests `model-paths`.
 *
 * @example closestMatch('materialised', ['materialized', 'schema']) // 'materialized'
 */
export function closestMatch(input: string, candidates: Iterable<string>): string | undefined {
  const normalise = (value: string): string => value.toLowerCase().replace(/[-_+]/g, '');
  const wanted = normalise(input);
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, normalise(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // A third of the word may be wrong before a suggestion stops being helpful.
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  return bestDistance <= limit ? best : undefined;
}

/** `did you mean \`x\`?` or undefined, ready to use as a `TsdbtError` hint. */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const match = closestMatch(input, candidates);
  return match === undefined ? undefined : `did you mean \`${match}\`?`;
}
