/**
 * DuckDB results → Snowflake's JSON result format, as `snowflake-sdk` parses it
 * (`connection/result/column.js`): every value is a string or null, and
 * - `fixed` / `real`: the number as text; `boolean`: `"1"` / `"0"`;
 * - `date`: days since 1970-01-01;
 * - `time`: seconds since midnight with a 9-digit fraction;
 * - `timestamp_ntz` / `timestamp_ltz`: epoch seconds with a 9-digit fraction (`"1704164645.123456000"`);
 * - `timestamp_tz` (result version 1): `"<epoch seconds.fraction> <offset minutes + 1440>"`.
 */
import type { DuckDBValue } from '@duckdb/node-api';

/** One column of a Snowflake `rowtype`. */
export interface SnowflakeRowType {
  readonly name: string;
  readonly database: string;
  readonly schema: string;
  readonly table: string;
  readonly nullable: boolean;
  readonly type: 'fixed' | 'real' | 'text' | 'boolean' | 'date' | 'time' | 'timestamp_ntz' | 'timestamp_ltz' | 'timestamp_tz';
  readonly precision: number | null;
  readonly scale: number | null;
  readonly length: number | null;
  readonly byteLength: number | null;
  readonly collation: null;
}

/** The Snowflake type of a DuckDB type, with the name `describe table` shows (e.g. `NUMBER(38,0)`). */
export interface SnowflakeType {
  readonly type: SnowflakeRowType['type'];
  readonly typeName: string;
  readonly precision: number | null;
  readonly scale: number | null;
  readonly length: number | null;
}

const maxVarchar = 16_777_216;

/** Map a DuckDB type name (`DECIMAL(10,2)`, `TIMESTAMP WITH TIME ZONE`, ...) to Snowflake's. */
export function snowflakeTypeOf(duckType: string): SnowflakeType {
  const upper = duckType.toUpperCase();
  const decimal = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(upper);
  if (decimal) {
    const [precision, scale] = [Number(decimal[1]), Number(decimal[2])];
    return { type: 'fixed', typeName: `NUMBER(${precision},${scale})`, precision, scale, length: null };
  }
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/.test(upper)) {
    return { type: 'fixed', typeName: 'NUMBER(38,0)', precision: 38, scale: 0, length: null };
  }
  if (upper === 'DOUBLE' || upper === 'FLOAT') return { type: 'real', typeName: 'FLOAT', precision: null, scale: null, length: null };
  if (upper === 'BOOLEAN') return { type: 'boolean', typeName: 'BOOLEAN', precision: null, scale: null, length: null };
  if (upper === 'DATE') return { type: 'date', typeName: 'DATE', precision: null, scale: null, length: null };
  if (upper === 'TIME') return { type: 'time', typeName: 'TIME(9)', precision: 0, scale: 9, length: null };
  if (upper === 'TIMESTAMP WITH TIME ZONE') {
    return { type: 'timestamp_ltz', typeName: 'TIMESTAMP_LTZ(9)', precision: 0, scale: 9, length: null };
  }
  if (upper.startsWith('TIMESTAMP')) return { type: 'timestamp_ntz', typeName: 'TIMESTAMP_NTZ(9)', precision: 0, scale: 9, length: null };
  return { type: 'text', typeName: `VARCHAR(${maxVarchar})`, precision: null, scale: null, length: maxVarchar };
}

/** A rowtype entry for a result column. */
export function rowTypeFor(name: string, duckType: string): SnowflakeRowType {
  const snowflakeType = snowflakeTypeOf(duckType);
  return {
    name,
    database: '',
    schema: '',
    table: '',
    nullable: true,
    type: snowflakeType.type,
    precision: snowflakeType.precision,
    scale: snowflakeType.scale,
    length: snowflakeType.length,
    byteLength: snowflakeType.length === null ? null : snowflakeType.length * 4,
    collation: null,
  };
}

/** `units / 10^digits` as an exact decimal string with 9 fraction digits (sign kept, as the driver floors it). */
export function fixedNineDigits(units: bigint, digits: number): string {
  const negative = units < 0n;
  const absolute = negative ? -units : units;
  const divisor = 10n ** BigInt(digits);
  const whole = absolute / divisor;
  const fraction = (absolute % divisor).toString().padStart(digits, '0').padEnd(9, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/** The epoch time of a DuckDB timestamp/time value in microseconds, or undefined if it is not one. */
function microsOf(value: object): bigint | undefined {
  if ('micros' in value && typeof value.micros === 'bigint') return value.micros;
  if ('millis' in value && typeof value.millis === 'bigint') return value.millis * 1000n;
  if ('nanos' in value && typeof value.nanos === 'bigint') return value.nanos / 1000n;
  if ('seconds' in value && typeof value.seconds === 'bigint') return value.seconds * 1_000_000n;
  return undefined;
}

/** Encode one DuckDB value as Snowflake's JSON rowset string. */
export function encodeValue(value: DuckDBValue, type: SnowflakeRowType['type']): string | null {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'boolean':
      return value === true ? '1' : '0';
    case 'date':
      return typeof value === 'object' && 'days' in value ? String(value.days) : String(value);
    case 'time':
    case 'timestamp_ntz':
    case 'timestamp_ltz': {
      const micros = typeof value === 'object' ? microsOf(value) : undefined;
      return micros === undefined ? String(value) : fixedNineDigits(micros, 6);
    }
    case 'timestamp_tz': {
      const micros = typeof value === 'object' ? microsOf(value) : undefined;
      return micros === undefined ? String(value) : `${fixedNineDigits(micros, 6)} 1440`;
    }
    case 'real':
      if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'inf' : '-inf';
      return String(value);
    default:
      return String(value);
  }
}
