/**
 * Faults a test can inject into the stand-in to prove an adapter's retry, error and cancel paths.
 */

/** A fault for the next `times` matching requests. */
export interface StandInFault {
  /**
   * `http500`: answer HTTP 500 (login and query requests);
   * `sql-error`: answer a Snowflake SQL error (query requests);
   * `slow`: wait `delayMs` before running the statement, so it can be cancelled.
   */
  readonly kind: 'http500' | 'sql-error' | 'slow';
  readonly times: number;
  /** Only requests whose SQL matches (login requests have the SQL text `login`). */
  readonly match?: RegExp;
  /** For `sql-error`; defaults to `100000` / `22000`. */
  readonly code?: string;
  readonly sqlState?: string;
  readonly message?: string;
  /** For `slow`; defaults to 30 seconds (a test cancels long before). */
  readonly delayMs?: number;
}

/** Pending faults, consumed one use at a time. */
export class FaultQueue {
  private readonly pending: { fault: StandInFault; remaining: number }[] = [];

  add(fault: StandInFault): void {
    if (fault.times > 0) this.pending.push({ fault, remaining: fault.times });
  }

  /** Take one use of the first fault of one of `kinds` that matches `text`. */
  take(kinds: readonly StandInFault['kind'][], text: string): StandInFault | undefined {
    const entry = this.pending.find(
      (candidate) => kinds.includes(candidate.fault.kind) && (candidate.fault.match?.test(text) ?? true),
    );
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.pending.splice(this.pending.indexOf(entry), 1);
    return entry.fault;
  }

  clear(): void {
    this.pending.length = 0;
  }
}
