/**
 * The three colours dbt uses on a terminal. Colour is opt-in per call so that a reporter
 * created with `color: false` (no TTY, `--no-color`, JSON logs) never emits escape codes.
 */
export type Color = 'green' | 'red' | 'yellow';

const CODES: Readonly<Record<Color, string>> = { green: '\u001b[32m', red: '\u001b[31m', yellow: '\u001b[33m' };
const RESET = '\u001b[0m';

/** `text` wrapped in the colour's escape codes when `enabled`, else unchanged. */
export function paint(text: string, color: Color | undefined, enabled: boolean): string {
  return enabled && color !== undefined && text !== '' ? `${CODES[color]}${text}${RESET}` : text;
}

/** Removes colour escape codes (to measure or log the visible text). */
export function stripColors(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
