/**
 * Where each feed's file for a day lives under the output directory (forward slashes).
 * The loader globs the same layout, so this is the one place that knows it.
 */
import type { EventsFormat } from './generate-options.js';
import type { FeedName } from './dirty-records.js';

/** `orders/orders_2026-01-01.json`, `events/2026-01-01/events.csv`, ... */
export function feedPath(feed: FeedName, date: string, eventsFormat: EventsFormat = 'csv'): string {
  return feed === 'events' ? `events/${date}/events.${eventsFormat}` : `${feed}/${feed}_${date}.json`;
}

/** The manifest's name in the output directory. */
export const MANIFEST_FILE = '_manifest.json';
