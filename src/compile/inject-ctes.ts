/**
 * Ephemeral models are inlined as CTEs (`__dbt__cte__<name>`) at the top of their consumer.
 * If the consumer already starts with `with`, the CTEs join its list, as dbt does.
 */
export function injectCtes(sql: string, ctes: ReadonlyMap<string, string>): string {
  if (ctes.size === 0) return sql;
  const definitions = [...ctes].map(([name, body]) => `${name} as (\n${body}\n)`).join(',\n');
  const leading = /^(\s*(?:--[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*)\s*with\s+(recursive\s+)?/i.exec(sql);
  if (leading) {
    const recursive = leading[2] ? 'recursive ' : '';
    return `${leading[1]}with ${recursive}${definitions},\n${sql.slice(leading[0].length)}`;
  }
  return `with ${definitions}\n${sql}`;
}
