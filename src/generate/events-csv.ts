/**
 * Writes a planned day of events as CSV bytes (`planDayEvents` → file chunks). Every repeated
 * string (event type and URL, device/referrer/country tail, timestamp) is precomputed as bytes,
 * and ids are written as digits, so a row costs a few short byte copies and no allocation.
 */
import { asciiBytes, ByteWriter, writeDigits } from './byte-writer.js';
import { dirtyKindOf } from './dirty-records.js';
import type { DirtyRecord } from './dirty-records.js';
import { writeAnonymousId } from './visitors.js';
import { DEVICES, EVENTS_CSV_HEADER, FIELD, HEADER, REFERRERS, SESSION_KEY } from './events.js';
import type { PlannedEventsDay } from './events.js';

export interface DayEventsResult {
  readonly rows: number;
  readonly sessions: number;
  readonly dirty: readonly DirtyRecord[];
}

/** Receives CSV bytes in large chunks (`rows` counts the data rows in the chunk). */
export type ChunkSink = (bytes: Uint8Array, rows: number) => Promise<void>;

/** `YYYY-MM-DDTHH:MM:SSZ` for every second of the day, 20 bytes each: one copy per row. */
function timestampBytes(date: string): Uint8Array {
  const bytes = new Uint8Array(86_400 * 20);
  const day = asciiBytes(`${date}T`);
  const two = (value: number, at: number): void => {
    bytes[at] = 48 + Math.floor(value / 10);
    bytes[at + 1] = 48 + (value % 10);
  };
  for (let second = 0; second < 86_400; second++) {
    const at = second * 20;
    bytes.set(day, at);
    two(Math.floor(second / 3600), at + 11);
    bytes[at + 13] = 58;
    two(Math.floor(second / 60) % 60, at + 14);
    bytes[at + 16] = 58;
    two(second % 60, at + 17);
    bytes[at + 19] = 90;
  }
  return bytes;
}

/**
 * Short byte strings packed into one array: string `i` is at `offsets[i]..offsets[i + 1]`.
 * Read through a DataView four bytes at a time (a quarter of the loop steps of a byte loop);
 * the padding lets the last word of the last string be read whole.
 */
interface PackedStrings {
  readonly view: DataView;
  readonly offsets: Int32Array;
}

function packStrings(texts: readonly string[]): PackedStrings {
  return packBytes(texts.map(asciiBytes));
}

function packBytes(pieces: readonly Uint8Array[]): PackedStrings {
  const offsets = new Int32Array(pieces.length + 1);
  for (let i = 0; i < pieces.length; i++) offsets[i + 1] = offsets[i]! + pieces[i]!.length;
  const bytes = new Uint8Array(offsets[pieces.length]! + 4);
  pieces.forEach((piece, i) => bytes.set(piece, offsets[i]!));
  return { view: new DataView(bytes.buffer), offsets };
}

/** Everything the row loop reads, precomputed for the day; `eventId*` and `row` advance as it writes. */
interface RowJob {
  readonly day: PlannedEventsDay;
  readonly firstSessionId: number;
  /** `,event_type,page_url,product_id` by event part. */
  readonly parts: PackedStrings;
  /** `,device,referrer,country,` by (device, referrer, country); then the same without device (malformed rows). */
  readonly tails: PackedStrings;
  readonly malformedTail: number;
  readonly countries: number;
  /** `YYYY-MM-DDTHH:MM:SSZ` of second `s` at `20 × s` (`timestampBytes`), padded for word reads. */
  readonly timestamps: DataView;
  /** The next event id's decimal digits live in `eventIdDigits[eventIdStart..20)`. */
  readonly eventIdDigits: Uint8Array;
  eventIdStart: number;
  /** The next session (rank in file order) and row to write. */
  rank: number;
  row: number;
  /** A session's `,session_id,user_id,anonymous_id,` (the same for all its rows). */
  readonly prefix: Uint8Array;
  readonly prefixView: DataView;
  readonly dirty: DirtyRecord[];
}

/**
 * Writes whole sessions, from `job.rank` on, while the buffer has room; returns the new position.
 * Synchronous, one function, locals only: V8 keeps `position` in a register this way.
 */
