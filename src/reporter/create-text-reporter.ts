/**
 * The human reporter: dbt's terminal look, one `HH:MM:SS  ` prefixed line per call to `write`.
 */
import type { EventSink } from '../execute/events.js';
import { formatEventLines } from './format-event-lines.js';

export interface TextReporterOptions {
  /** Receives one line at a time, without a trailing newline. */
  readonly write: (line: string) => void;
  /** ANSI colours; only on a TTY and never with `--no-color`. */
  readonly color: boolean;
  /** Clock for the timestamp prefix; defaults to each event's own time. */
  readonly now?: () => Date;
}

/** `15:04:05` in local time, as dbt prints it. */
export function formatClock(date: Date): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/**
 * An EventSink that prints dbt-style lines:
 *
 * ```
 * 15:04:05  Running with tsdbt=0.1.0
 * 15:04:05  1 of 24 START sql view model analytics_staging.stg_orders ........ [RUN]
 * ```
 * Blank separator lines are written as `''`.
 */
export function createTextReporter(options: TextReporterOptions): EventSink {
  return (event) => {
    const stamp = formatClock(options.now?.() ?? event.at);
    for (const line of formatEventLines(event, options.color)) {
      options.write(line === '' ? '' : `${stamp}  ${line}`);
    }
  };
}
