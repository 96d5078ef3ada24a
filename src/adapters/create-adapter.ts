/**
 * Open the adapter a target names. Drivers are imported lazily so `tsdbt --help`, `ls` and
 * `compile` start without loading DuckDB or snowflake-sdk.
 */
import type { Adapter } from './adapter.js';
import type { ProfileTarget } from '../config/profile-config.js';
import { TsdbtError } from '../errors/tsdbt-error.js';

export async function createAdapter(target: ProfileTarget): Promise<Adapter> {
  switch (target.type) {
    case 'duckdb': {
      const { createDuckDbAdapter } = await import('./duckdb/duckdb-adapter.js');
      const { duckDbTargetOptions } = await import('./duckdb/duckdb-target-options.js');
      return createDuckDbAdapter(duckDbTargetOptions(target));
    }
    case 'snowflake': {
      if (!target.user) {
        throw new TsdbtError({ kind: 'profile', message: "The snowflake target needs 'user'", hint: "Add user: \"{{ env_var('SNOWFLAKE_USER') }}\" to the target in profiles.yml." });
      }
      const { createSnowflakeAdapter } = await import('./snowflake/snowflake-adapter.js');
      return createSnowflakeAdapter({ ...target, user: target.user });
    }
  }
}

