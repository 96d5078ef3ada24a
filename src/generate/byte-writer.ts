/**
 * An ASCII byte buffer for the hot path: rows are copied in as bytes and numbers written as
 * digits, so writing a row allocates nothing. (Building row strings spent most of its time in
 * garbage collection of concatenated strings.) Two buffers take turns: one is being written to
 * the file while the other fills, so generating never waits for the disk unless it is slower.
 */

/** Receives full buffers; the writer reuses a buffer once the promise for it resolves. */
export type BytesSink = (bytes: Uint8Array) => Promise<void>;

export class ByteWriter {
  private buffer: Uint8Array;
  private view: DataView;
  /** The buffer the sink may still be reading, until `pending` settles. */
  private spare: Uint8Array;
  private spareView: DataView;
  private pending: Promise<void> = Promise.resolve();
  private readonly flushAt: number;
  private position = 0;

  /** `capacity` bytes; a flush is due when less than `headroom` bytes are left (longer than any row). */
  constructor(
    private readonly sink: BytesSink,
    capacity = 4 * 1024 * 1024,
    headroom = 65_536,
  ) {
    this.buffer = new Uint8Array(capacity);
    this.view = new DataView(this.buffer.buffer);
    this.spare = new Uint8Array(capacity);
    this.spareView = new DataView(this.spare.buffer);
    this.flushAt = capacity - headroom;
  }

  /** Appends a short ASCII string. */
  ascii(text: string): void {
    const buffer = this.buffer;
    let position = this.position;
    for (let i = 0; i < text.length; i++) buffer[position++] = text.charCodeAt(i);
    this.position = position;
  }

  /**
   * Lets `write` append directly: it gets the buffer (and a DataView of it, for 4-byte copies),
   * the write position and the position at which a flush is due, and returns the new position.
   * For loops that copy many short pieces per row, where keeping the position in a local
   * variable is measurably faster. Bytes past the returned position are ignored, so `write` may
   * copy in whole words and overshoot a little (the headroom is far larger).
   */
  append(write: (buffer: Uint8Array, view: DataView, position: number, flushAt: number) => number): void {
    this.position = write(this.buffer, this.view, this.position, this.flushAt);
  }

  /**
   * Hands the buffered bytes to the sink and goes on in the other buffer. Resolves once the
   * previous hand-off is done (so that buffer can be reused); `end()` waits for this one too.
   */
  async flush(): Promise<void> {
    await this.pending;
    if (this.position === 0) return;
    const handed = this.buffer;
    const handedView = this.view;
    this.pending = this.sink(handed.subarray(0, this.position));
    // Awaited at the next flush or end; this only keeps a failure from going unhandled meanwhile.
    this.pending.catch(() => {});
    this.buffer = this.spare;
    this.view = this.spareView;
    this.spare = handed;
    this.spareView = handedView;
    this.position = 0;
  }

  /** Flushes and waits until the sink has everything. */
  async end(): Promise<void> {
    await this.flush();
    await this.pending;
  }
}

/** Writes a non-negative integer in decimal at `position`; returns the end. */
export function writeDigits(buffer: Uint8Array, position: number, value: number): number {
  let last = position;
  for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) last++;
  const end = last + 1;
  let rest = value;
  do {
    const quotient = Math.floor(rest / 10);
    buffer[last--] = 48 + rest - quotient * 10;
    rest = quotient;
  } while (rest > 0);
  return end;
}

/** ASCII text → bytes. */
export function asciiBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
