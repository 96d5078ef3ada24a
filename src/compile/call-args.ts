/**
 * Nunjucks passes keyword arguments as one trailing object flagged `__keywords`
 * (`config(materialized='table')` arrives as `[{materialized: 'table', __keywords: true}]`).
 */
export interface SplitArgs {
  readonly positional: readonly unknown[];
  readonly keywords: Readonly<Record<string, unknown>>;
}

export function splitArgs(args: readonly unknown[]): SplitArgs {
  const last = args[args.length - 1];
  if (last !== null && typeof last === 'object' && (last as Record<string, unknown>).__keywords === true) {
    const keywords: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(last as Record<string, unknown>)) if (key !== '__keywords') keywords[key] = value;
    return { positional: args.slice(0, -1), keywords };
  }
  return { positional: args, keywords: {} };
}

/** Build the trailing keyword object to call a Nunjucks macro from TypeScript with keyword arguments. */
export function keywordArgs(values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return { ...values, __keywords: true };
}
