import { describe, expect, it } from 'vitest';
import { fileHashes, generateSmall } from './test-dataset.js';
import { anonymousIdOf, writeAnonymousId } from './visitors.js';

describe('generateData with worker threads', () => {
  it('writes exactly the bytes of a single-threaded run, and reports progress to the total', async () => {
    const options = { days: 4, eventsPerDay: 20_000 };
    const single = await fileHashes((await generateSmall({ ...options, workers: 0 })).outDir);
    expect(Object.keys(single)).toHaveLength(4 * 6 + 1);
    // Two workers for four days: each writes two days, waiting for the earlier day's plan.
    const seen: number[] = [];
    let total = 0;
    const parallel = await generateSmall({ ...options, workers: 2 }, (progress) => {
      seen.push(progress.rowsWritten);
      total = progress.rowsTotal;
    });
    expect(await fileHashes(parallel.outDir)).toEqual(single);
    expect(seen[seen.length - 1]).toBe(total);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('writes anonymous ids as bytes exactly as the string form', () => {
    const buffer = new Uint8Array(32);
    for (const visitor of [0, 1, 35, 36, 1_295, 1_296, 39_999, 2_000_000_000]) {
      const end = writeAnonymousId(buffer, 3, visitor);
      expect(new TextDecoder().decode(buffer.subarray(3, end))).toBe(anonymousIdOf(visitor));
    }
  });
});
