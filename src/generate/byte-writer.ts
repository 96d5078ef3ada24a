/**
 * An ASCII byte buffer for the hot path: rows are copied in as bytes and numbers written as
 * digits, so writing a row allocates nothing. (Building row strings spent most of its time in
 * garbage collection of concatenated strings.)
 */

/** Receives full buffers; the writer reuses its buffer once the promise resolves. */
export type BytesSink = (bytes: Uint8Array) => Promise<void>;

export class ByteWriter {
  private readonly buffer: Uint8Array;
  private readonly flushAt: number;
  private position = 0;

  /** `capacity` bytes; a flush is due when less than `headroom` bytes are left (longer than any row). */
  constructor(
    private readonly sink: BytesSink,
    capacity = 4 * 1024 * 1024,
    headroom = 65_536,
  ) {
    this.buffer = new Uint8Array(capacity);
    this.flushAt = capacity - headroom;
  }

  /** True when the caller should `await flush()` before the next row. */
  get full(): boolean {
    return this.position >= this.flushAt;
  }

  /** Appends bytes (short, precomputed pieces: a loop beats `set` for a few dozen bytes). */
  bytes(source: Uint8Array): void {
    const buffer = this.buffer;
    let position = this.position;
    for (let i = 0; i < source.length; i++) buffer[position++] = source[i]!;
    this.position = position;
  }

  /** Appends `length` bytes of `source` from `start`. */
  slice(source: Uint8Array, start: number, length: number): void {
    const buffer = this.buffer;
    let position = this.position;
    for (let i = start; i < start + length; i++) buffer[position++] = source[i]!;
    this.position = position;
  }

  /** The current write position (valid until the next flush). */
  get mark(): number {
    return this.position;
  }

  /** Appends a copy of bytes written earlier since the last flush (repeating a row's shared part). */
  repeat(start: number, length: number): void {
    const buffer = this.buffer;
    let position = this.position;
    for (let i = start; i < start + length; i++) buffer[position++] = buffer[i]!;
    this.position = position;
  }

  byte(value: number): void {
    this.buffer[this.position++] = value;
  }

  /** Appends a non-negative integer in decimal. */
  digits(value: number): void {
    const buffer = this.buffer;
    let last = this.position;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) last++;
    this.position = last + 1;
    let rest = value;
    do {
      const quotient = Math.floor(rest / 10);
      buffer[last--] = 48 + rest - quotient * 10;
      rest = quotient;
    } while (rest > 0);
  }

  /** Appends a short ASCII string. */
  ascii(text: string): void {
    const buffer = this.buffer;
    let position = this.position;
    for (let i = 0; i < text.length; i++) buffer[position++] = text.charCodeAt(i);
    this.position = position;
  }

  /** Hands the buffered bytes to the sink and starts over. */
  async flush(): Promise<void> {
    if (this.position === 0) return;
    await this.sink(this.buffer.subarray(0, this.position));
    this.position = 0;
  }
}

/** ASCII text → bytes. */
export function asciiBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
