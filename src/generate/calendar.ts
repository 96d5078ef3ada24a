/**
 * Dates, daily volumes and time-of-day seasonality shared by every feed.
 * All times are UTC; a day is an ISO date string `YYYY-MM-DD`.
 */
import { createWeightedTable } from './random.js';
import type { Random, WeightedTable } from './random.js';

const DAY_MS = 86_400_000;

/** Monday first. The factors average exactly 1, so `perDay` is the weekly mean. */
export const WEEKDAY_VOLUME_FACTORS: readonly number[] = [0.95, 0.93, 0.95, 0.97, 1.0, 1.1, 1.1];

/** Relative traffic per UTC hour on Monday–Friday: a lunch bump and an evening peak. */
const WEEKDAY_HOURS = [2, 1.2, 0.8, 0.6, 0.6, 0.9, 1.8, 3.2, 4.5, 5, 5.2, 5.6, 6.4, 6.2, 5.4, 5.2, 5.4, 5.8, 6.6, 7.6, 8, 7.2, 5.4, 3.4];
/** Saturday and Sunday: a late start and a long, flat afternoon. */
const WEEKEND_HOURS = [3, 2, 1.2, 0.8, 0.6, 0.6, 0.9, 1.6, 3, 4.6, 5.8, 6.4, 6.6, 6.6, 6.4, 6.2, 6.2, 6.4, 6.8, 7.2, 7.2, 6.6, 5.4, 4];

const weekdayHourTable = createWeightedTable(WEEKDAY_HOURS);
const weekendHourTable = createWeightedTable(WEEKEND_HOURS);

/** `2026-01-01` + 2 → `2026-01-03`. */
export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Milliseconds since the epoch at midnight UTC of the day. */
export function dayStartMs(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`);
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayOf(isoDate: string): number {
  return (new Date(dayStartMs(isoDate)).getUTCDay() + 6) % 7;
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && addDays(text, 0) === text;
}

/**
 * Rows a volume-driven feed (orders, events) gets on a day: `round(perDay × weekday factor)`.
 * Exported so tests and the warehouse docs can state exact expected counts.
 */
export function dailyVolume(perDay: number, isoDate: string): number {
  return Math.round(perDay * (WEEKDAY_VOLUME_FACTORS[weekdayOf(isoDate)] as number));
}

/** The hour-of-day table for a date (weekend days have their own curve). */
export function hourTableFor(isoDate: string): WeightedTable {
  return weekdayOf(isoDate) >= 5 ? weekendHourTable : weekdayHourTable;
}

/** A second of the day [0, 86400) drawn from the hour table, uniform within the hour. */
export function sampleSecondOfDay(random: Random, hours: WeightedTable): number {
  return hours.sample(random) * 3600 + random.int(3600);
}

let clockStrings: readonly string[] | undefined;

/** `HH:MM:SSZ` for every second of a day, built once: formatting by lookup beats Date by far. */
function clock(): readonly string[] {
  if (clockStrings) return clockStrings;
  const two = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
  const strings = new Array<string>(86_400);
  for (let second = 0; second < 86_400; second++) {
    strings[second] = `${two[Math.floor(second / 3600)]}:${two[Math.floor(second / 60) % 60]}:${two[second % 60]}Z`;
  }
  clockStrings = strings;
  return strings;
}

/**
 * A formatter for one day: second of day → `YYYY-MM-DDTHH:MM:SSZ`. Seconds outside the day
 * (negative or ≥ 86400) roll into the neighbouring days.
 */
export function timestampFormatter(isoDate: string): (secondOfDay: number) => string {
  const prefix = `${isoDate}T`;
  const strings = clock();
  const start = dayStartMs(isoDate);
  return (second) =>
    second >= 0 && second < 86_400 ? prefix + (strings[second] as string) : formatEpochSeconds(start / 1000 + second);
}

/** Epoch seconds → `YYYY-MM-DDTHH:MM:SSZ`. */
export function formatEpochSeconds(epochSeconds: number): string {
  return `${new Date(epochSeconds * 1000).toISOString().slice(0, 19)}Z`;
}
