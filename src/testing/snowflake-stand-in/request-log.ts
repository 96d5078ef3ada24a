/**
 * What the stand-in saw: one entry per HTTP request, in arrival order, so tests can assert
 * the exact statement sequence an adapter sent and the session context each ran in.
 */

/** One HTTP request as the stand-in received it. */
export interface RecordedRequest {
  /** Path without the query string, e.g. `/queries/v1/query-request`. */
  readonly path: string;
  readonly method: string;
  /** The HTTP status the stand-in answered with (500 for an injected fault). */
  readonly status: number;
  /** The SQL text of a query request, exactly as the driver sent it. */
  readonly sql?: string;
  /** The `bindings` map of a query request, when the driver sent binds. */
  readonly binds?: unknown;
  /** The driver's `requestId` query parameter (the same on a retried request). */
  readonly requestId?: string;
  /** The driver's `retryCount` query parameter, present on retried requests. */
  readonly retryCount?: number;
  /** The session context when the request arrived (undefined before login). */
  readonly queryTag?: string;
  readonly warehouse?: string;
  readonly role?: string;
  readonly database?: string;
  readonly schema?: string;
  /** Milliseconds since the stand-in started, when the request arrived and when it was answered. */
  readonly startedAt: number;
  finishedAt?: number;
  /** The Snowflake error code the request was answered with, if any. */
  errorCode?: string;
}

/** An append-only list of requests with the few views tests need. */
export class RequestLog {
  readonly entries: RecordedRequest[] = [];
  private readonly origin = Date.now();

  now(): number {
    return Date.now() - this.origin;
  }

  add(entry: Omit<RecordedRequest, 'startedAt'>): RecordedRequest {
    const recorded: RecordedRequest = { ...entry, startedAt: this.now() };
    this.entries.push(recorded);
    return recorded;
  }

  /** SQL of every query request that reached the SQL engine (HTTP faults excluded), in order. */
  statements(): string[] {
    return this.entries
      .filter((entry) => entry.path === '/queries/v1/query-request' && entry.status === 200 && entry.sql !== undefined)
      .map((entry) => entry.sql as string);
  }

  clear(): void {
    this.entries.length = 0;
  }
}
