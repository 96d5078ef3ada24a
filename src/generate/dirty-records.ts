/**
 * Dirty-record kinds and how many of each a day gets. Semantics of each kind are in README.md.
 */
import { sampleDistinct, stochasticRound } from './random.js';
import type { Random } from './random.js';

/** The feeds, in the order they are written each day. */
export const FEEDS = ['customers', 'products', 'orders', 'order_lines', 'payments', 'events'] as const;
export type FeedName = (typeof FEEDS)[number];

/** Kinds per feed; a feed's dirty budget (`dirtyRate × rows`) is split evenly across its kinds. */
export const DIRTY_KINDS_BY_FEED = {
  orders: ['duplicate_order', 'null_customer_id', 'future_order_ts', 'malformed_order_ts'],
  order_lines: ['zero_quantity', 'negative_unit_price', 'orphan_product_id'],
  events: ['null_event_id', 'malformed_event_row'],
} as const;

export type DirtyFeed = keyof typeof DIRTY_KINDS_BY_FEED;
export type DirtyKind = (typeof DIRTY_KINDS_BY_FEED)[DirtyFeed][number];

/** Every kind, in a stable order (the manifest's `dirty.counts` keys). */
export const DIRTY_KINDS: readonly DirtyKind[] = Object.values(DIRTY_KINDS_BY_FEED).flat();

/** One injected problem: where it is and the id to find it by. */
export interface DirtyRecord {
  readonly kind: DirtyKind;
  readonly feed: DirtyFeed;
  readonly day: string;
  /**
   * The record's id in its feed: order_id (orders), order_line_id (order_lines), event_id
   * (events; for `null_event_id` the id the row would have had, so the id sequence has a gap there).
   */
  readonly id: number;
}

/**
 * Marks which rows of a day's feed become dirty: `codes[row]` is 0 for a clean row, or
 * 1 + the kind's index in `DIRTY_KINDS_BY_FEED[feed]`. A row gets at most one kind.
 */
export function planDirtyRows(random: Random, feed: DirtyFeed, rows: number, dirtyRate: number): Uint8Array {
  const codes = new Uint8Array(rows);
  if (dirtyRate <= 0 || rows === 0) return codes;
  const kinds = DIRTY_KINDS_BY_FEED[feed];
  const taken = new Set<number>();
  kinds.forEach((_, kindIndex) => {
    const count = stochasticRound((dirtyRate * rows) / kinds.length, random);
    for (const row of sampleDistinct(random, rows, count, taken)) codes[row] = kindIndex + 1;
  });
  return codes;
}

/** The kind for a code from `planDirtyRows`. */
export function dirtyKindOf(feed: DirtyFeed, code: number): DirtyKind {
  return DIRTY_KINDS_BY_FEED[feed][code - 1] as DirtyKind;
}
