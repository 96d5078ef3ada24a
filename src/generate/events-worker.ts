/**
 * Entry of an events worker thread: writes the day files `generateData` hands it, one at a time,
 * with the same `writeDayEventsFile` the main thread uses. Imports nothing heavy (no Faker, no
 * DuckDB), so a worker starts in a few milliseconds.
 */
import { parentPort } from 'node:worker_threads';
import type { FromEventsWorker, ToEventsWorker } from './events-worker-messages.js';
import { writeDayEventsFile } from './write-day-events-file.js';

const port = parentPort;
if (!port) throw new Error('events-worker.js runs as a worker thread only');
const send = (message: FromEventsWorker): void => port.postMessage(message);
/** Jobs waiting for their first session id. */
const waiting = new Map<number, (firstSessionId: number) => void>();

port.on('message', (message: ToEventsWorker) => {
  if (message.type === 'write') {
    waiting.get(message.job)?.(message.firstSessionId);
    waiting.delete(message.job);
    return;
  }
  const { job, input, csvPath } = message;
  writeDayEventsFile(input, csvPath, {
    planned: (sessions) =>
      new Promise<number>((resolve) => {
        waiting.set(job, resolve);
        send({ type: 'planned', job, sessions });
      }),
    rows: (rows) => send({ type: 'rows', job, rows }),
  }).then(
    (result) => send({ type: 'done', job, rows: result.rows, sessions: result.sessions, dirty: result.dirty }),
    (error: unknown) =>
      send({ type: 'failed', job, message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined }),
  );
});
