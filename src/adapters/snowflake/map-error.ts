/**
 * Driver errors → TsdbtError. The one place Snowflake error codes are interpreted.
 */
import { TsdbtError } from '../../errors/tsdbt-error.js';
import { RetriesExhaustedError } from './retry.js';

/** The fields of a `snowflake-sdk` error this module reads (the driver's errors are plain objects at the edge). */
interface DriverError {
  readonly message?: string;
  readonly code?: string | number;
  readonly sqlState?: string;
  readonly response?: { readonly statusCode?: number };
  readonly cause?: unknown;
}

const networkCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ECONNABORTED', 'ENOTFOUND']);
// snowflake-sdk: 401001 could not connect, 401002 request failed (HTTP status != 200), 401003 response not JSON,
// 402001 large result download could not connect.
const driverTransientCodes = new Set(['401001', '401002', '401003', '402001']);

// snowflake-sdk's pool factory rejects with `new Error(err.message)` (lib/core.js, ConnectionFactory.create),
// dropping the code of a failed login; these messages (lib/constants/error_messages.js and Snowflake's
// login answers) give it back.
const codesByMessage: readonly (readonly [RegExp, string])[] = [
  [/^Network error\. Could not reach Snowflake\./, '401001'],
  [/^Request to Snowflake failed\.$/, '401002'],
  [/^Snowflake responded with non-JSON content\./, '401003'],
  [/^Incorrect username or password was specified\./, '390100'],
];

function asDriverError(error: unknown): DriverError {
  const driverError: DriverError = typeof error === 'object' && error !== null ? (error as DriverError) : { message: String(error) };
  if (driverError.code !== undefined || driverError.sqlState || !driverError.message) return driverError;
  const recovered = codesByMessage.find(([pattern]) => pattern.test(driverError.message ?? ''));
  return recovered ? { message: driverError.message, code: recovered[1] } : driverError;
}

/**
 * True for failures worth retrying: the request did not reach Snowflake's SQL engine
 * (network error, HTTP 5xx/408/429). A SQL error (it has a SQL state) never is.
 */
export function isTransientSnowflakeError(error: unknown): boolean {
  const driverError = asDriverError(error);
  if (driverError.sqlState) return false;
  const status = driverError.response?.statusCode;
  if (status !== undefined) return status >= 500 || status === 408 || status === 429;
  const code = driverError.code === undefined ? '' : String(driverError.code);
  return driverTransientCodes.has(code) || networkCodes.has(code);
}

/** Secrets shorter than this are not searched for: they would match ordinary words and garble the message. */
const minimumSecretLength = 4;

/** Replace every secret in `text` with `****`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  return secrets
    .filter((secret) => secret.length >= minimumSecretLength)
    .reduce((redacted, secret) => redacted.split(secret).join('****'), text);
}

/** Snowflake's own codes are 6-digit strings (`002003`); the driver may hand them over as numbers. */
function snowflakeCode(code: string | number | undefined): string | undefined {
  if (code === undefined) return undefined;
  const text = String(code);
  return /^\d+$/.test(text) && text.length < 6 ? text.padStart(6, '0') : text;
}

/** Driver messages keep Snowflake's newline after "SQL compilation error:"; one line reads better in a run log. */
function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}

export interface MapErrorOptions {
  /** Values that must never appear in the message (password, private key, passphrase, token). */
  readonly secrets?: readonly string[];
}

/**
 * Map any error from the driver (or the retry loop) to a TsdbtError.
 *
 * @example
 * // a missing table:
 * // TsdbtError{ kind: 'database', code: '002003', sqlState: '42S02',
 * //   message: "002003 (42S02): SQL compilation error: Object 'ANALYTICS.STAGING.X' does not exist or not authorized." }
 */
export function mapSnowflakeError(error: unknown, options: MapErrorOptions = {}): TsdbtError {
  const secrets = options.secrets ?? [];
  if (error instanceof TsdbtError) return error;
  if (error instanceof RetriesExhaustedError) {
    const last = asDriverError(error.cause);
    return new TsdbtError({
      kind: 'runtime',
      message: redactSecrets(`Could not reach Snowflake after ${error.attempts} attempts: ${oneLine(last.message ?? String(error.cause))}`, secrets),
      code: snowflakeCode(last.code),
      hint: 'Check the network, the account URL and Snowflake status; the request was retried with backoff.',
    });
  }
  const driverError = asDriverError(error);
  const code = snowflakeCode(driverError.code);
  const text = redactSecrets(oneLine(driverError.message ?? 'Unknown Snowflake error'), secrets);
  if (driverError.sqlState) {
    const cancelled = code === '000604';
    return new TsdbtError({
      kind: cancelled ? 'runtime' : 'database',
      message: `${code} (${driverError.sqlState}): ${text}`,
      code,
      sqlState: driverError.sqlState,
      ...(cancelled ? { hint: 'The statement was cancelled.' } : {}),
    });
  }
  if (code === '390100' || code === '390144' || code === '390318' || code === '390303') {
    return new TsdbtError({
      kind: 'profile',
      message: `${code}: ${text}`,
      code,
      hint: 'Check the user and credentials of the Snowflake target in profiles.yml.',
    });
  }
  return new TsdbtError({ kind: isTransientSnowflakeError(error) ? 'runtime' : 'database', message: code ? `${code}: ${text}` : text, code });
}