function fillBuffer(job: RowJob, buffer: Uint8Array, out: DataView, startPosition: number, flushAt: number): number {
  const { order, dirtyCodes, input } = job.day;
  const { records, count } = job.day.plan;
  const { timestamps, eventIdDigits, prefix, prefixView } = job;
  const purchasePart = job.day.parts.purchase;
  const { view: parts, offsets: partAt } = job.parts;
  const { view: tails, offsets: tailAt } = job.tails;
  let position = startPosition;
  let row = job.row;
  let idStart = job.eventIdStart;
  let rank = job.rank;
  for (; rank < count && position < flushAt; rank++) {
    const at = order[rank]! % SESSION_KEY;
    const user = records[at + FIELD.userId]!;
    let prefixLength = 0;
    prefix[prefixLength++] = 44;
    prefixLength = writeDigits(prefix, prefixLength, job.firstSessionId + rank);
    prefix[prefixLength++] = 44;
    if (user !== 0) prefixLength = writeDigits(prefix, prefixLength, user);
    prefix[prefixLength++] = 44;
    prefixLength = writeAnonymousId(prefix, prefixLength, records[at + FIELD.visitor]!);
    prefix[prefixLength++] = 44;
    const tailIndex = (records[at + FIELD.device]! * REFERRERS.length + records[at + FIELD.referrer]!) * job.countries + records[at + FIELD.country]!;
    const orderIndex = records[at + FIELD.order]!;
    const orderId = orderIndex === 0 ? 0 : input.orders.firstOrderId + orderIndex - 1;
    const end = at + HEADER + 2 * records[at + FIELD.eventCount]!;
    for (let k = at + HEADER; k < end; k += 2, row++) {
      const part = records[k]!;
      const code = dirtyCodes[row]!;
      if (code !== 0) {
        const kind = dirtyKindOf('events', code);
        job.dirty.push({ kind, feed: 'events', day: input.context.date, id: input.context.firstEventId + row });
      }
      // A null_event_id row (code 1) leaves the field empty; the id is used up all the same.
      if (code !== 1) for (let i = idStart; i < 20; i++) buffer[position++] = eventIdDigits[i]!;
      let digit = 19;
      while (digit >= idStart && eventIdDigits[digit] === 57) eventIdDigits[digit--] = 48;
      if (digit >= idStart) eventIdDigits[digit]! += 1;
      else eventIdDigits[(idStart = digit)] = 49;

      // Whole words: a copy may overshoot by up to 3 bytes, which the next piece overwrites.
      for (let i = 0; i < prefixLength; i += 4) out.setUint32(position + i, prefixView.getUint32(i, true), true);
      position += prefixLength;
      const second = records[k + 1]! * 20;
      for (let i = 0; i < 20; i += 4) out.setUint32(position + i, timestamps.getUint32(second + i, true), true);
      position += 20;
      const partStart = partAt[part]!;
      const partLength = partAt[part + 1]! - partStart;
      for (let i = 0; i < partLength; i += 4) out.setUint32(position + i, parts.getUint32(partStart + i, true), true);
      position += partLength;
      // A malformed row (code 2) lacks its device field: 11 fields instead of 12 (see README).
      const tail = code === 2 ? job.malformedTail + tailIndex : tailIndex;
      const tailStart = tailAt[tail]!;
      const tailLength = tailAt[tail + 1]! - tailStart;
      for (let i = 0; i < tailLength; i += 4) out.setUint32(position + i, tails.getUint32(tailStart + i, true), true);
      position += tailLength;
      if (part === purchasePart && orderId !== 0) position = writeDigits(buffer, position, orderId);
      buffer[position++] = 10;
    }
  }
  job.rank = rank;
  job.row = row;
  job.eventIdStart = idStart;
  return position;
}

/**
 * Writes a planned day as CSV (header included). Rows are ordered by session start; event and
 * session ids increase in file order, from `firstEventId` (in the plan) and `firstSessionId`.
 */
export async function writeEventsCsv(day: PlannedEventsDay, firstSessionId: number, sink: ChunkSink): Promise<DayEventsResult> {
  const { input, plan } = day;
  const tails: string[] = [];
  const malformedTails: string[] = [];
  for (const device of DEVICES) {
    for (const referrer of REFERRERS) {
      for (const country of input.countryCodes) {
        tails.push(`,${device},${referrer},${country},`);
        malformedTails.push(`,${referrer},${country},`);
      }
    }
  }
  // The first id's digits, right-aligned so the counter can grow to the left.
  const eventIdDigits = new Uint8Array(20);
  const idLength = writeDigits(eventIdDigits, 0, input.context.firstEventId);
  eventIdDigits.copyWithin(20 - idLength, 0, idLength);
  const prefix = new Uint8Array(128);
  const job: RowJob = {
    day,
    firstSessionId,
    parts: packStrings(day.parts.parts),
    tails: packStrings([...tails, ...malformedTails]),
    malformedTail: tails.length,
    countries: input.countryCodes.length,
    timestamps: packBytes([timestampBytes(input.context.date)]).view,
    eventIdDigits,
    eventIdStart: 20 - idLength,
    rank: 0,
    row: 0,
    prefix,
    prefixView: new DataView(prefix.buffer),
    dirty: [],
  };
  let rowsFlushed = 0;
  const writer = new ByteWriter(async (bytes) => {
    await sink(bytes, job.row - rowsFlushed);
    rowsFlushed = job.row;
  });
  writer.ascii(EVENTS_CSV_HEADER);
  while (job.rank < plan.count) {
    writer.append((buffer, view, position, flushAt) => fillBuffer(job, buffer, view, position, flushAt));
    await writer.flush();
  }
  await writer.end();
  return { rows: job.row, sessions: plan.count, dirty: job.dirty };
}
