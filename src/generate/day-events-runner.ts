/**
 * Runs day events jobs: in the main thread (`workers` 0) or on a pool of worker threads, one day
 * per worker. Either way each day goes through `writeDayEventsFile`, so the bytes are the same.
 */
import type { Worker } from 'node:worker_threads';
import type { EventsDayInput } from './events-day-input.js';
import type { DayEventsResult } from './events-csv.js';
import type { FromEventsWorker, ToEventsWorker } from './events-worker-messages.js';
import { startWorker } from './start-worker.js';
import { writeDayEventsFile } from './write-day-events-file.js';
import type { DayEventsCallbacks } from './write-day-events-file.js';

export interface DayEventsRunner {
  /** Days that can be in progress at once; the caller starts no more than this. */
  readonly slots: number;
  run(input: EventsDayInput, csvPath: string, callbacks: DayEventsCallbacks): Promise<DayEventsResult>;
  /** Stops the workers (also the ones still busy, after a failure elsewhere). */
  close(): Promise<void>;
}

export function createDayEventsRunner(workers: number): DayEventsRunner {
  if (workers <= 0) {
    return { slots: 1, run: writeDayEventsFile, close: async () => {} };
  }
  return createWorkerPool(workers);
}

interface Job {
  readonly callbacks: DayEventsCallbacks;
  readonly resolve: (result: DayEventsResult) => void;
  readonly reject: (error: Error) => void;
}

function createWorkerPool(size: number): DayEventsRunner {
  const jobs = new Map<number, Job>();
  const idle: Worker[] = [];
  const all: Worker[] = [];
  let nextJob = 0;
  for (let i = 0; i < size; i++) {
    const worker = startWorker(new URL('./events-worker.js', import.meta.url));
    // A crashed worker fails every job it may hold; the run stops at the first failure anyway.
    worker.on('error', (error) => {
      for (const job of jobs.values()) job.reject(error);
      jobs.clear();
    });
    worker.on('message', (message: FromEventsWorker) => {
      const job = jobs.get(message.job);
      if (!job) return;
      switch (message.type) {
        case 'planned':
          job.callbacks.planned(message.sessions).then(
            (firstSessionId) => worker.postMessage({ type: 'write', job: message.job, firstSessionId } satisfies ToEventsWorker),
            job.reject,
          );
          return;
        case 'rows':
          job.callbacks.rows(message.rows);
          return;
        case 'done':
          jobs.delete(message.job);
          idle.push(worker);
          job.resolve({ rows: message.rows, sessions: message.sessions, dirty: message.dirty });
          return;
        case 'failed':
          jobs.delete(message.job);
          idle.push(worker);
          job.reject(Object.assign(new Error(message.message), { stack: message.stack }));
          return;
      }
    });
    idle.push(worker);
    all.push(worker);
  }
  return {
    slots: size,
    run(input, csvPath, callbacks) {
      const worker = idle.pop();
      if (!worker) return Promise.reject(new Error('every events worker is busy: start at most `slots` days at once'));
      const job = nextJob++;
      return new Promise<DayEventsResult>((resolve, reject) => {
        jobs.set(job, { callbacks, resolve, reject });
        worker.postMessage({ type: 'plan', job, input, csvPath } satisfies ToEventsWorker);
      });
    },
    async close() {
      await Promise.all(all.map((worker) => worker.terminate()));
    },
  };
}
