/**
 * Masks secrets before anything is written to an artifact. dbt artifacts are uploaded to CI
 * storage and catalogs, so a password passed as `--vars` or a profile override must never
 * reach `run_results.json` or `manifest.json`.
 */

/** Keys whose values are replaced, compared case-insensitively. */
export const SECRET_KEYS: ReadonlySet<string> = new Set(['password', 'private_key', 'private_key_passphrase', 'token']);

/** The text a secret value is replaced with. */
export const REDACTED = '**********';

/**
 * A deep copy of `value` with every secret key's value replaced by {@link REDACTED},
 * at any depth, inside objects and arrays.
 *
 * @example redactArgs({ vars: { password: 'x' } }) // { vars: { password: '**********' } }
 */
export function redactArgs<T>(value: T): T {
  return redactValue(value) as T;
}

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    copy[key] = SECRET_KEYS.has(key.toLowerCase()) ? REDACTED : redactValue(inner);
  }
  return copy;
}
