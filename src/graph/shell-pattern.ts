/**
 * Shell-style wildcards as dbt's selectors use them (Python's `fnmatch`): `*` any run of
 * characters, `?` one character, `[abc]` / `[!abc]` a character class. Case-sensitive, like
 * `fnmatch` on POSIX.
 */

const compiled = new Map<string, RegExp>();

/** True when `pattern` contains a wildcard character, i.e. is not a plain literal. */
export function hasWildcard(pattern: string): boolean {
  return /[*?[\]]/.test(pattern);
}

/**
 * Whether `value` matches the shell pattern as a whole.
 *
 * @example matchesShellPattern('stg_orders', 'stg_*') // true
 */
export function matchesShellPattern(value: string, pattern: string): boolean {
  if (!hasWildcard(pattern)) return value === pattern;
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    regex = new RegExp(`^${translate(pattern)}$`, 's');
    compiled.set(pattern, regex);
  }
  return regex.test(value);
}

function translate(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '*') out += '.*';
    else if (char === '?') out += '.';
    else if (char === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close === -1) {
        out += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, close);
      const negated = body.startsWith('!');
      if (negated) body = body.slice(1);
      out += `[${negated ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = close;
    } else out += char.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return out;
}
