/**
 * One day's events file, start to end: plan the day, learn its first session id, write the CSV.
 * The same function runs in the main thread and in `events-worker.ts`, which is what makes a
 * parallel run byte-identical to a single-threaded one.
 */
import { open } from 'node:fs/promises';
import { planDayEvents } from './events.js';
import type { EventsDayInput } from './events-day-input.js';
import { writeEventsCsv } from './events-csv.js';
import type { DayEventsResult } from './events-csv.js';

/** How a day's writer talks to whoever orders the days. */
export interface DayEventsCallbacks {
  /**
   * Called once the day is planned with its session count; resolves to the day's first session
   * id, which is known only when every earlier day is planned too.
   */
  readonly planned: (sessions: number) => Promise<number>;
  /** Data rows just written to the file. */
  readonly rows: (rows: number) => void;
}

export async function writeDayEventsFile(input: EventsDayInput, csvPath: string, callbacks: DayEventsCallbacks): Promise<DayEventsResult> {
  const day = planDayEvents(input);
  const firstSessionId = await callbacks.planned(day.plan.count);
  const file = await open(csvPath, 'w');
  try {
    return await writeEventsCsv(day, firstSessionId, async (bytes, rows) => {
      await file.write(bytes);
      callbacks.rows(rows);
    });
  } finally {
    await file.close();
  }
}
