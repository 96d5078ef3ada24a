/** A SQL string literal: single quotes, inner quotes doubled. Standard SQL, shared by every adapter. */
export function sqlStringLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
