/**
 * DuckDB error text → the error a Snowflake account would return for the same mistake,
 * so adapter error mapping is exercised with Snowflake's codes, SQL states and wording.
 */

/** A Snowflake error as the query endpoint returns it (`success: false`). */
export interface SnowflakeErrorBody {
  readonly code: string;
  readonly sqlState: string;
  readonly message: string;
}

/** Snowflake's answer to a statement cancelled by an abort request. */
export const cancelledError: SnowflakeErrorBody = {
  code: '000604',
  sqlState: '57014',
  message: 'SQL execution canceled',
};

/** The qualified name as written in the SQL that ends with `name` (Snowflake quotes what the user wrote). */
function qualifiedName(sql: string, name: string): string {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`((?:[A-Za-z0-9_$"]+\\.){0,2})"?${escaped}"?(?![A-Za-z0-9_$])`, 'i').exec(sql);
  if (!match) return name;
  // Unquoted parts are folded to upper case, as Snowflake reports them.
  return match[0]
    .split('.')
    .map((part) => (part.startsWith('"') ? part.slice(1, -1) : part.toUpperCase()))
    .join('.');
}

/** 1-based line and 0-based position of DuckDB's caret, as Snowflake reports `line L at position P`. */
function position(message: string): { readonly line: number; readonly at: number } {
  const lines = message.split('\n');
  const lineIndex = lines.findIndex((line) => line.startsWith('LINE '));
  if (lineIndex === -1 || !lines[lineIndex + 1]) return { line: 1, at: 0 };
  const prefix = /^LINE (\d+): /.exec(lines[lineIndex]);
  const caret = lines[lineIndex + 1].indexOf('^');
  return { line: prefix ? Number(prefix[1]) : 1, at: Math.max(0, caret - (prefix?.[0].length ?? 0)) };
}

/** Translate a DuckDB error message for `sql` into Snowflake's code, SQL state and message. */
export function snowflakeErrorFor(duckMessage: string, sql: string): SnowflakeErrorBody {
  const missingTable = /Table with name "?([^"\s]+?)"? does not exist/.exec(duckMessage);
  if (missingTable) {
    const name = qualifiedName(sql, missingTable[1].split('.').pop() as string);
    return { code: '002003', sqlState: '42S02', message: `SQL compilation error:\nObject '${name}' does not exist or not authorized.` };
  }
  const missingSchema = /Schema with name "?([^"\s]+?)"? does not exist/.exec(duckMessage);
  if (missingSchema) {
    return {
      code: '002003',
      sqlState: '02000',
      message: `SQL compilation error:\nSchema '${missingSchema[1]}' does not exist or not authorized.`,
    };
  }
  const missingCatalog = /Catalog "?([^"\s]+?)"? does not exist/.exec(duckMessage);
  if (missingCatalog) {
    return {
      code: '002003',
      sqlState: '02000',
      message: `SQL compilation error:\nDatabase '${missingCatalog[1]}' does not exist or not authorized.`,
    };
  }
  const syntax = /Parser Error: syntax error at (?:or near "([^"]*)"|end of input)/.exec(duckMessage);
  if (syntax) {
    const { line, at } = position(duckMessage);
    const near = syntax[1] === undefined ? "unexpected '<EOF>'" : `unexpected '${syntax[1]}'`;
    return { code: '001003', sqlState: '42000', message: `SQL compilation error:\nsyntax error line ${line} at position ${at} ${near}.` };
  }
  const column = /Referenced column "([^"]+)" not found/.exec(duckMessage);
  if (column) {
    const { line, at } = position(duckMessage);
    return {
      code: '000904',
      sqlState: '42000',
      message: `SQL compilation error: error line ${line} at position ${at}\ninvalid identifier '${column[1].toUpperCase()}'`,
    };
  }
  if (/^Conversion Error/.test(duckMessage)) {
    return { code: '100038', sqlState: '22018', message: firstLine(duckMessage.replace(/^Conversion Error: /, '')) };
  }
  if (/^(Catalog|Binder|Parser) Error/.test(duckMessage)) {
    return { code: '002003', sqlState: '42000', message: `SQL compilation error:\n${firstLine(duckMessage.replace(/^\w+ Error: /, ''))}` };
  }
  return { code: '100000', sqlState: '22000', message: firstLine(duckMessage) };
}

function firstLine(text: string): string {
  return text.split('\n')[0];
}
