/**
 * The messages between `generateData` and an events worker thread (`events-worker.ts`).
 * One job is one day: plan → planned (session count) → write (first session id) → rows… → done.
 */
import type { DirtyRecord } from './dirty-records.js';
import type { EventsDayInput } from './events-day-input.js';

export type ToEventsWorker =
  | { readonly type: 'plan'; readonly job: number; readonly input: EventsDayInput; readonly csvPath: string }
  | { readonly type: 'write'; readonly job: number; readonly firstSessionId: number };

export type FromEventsWorker =
  | { readonly type: 'planned'; readonly job: number; readonly sessions: number }
  | { readonly type: 'rows'; readonly job: number; readonly rows: number }
  | { readonly type: 'done'; readonly job: number; readonly rows: number; readonly sessions: number; readonly dirty: readonly DirtyRecord[] }
  | { readonly type: 'failed'; readonly job: number; readonly message: string; readonly stack?: string };
