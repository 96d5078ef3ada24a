import { describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { encodeValue, fixedNineDigits, rowTypeFor, snowflakeTypeOf } from './result-encoding.js';
import { snowflakeErrorFor } from './snowflake-errors.js';

describe('result encoding', () => {
  it('formats epoch units with nine fraction digits and a sign the driver can floor', () => {
    expect(fixedNineDigits(1_704_164_645_123_456n, 6)).toBe('1704164645.123456000');
    expect(fixedNineDigits(-500_000n, 6)).toBe('-0.500000000');
    expect(fixedNineDigits(0n, 6)).toBe('0.000000000');
  });

  it('maps DuckDB types to Snowflake types', () => {
    expect(snowflakeTypeOf('DECIMAL(10,2)')).toMatchObject({ type: 'fixed', typeName: 'NUMBER(10,2)', scale: 2 });
    expect(snowflakeTypeOf('BIGINT')).toMatchObject({ type: 'fixed', typeName: 'NUMBER(38,0)' });
    expect(snowflakeTypeOf('DOUBLE')).toMatchObject({ type: 'real', typeName: 'FLOAT' });
    expect(snowflakeTypeOf('TIMESTAMP')).toMatchObject({ type: 'timestamp_ntz', typeName: 'TIMESTAMP_NTZ(9)', scale: 9 });
    expect(snowflakeTypeOf('TIMESTAMP WITH TIME ZONE')).toMatchObject({ type: 'timestamp_ltz', typeName: 'TIMESTAMP_LTZ(9)' });
    expect(snowflakeTypeOf('VARCHAR')).toMatchObject({ type: 'text', typeName: 'VARCHAR(16777216)' });
    expect(rowTypeFor('X', 'DATE')).toMatchObject({ name: 'X', type: 'date', nullable: true });
  });

  it('encodes real DuckDB values as Snowflake JSON strings', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const reader = await connection.runAndReadAll(`select 12.34::decimal(10,2), true, false, date '1970-01-11',
        timestamp '1970-01-01 00:00:01.25', timestamptz '1970-01-01 00:00:02+00', time '00:01:00.5', 'x', null::int, 'nan'::double`);
      const types = reader.columnTypes().map((type) => snowflakeTypeOf(type.toString()).type);
      expect(reader.getRows()[0].map((value, index) => encodeValue(value, types[index]))).toEqual([
        '12.34',
        '1',
        '0',
        '10',
        '1.250000000',
        '2.000000000',
        '60.500000000',
        'x',
        null,
        'NaN',
      ]);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});

describe('snowflakeErrorFor', () => {
  it('maps a missing table to 002003 with the name as written, folded', () => {
    const sql = 'SELECT * FROM ANALYTICS.STAGING.NOPE';
    expect(snowflakeErrorFor('Catalog Error: Table with name NOPE does not exist!\n\nLINE 1: ...', sql)).toEqual({
      code: '002003',
      sqlState: '42S02',
      message: "SQL compilation error:\nObject 'ANALYTICS.STAGING.NOPE' does not exist or not authorized.",
    });
  });

  it('maps syntax errors to 001003 with line and position', () => {
    const message = 'Parser Error: syntax error at or near "SELEC"\n\nLINE 1: SELEC 1\n        ^';
    expect(snowflakeErrorFor(message, 'SELEC 1')).toEqual({
      code: '001003',
      sqlState: '42000',
      message: "SQL compilation error:\nsyntax error line 1 at position 0 unexpected 'SELEC'.",
    });
  });

  it('maps unknown columns, conversions and anything else', () => {
    expect(snowflakeErrorFor('Binder Error: Referenced column "nope" not found in FROM clause!\n\nLINE 1: SELECT NOPE FROM X\n               ^', '')).toMatchObject({
      code: '000904',
      message: "SQL compilation error: error line 1 at position 7\ninvalid identifier 'NOPE'",
    });
    expect(snowflakeErrorFor("Conversion Error: Could not convert string 'a' to INT32\n\nLINE 1", '')).toEqual({
      code: '100038',
      sqlState: '22018',
      message: "Could not convert string 'a' to INT32",
    });
    expect(snowflakeErrorFor('Out of Memory Error: too big', '')).toEqual({ code: '100000', sqlState: '22000', message: 'Out of Memory Error: too big' });
  });
});
