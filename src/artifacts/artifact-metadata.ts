/**
 * The `metadata` block every dbt artifact starts with, and the date format dbt writes.
 */

/** What every artifact writer needs to stamp its output. */
export interface ArtifactMeta {
  readonly invocationId: string;
  readonly generatedAt: Date;
  /** tsdbt's version, written where dbt writes `dbt_version`. */
  readonly version: string;
}

/** Base URL of dbt's published artifact schemas. */
export const SCHEMA_BASE_URL = 'https://schemas.getdbt.com/dbt';

/** `{ dbt_schema_version, dbt_version, generated_at, invocation_id, env }` for one artifact kind. */
export function artifactMetadata(schemaPath: string, meta: ArtifactMeta): Record<string, unknown> {
  return {
    dbt_schema_version: `${SCHEMA_BASE_URL}/${schemaPath}`,
    dbt_version: meta.version,
    generated_at: isoTimestamp(meta.generatedAt),
    invocation_id: meta.invocationId,
    // dbt fills env from DBT_ENV_CUSTOM_ENV_* variables; tsdbt writes none, so nothing can leak.
    env: {},
  };
}

/** ISO-8601 in UTC with a `Z`, as dbt writes `generated_at`. */
export function isoTimestamp(date: Date): string {
  return date.toISOString();
}
