/**
 * The microbatch grid: which `[start, end)` windows a run (re)builds, in UTC.
 * Explicit `--event-time-start/--event-time-end` win; otherwise a first run starts at `begin`
 * and a later run at the latest batch minus `lookback`; both end with the batch holding `now`.
 */
import type { BatchSize } from './incremental-config.js';

export interface TimeWindow {
  readonly start: Date;
  readonly end: Date;
}

export interface BatchWindowOptions {
  readonly batchSize: BatchSize;
  readonly begin: Date;
  readonly lookback: number;
  /** The target exists and this is no full refresh. */
  readonly incremental: boolean;
  readonly now: Date;
  readonly eventTimeStart?: Date;
  readonly eventTimeEnd?: Date;
}

/** The start of the batch that holds `time`. */
export function truncateToBatch(time: Date, size: BatchSize): Date {
  const y = time.getUTCFullYear();
  const m = time.getUTCMonth();
  const d = time.getUTCDate();
  switch (size) {
    case 'hour': return new Date(Date.UTC(y, m, d, time.getUTCHours()));
    case 'day': return new Date(Date.UTC(y, m, d));
    case 'month': return new Date(Date.UTC(y, m, 1));
    case 'year': return new Date(Date.UTC(y, 0, 1));
  }
}

/** `time` moved by `count` batches (negative: back). */
export function addBatches(time: Date, size: BatchSize, count: number): Date {
  const next = new Date(time.getTime());
  switch (size) {
    case 'hour': next.setUTCHours(next.getUTCHours() + count); break;
    case 'day': next.setUTCDate(next.getUTCDate() + count); break;
    case 'month': next.setUTCMonth(next.getUTCMonth() + count); break;
    case 'year': next.setUTCFullYear(next.getUTCFullYear() + count); break;
  }
  return next;
}

/** The windows to run, oldest first. An explicit end that falls inside a batch includes that batch. */
export function batchWindows(options: BatchWindowOptions): TimeWindow[] {
  const { batchSize } = options;
  const defaultStart = options.incremental
    ? addBatches(truncateToBatch(options.now, batchSize), batchSize, -options.lookback)
    : options.begin;
  const start = truncateToBatch(options.eventTimeStart ?? defaultStart, batchSize);
  const endTime = options.eventTimeEnd ?? options.now;
  const endFloor = truncateToBatch(endTime, batchSize);
  // An explicit end is exclusive; `now` lies inside the batch it belongs to, which is included.
  const end = options.eventTimeEnd && endFloor.getTime() === endTime.getTime() ? endFloor : addBatches(endFloor, batchSize, 1);
  const windows: TimeWindow[] = [];
  for (let cursor = start; cursor < end; cursor = addBatches(cursor, batchSize, 1)) {
    windows.push({ start: cursor, end: addBatches(cursor, batchSize, 1) });
  }
  return windows;
}

/** `2026-01-01 00:00:00`: the text batch windows are written with in SQL. */
export function sqlTimestamp(time: Date): string {
  return time.toISOString().slice(0, 19).replace('T', ' ');
}

/** `2026-01-01` for whole days, else `2026-01-01 06:00:00`: how results name a batch. */
export function batchLabel(time: Date): string {
  const text = sqlTimestamp(time);
  return text.endsWith(' 00:00:00') ? text.slice(0, 10) : text;
}
