/**
 * The Snowflake target as profiles.yml describes it (snake_case keys, as in dbt-snowflake),
 * and its translation to `snowflake-sdk` connection options.
 */
import type { ConnectionOptions } from 'snowflake-sdk';

/** A Snowflake output from profiles.yml, already validated by the profile loader. */
export interface SnowflakeTargetOptions {
  readonly account: string;
  /** Required by every authenticator except `oauth`. */
  readonly user?: string;
  /** Password authentication. */
  readonly password?: string;
  /** Key-pair authentication: a PEM file, or the PEM text itself, with an optional passphrase. */
  readonly private_key_path?: string;
  readonly private_key?: string;
  readonly private_key_passphrase?: string;
  /** `oauth` (with `token`) or any authenticator `snowflake-sdk` accepts (`externalbrowser`, ...). */
  readonly authenticator?: string;
  readonly token?: string;
  readonly role?: string;
  readonly database: string;
  readonly warehouse?: string;
  readonly schema: string;
  /** Pool size: one connection per runner thread. */
  readonly threads?: number;
  /** Set on every new connection with `alter session set query_tag`, and restored when a session is released. */
  readonly query_tag?: string;
  readonly client_session_keep_alive?: boolean;
  /** How many times a failed login is retried by the adapter (default: the retry policy's attempts - 1). */
  readonly connect_retries?: number;
  /**
   * Accepted for dbt compatibility but not applied: `snowflake-sdk` has no login timeout, and its
   * request timeout also bounds query requests that Snowflake may hold open for ~45 s.
   */
  readonly connect_timeout?: number;
  /** Custom endpoint (private link, a local stand-in): `host` + `port` + `protocol`, or a whole `access_url`. */
  readonly host?: string;
  readonly port?: number;
  readonly protocol?: 'http' | 'https';
  readonly access_url?: string;
}

/** The endpoint URL, or undefined to let the driver derive it from the account. */
export function accessUrlOf(target: SnowflakeTargetOptions): string | undefined {
  if (target.access_url) return target.access_url;
  if (!target.host) return undefined;
  const protocol = target.protocol ?? 'https';
  return `${protocol}://${target.host}${target.port === undefined ? '' : `:${target.port}`}`;
}

/** The secrets of a target, so error text can be scrubbed of them. */
export function secretsOf(target: SnowflakeTargetOptions): string[] {
  return [target.password, target.private_key, target.private_key_passphrase, target.token].filter(
    (secret): secret is string => typeof secret === 'string' && secret.length > 0,
  );
}

/** `snowflake-sdk` connection options for a target. */
export function toConnectionOptions(target: SnowflakeTargetOptions): ConnectionOptions {
  const accessUrl = accessUrlOf(target);
  const options: ConnectionOptions = {
    account: target.account,
    username: target.user,
    database: target.database,
    schema: target.schema,
    ...(accessUrl ? { accessUrl } : {}),
    ...(target.role ? { role: target.role } : {}),
    ...(target.warehouse ? { warehouse: target.warehouse } : {}),
    // query_tag is not passed as `queryTag`: the driver would then send it with every statement,
    // overriding `alter session set query_tag` (the adapter sets it once per new connection instead).
    ...(target.client_session_keep_alive === undefined ? {} : { clientSessionKeepAlive: target.client_session_keep_alive }),
    application: 'tsdbt',
    // The adapter owns connection retries (bounded, with backoff); the driver would otherwise retry a login 7 times.
    sfRetryMaxLoginRetries: 0,
  };
  if (target.authenticator?.toLowerCase() === 'oauth') {
    return { ...options, authenticator: 'OAUTH', token: target.token };
  }
  if (target.private_key_path || target.private_key) {
    return {
      ...options,
      authenticator: 'SNOWFLAKE_JWT',
      ...(target.private_key_path ? { privateKeyPath: target.private_key_path } : { privateKey: target.private_key }),
      ...(target.private_key_passphrase ? { privateKeyPass: target.private_key_passphrase } : {}),
    };
  }
  return {
    ...options,
    ...(target.authenticator ? { authenticator: target.authenticator.toUpperCase() } : {}),
    ...(target.password === undefined ? {} : { password: target.password }),
  };
}
