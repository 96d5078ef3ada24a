/**
 * Progress for long work outside the DAG (data generation, big seeds). On a TTY one line is
 * redrawn in place; in CI logs only a single summary line per label is written, so logs stay short.
 */

export interface ProgressLineOptions {
  readonly isTTY: boolean;
  /** Receives raw text; TTY updates start with `\r` and a clear-line code and have no newline. */
  readonly write: (text: string) => void;
  /** Milliseconds clock; defaults to `performance.now()`. */
  readonly now?: () => number;
}

export interface ProgressUpdate {
  readonly label: string;
  readonly done: number;
  readonly total: number;
}

export interface ProgressLine {
  update(progress: ProgressUpdate): void;
  /**
   * Ends a label with `<label>: <summary>` on its own line. An empty summary is filled in
   * from the last update: `1,500,000 rows in 1.2s (1.25M rows/s)`.
   */
  finish(label: string, summary: string): void;
}

/** At most this many redraws per second; more only costs terminal time. */
const MIN_REDRAW_INTERVAL_MS = 100;
const CLEAR_LINE = '\r\u001b[2K';

/** `1,500,000`. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** `1.25M`, `12.5k`, `830`. */
export function formatRate(perSecond: number): string {
  if (perSecond >= 1_000_000) return `${(perSecond / 1_000_000).toFixed(2)}M`;
  if (perSecond >= 1_000) return `${(perSecond / 1_000).toFixed(1)}k`;
  return String(Math.round(perSecond));
}

/** `1,500,000 rows in 1.2s (1.25M rows/s)`. */
export function formatThroughput(rows: number, seconds: number): string {
  const rate = seconds > 0 ? `${formatRate(rows / seconds)} rows/s` : 'instant';
  return `${formatCount(rows)} rows in ${seconds.toFixed(1)}s (${rate})`;
}

interface LabelState {
  readonly startedAt: number;
  done: number;
}

/** Creates the progress line; see {@link ProgressLine}. */
export function createProgressLine(options: ProgressLineOptions): ProgressLine {
  const now = options.now ?? (() => performance.now());
  const labels = new Map<string, LabelState>();
  let lastDrawAt = Number.NEGATIVE_INFINITY;
  let lineOpen = false;

  const stateOf = (label: string): LabelState => {
    let state = labels.get(label);
    if (state === undefined) {
      state = { startedAt: now(), done: 0 };
      labels.set(label, state);
    }
    return state;
  };

  return {
    update({ label, done, total }) {
      const state = stateOf(label);
      state.done = done;
      if (!options.isTTY) return;
      const at = now();
      if (at - lastDrawAt < MIN_REDRAW_INTERVAL_MS && done < total) return;
      lastDrawAt = at;
      const elapsed = (at - state.startedAt) / 1000;
      const rate = elapsed > 0 ? done / elapsed : 0;
      const left = rate > 0 ? `${((total - done) / rate).toFixed(1)}s left` : 'estimating';
      options.write(`${CLEAR_LINE}${label}: ${formatCount(done)} / ${formatCount(total)} rows (${formatRate(rate)} rows/s, ${left})`);
      lineOpen = true;
    },
    finish(label, summary) {
      const state = stateOf(label);
      const text = summary !== '' ? summary : formatThroughput(state.done, (now() - state.startedAt) / 1000);
      options.write(`${options.isTTY && lineOpen ? CLEAR_LINE : ''}${label}: ${text}\n`);
      lineOpen = false;
      labels.delete(label);
    },
  };
}
