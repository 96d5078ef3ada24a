/**
 * dbt's per-node line: `1 of 24 OK created sql view model s.t ........ [OK in 0.04s]`.
 * The text before the status is padded with dots to a fixed width so the brackets line up.
 */
import { paint, type Color } from './ansi-colors.js';

/** dbt pads the progress + message part to 80 characters (its default printer width). */
export const LINE_WIDTH = 80;

export interface FancyLine {
  /** Position in the run; omitted for lines without a counter. */
  readonly index?: number;
  readonly total?: number;
  /** The leading word(s) that get the status colour: `OK created`, `FAIL 3`, `START`. */
  readonly info: string;
  /** What the line is about: `sql view model analytics.stg_orders`. */
  readonly description: string;
  /** Text inside the brackets: `RUN`, `OK`, `INSERT 120`, `FAIL 3`. */
  readonly status: string;
  readonly color?: Color;
  /** Seconds; adds ` in 0.04s` inside the brackets. */
  readonly executionTime?: number;
}

/** Formats one fancy line; dots are counted on the visible text, so colour does not shift the brackets. */
export function formatFancyLine(line: FancyLine, useColor: boolean): string {
  const progress = line.index === undefined || line.total === undefined ? '' : `${line.index} of ${line.total} `;
  const plainPrefix = `${progress}${line.info} ${line.description} `;
  const dots = '.'.repeat(Math.max(0, LINE_WIDTH - plainPrefix.length));
  const time = line.executionTime === undefined ? '' : ` in ${line.executionTime.toFixed(2)}s`;
  const info = paint(line.info, line.color, useColor);
  const status = paint(line.status, line.color, useColor);
  return `${progress}${info} ${line.description} ${dots} [${status}${time}]`;
}
