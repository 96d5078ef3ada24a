import { describe, expect, it } from 'vitest';

import { createProgressLine, formatThroughput } from './create-progress-line.js';

function clock(): { now: () => number; advance: (ms: number) => void } {
  let time = 0;
  return { now: () => time, advance: (ms) => (time += ms) };
}

describe('createProgressLine', () => {
  it('redraws one line on a TTY, at most ten times a second', () => {
    const writes: string[] = [];
    const { now, advance } = clock();
    const progress = createProgressLine({ isTTY: true, write: (text) => writes.push(text), now });
    progress.update({ label: 'events', done: 0, total: 1_500_000 });
    advance(500);
    progress.update({ label: 'events', done: 500_000, total: 1_500_000 });
    advance(50);
    progress.update({ label: 'events', done: 550_000, total: 1_500_000 }); // throttled
    advance(700);
    progress.update({ label: 'events', done: 1_500_000, total: 1_500_000 });
    progress.finish('generated events', '1,500,000 rows in 1.2s (1.25M rows/s)');
    expect(writes).toEqual([
      '\r\u001b[2Kevents: 0 / 1,500,000 rows (0 rows/s, estimating)',
      '\r\u001b[2Kevents: 500,000 / 1,500,000 rows (1.00M rows/s, 1.0s left)',
      '\r\u001b[2Kevents: 1,500,000 / 1,500,000 rows (1.20M rows/s, 0.0s left)',
      '\r\u001b[2Kgenerated events: 1,500,000 rows in 1.2s (1.25M rows/s)\n',
    ]);
  });

  it('writes only one plain line per label when not on a TTY', () => {
    const writes: string[] = [];
    const { now, advance } = clock();
    const progress = createProgressLine({ isTTY: false, write: (text) => writes.push(text), now });
    progress.update({ label: 'generated events', done: 0, total: 1_500_000 });
    advance(1200);
    progress.update({ label: 'generated events', done: 1_500_000, total: 1_500_000 });
    progress.finish('generated events', '');
    expect(writes).toEqual(['generated events: 1,500,000 rows in 1.2s (1.25M rows/s)\n']);
  });

  it('formats throughput for small and instant work', () => {
    expect(formatThroughput(12_500, 2)).toBe('12,500 rows in 2.0s (6.3k rows/s)');
    expect(formatThroughput(120, 0)).toBe('120 rows in 0.0s (instant)');
  });
});
