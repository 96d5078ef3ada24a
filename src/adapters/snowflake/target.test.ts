import { describe, expect, it } from 'vitest';
import { accessUrlOf, secretsOf, toConnectionOptions, type SnowflakeTargetOptions } from './target.js';

const base: SnowflakeTargetOptions = { account: 'xy12345.eu-west-1', user: 'dbt', database: 'analytics', schema: 'staging' };

describe('toConnectionOptions', () => {
  it('maps a password target, leaving login retries and the query tag to the adapter', () => {
    expect(toConnectionOptions({ ...base, password: 'pw', role: 'transformer', warehouse: 'wh', query_tag: 'tsdbt', client_session_keep_alive: true })).toEqual({
      account: 'xy12345.eu-west-1',
      username: 'dbt',
      database: 'analytics',
      schema: 'staging',
      role: 'transformer',
      warehouse: 'wh',
      clientSessionKeepAlive: true,
      application: 'tsdbt',
      sfRetryMaxLoginRetries: 0,
      password: 'pw',
    });
  });

  it('maps key-pair targets to SNOWFLAKE_JWT', () => {
    expect(toConnectionOptions({ ...base, private_key_path: '/keys/rsa.p8', private_key_passphrase: 'pp' })).toMatchObject({
      authenticator: 'SNOWFLAKE_JWT',
      privateKeyPath: '/keys/rsa.p8',
      privateKeyPass: 'pp',
    });
    const inline = toConnectionOptions({ ...base, private_key: '-----BEGIN PRIVATE KEY-----' });
    expect(inline).toMatchObject({ authenticator: 'SNOWFLAKE_JWT', privateKey: '-----BEGIN PRIVATE KEY-----' });
    expect(inline).not.toHaveProperty('privateKeyPath');
  });

  it('maps oauth targets to a token login', () => {
    expect(toConnectionOptions({ ...base, authenticator: 'oauth', token: 'tok' })).toMatchObject({ authenticator: 'OAUTH', token: 'tok' });
  });

  it('builds the access URL from access_url, or host, port and protocol', () => {
    expect(accessUrlOf({ ...base, access_url: 'http://127.0.0.1:9999' })).toBe('http://127.0.0.1:9999');
    expect(accessUrlOf({ ...base, host: 'localhost', port: 8080, protocol: 'http' })).toBe('http://localhost:8080');
    expect(accessUrlOf({ ...base, host: 'acct.privatelink.snowflakecomputing.com' })).toBe('https://acct.privatelink.snowflakecomputing.com');
    expect(accessUrlOf(base)).toBeUndefined();
    expect(toConnectionOptions({ ...base, host: 'localhost', port: 1, protocol: 'http' }).accessUrl).toBe('http://localhost:1');
  });

  it('lists every secret so errors can be scrubbed', () => {
    expect(secretsOf({ ...base, password: 'a', private_key: 'b', private_key_passphrase: 'c', token: 'd' })).toEqual(['a', 'b', 'c', 'd']);
    expect(secretsOf(base)).toEqual([]);
  });
});
