import { describe, expect, it } from 'vitest';
import { isTransientSnowflakeError, mapSnowflakeError, redactSecrets } from './map-error.js';
import { RetriesExhaustedError, withRetry } from './retry.js';

describe('mapSnowflakeError', () => {
  it('formats SQL errors as "code (state): message" on one line', () => {
    const error = mapSnowflakeError({
      code: '002003',
      sqlState: '42S02',
      message: "SQL compilation error:\nObject 'X' does not exist or not authorized.",
    });
    expect(error).toMatchObject({ kind: 'database', code: '002003', sqlState: '42S02' });
    expect(error.message).toBe("002003 (42S02): SQL compilation error: Object 'X' does not exist or not authorized.");
  });

  it('treats a cancelled statement as a runtime error', () => {
    expect(mapSnowflakeError({ code: '000604', sqlState: '57014', message: 'SQL execution canceled' })).toMatchObject({
      kind: 'runtime',
      message: '000604 (57014): SQL execution canceled',
    });
  });

  it('recovers the code of login errors the driver pool re-throws as plain Errors', () => {
    expect(mapSnowflakeError(new Error('Incorrect username or password was specified.'))).toMatchObject({
      kind: 'profile',
      code: '390100',
      message: '390100: Incorrect username or password was specified.',
    });
    expect(isTransientSnowflakeError(new Error('Request to Snowflake failed.'))).toBe(true);
    expect(isTransientSnowflakeError(new Error('Network error. Could not reach Snowflake.'))).toBe(true);
  });

  it('reports exhausted retries with the attempt count and scrubs secrets', () => {
    const error = mapSnowflakeError(new RetriesExhaustedError(3, { code: 401001, message: 'connect ECONNREFUSED (password=hunter2)' }), {
      secrets: ['hunter2'],
    });
    expect(error).toMatchObject({ kind: 'runtime', code: '401001' });
    expect(error.message).toBe('Could not reach Snowflake after 3 attempts: connect ECONNREFUSED (password=****)');
  });

  it('redacts every occurrence of every secret', () => {
    expect(redactSecrets('a sec1 b sec2 c sec1', ['sec1', 'sec2'])).toBe('a **** b **** c ****');
    // Too short to tell from ordinary text: replacing every "p" would garble the message.
    expect(redactSecrets('compilation', ['p'])).toBe('compilation');
  });
});

describe('isTransientSnowflakeError', () => {
  it('retries network failures and 5xx, never SQL errors or 4xx', () => {
    expect(isTransientSnowflakeError({ code: 'ECONNRESET', message: 'socket hang up' })).toBe(true);
    expect(isTransientSnowflakeError({ code: 401002, response: { statusCode: 503 } })).toBe(true);
    expect(isTransientSnowflakeError({ code: 401002, response: { statusCode: 403 } })).toBe(false);
    expect(isTransientSnowflakeError({ code: '002003', sqlState: '42S02', message: 'missing' })).toBe(false);
    expect(isTransientSnowflakeError(new Error('Incorrect username or password was specified.'))).toBe(false);
  });
});

describe('withRetry', () => {
  it('retries transient failures with exponential backoff, then succeeds', async () => {
    const started = Date.now();
    const attempts: number[] = [];
    const value = await withRetry(
      async (attempt) => {
        attempts.push(attempt);
        if (attempt < 3) throw { code: 'ECONNRESET' };
        return 'ok';
      },
      { attempts: 3, baseDelayMs: 20 },
      isTransientSnowflakeError,
    );
    expect(value).toBe('ok');
    expect(attempts).toEqual([1, 2, 3]);
    // 20 ms then 40 ms of backoff.
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('gives up after the bound and never retries a non-transient failure', async () => {
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls += 1;
        throw { code: 'ECONNRESET' };
      }, { attempts: 2, baseDelayMs: 1 }, isTransientSnowflakeError),
    ).rejects.toMatchObject({ name: 'RetriesExhaustedError', attempts: 2 });
    expect(calls).toBe(2);
    calls = 0;
    await expect(
      withRetry(async () => {
        calls += 1;
        throw { code: '001003', sqlState: '42000' };
      }, { attempts: 5, baseDelayMs: 1 }, isTransientSnowflakeError),
    ).rejects.toMatchObject({ code: '001003' });
    expect(calls).toBe(1);
  });
});
