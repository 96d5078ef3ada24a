/**
 * The `snowflake-sdk` driver edge: silencing it, and creating the connection pool.
 */
import snowflake from 'snowflake-sdk';
import type { Connection, Pool } from 'snowflake-sdk';
import { toConnectionOptions, type SnowflakeTargetOptions } from './target.js';

const silent = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {}, trace: () => {} };
let configured = false;

/**
 * Keep the driver quiet: by default it logs at INFO to `snowflake.log` in the working directory and
 * to the console. The core never prints (reporter/ does), and its log could hold connection details.
 */
export function silenceSnowflakeDriver(): void {
  if (configured) return;
  snowflake.configure({ logLevel: 'OFF', customLogger: silent, additionalLogToConsole: false });
  configured = true;
}

/** One pool of connections for a target, sized to its threads; connections are opened on demand. */
export function createSnowflakePool(target: SnowflakeTargetOptions): Pool<Connection> {
  silenceSnowflakeDriver();
  const size = Math.max(1, target.threads ?? 1);
  return snowflake.createPool(toConnectionOptions(target), { max: size, min: 0, evictionRunIntervalMillis: 0 });
}
