/**
 * Bounded retries with exponential backoff for failures that never reached Snowflake's SQL engine
 * (network errors, HTTP 5xx). A statement that ran and failed with a SQL error is never retried.
 */

export interface RetryPolicy {
  /** Total tries, the first included (1 = no retry). */
  readonly attempts: number;
  /** Delay before the second try; doubled before each further one. */
  readonly baseDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 3, baseDelayMs: 1000 };

/** The operation failed transiently on every try; `cause` is the last failure. */
export class RetriesExhaustedError extends Error {
  constructor(
    readonly attempts: number,
    override readonly cause: unknown,
  ) {
    super(`gave up after ${attempts} attempts`);
    this.name = 'RetriesExhaustedError';
  }
}

/**
 * Run `operation`, retrying while `isTransient(error)` holds, up to `policy.attempts` tries.
 * `shouldStop` lets a cancelled session stop retrying at once.
 */
export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  isTransient: (error: unknown) => boolean,
  shouldStop: () => boolean = () => false,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (!isTransient(error) || shouldStop()) throw error;
      if (attempt >= policy.attempts) throw new RetriesExhaustedError(attempt, error);
      await new Promise((resolve) => setTimeout(resolve, policy.baseDelayMs * 2 ** (attempt - 1)));
    }
  }
}
