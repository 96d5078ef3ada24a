import { afterEach, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeDuckDbProject } from '../testing/duckdb-project.js';
import { removeProject } from '../testing/make-project.js';
import { runCli } from '../testing/run-cli.js';
import { queryDuckDb } from '../testing/query-duckdb.js';
import { compareContract, normalizeType, typesMatch } from '../plan/check-contract.js';

const dirs: string[] = [];
afterEach(async () => {
  while (dirs.length) await removeProject(dirs.pop()!);
});

const contractYml = [
  'version: 2',
  'models:',
  '  - name: totals',
  '    config:',
  '      contract: {enforced: true}',
  '    columns:',
  '      - name: id',
  '        data_type: int',
  '      - name: label',
  '        data_type: string',
  '      - name: amount',
  '        data_type: float8',
  '      - name: price',
  '        data_type: numeric',
].join('\n');

describe('model contracts on DuckDB', () => {
  it('builds when the columns match and keeps the previous table when they stop matching', async () => {
    const { dir, dbPath } = await makeDuckDbProject({
      'models/schema.yml': contractYml,
      'models/totals.sql': "{{ config(materialized='table') }}\nselect 1 as id, 'first' as label, 2.5::double as amount, 9.99 as price",
    });
    dirs.push(dir);
    const built = await runCli(['run'], { cwd: dir });
    expect(built.code).toBe(0);
    expect(await queryDuckDb(dbPath, 'select id, label, amount from main.totals')).toEqual([{ id: 1, label: 'first', amount: 2.5 }]);

    await writeFile(join(dir, 'models/totals.sql'), "{{ config(materialized='table') }}\nselect 'one' as id, 'second' as label, 7 as extra, 1.5 as price");
    const broken = await runCli(['run'], { cwd: dir });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/ERROR creating sql table model main\.totals/);
    expect(broken.stdout).toContain('Compilation Error in model totals (models/totals.sql)');
    expect(broken.stdout).toContain('This model has an enforced contract that failed.');
    const table = broken.stdout
      .split('\n')
      .map((line) => line.replace(/^\d\d:\d\d:\d\d\s+/, '').trim())
      .filter((line) => line.startsWith('|'));
    expect(table).toEqual([
      '| column_name | definition_type | contract_type | mismatch_reason       |',
      '| ----------- | --------------- | ------------- | --------------------- |',
      '| id          | VARCHAR         | int           | data type mismatch    |',
      '| amount      |                 | float8        | missing in definition |',
      '| extra       | INTEGER         |               | missing in contract   |',
    ]);
    // Nothing was replaced and nothing was left behind.
    expect(await queryDuckDb(dbPath, 'select id, label, amount from main.totals')).toEqual([{ id: 1, label: 'first', amount: 2.5 }]);
    expect(await queryDuckDb(dbPath, "select count(*) as n from information_schema.tables where table_name like '%tsdbt_tmp%'")).toEqual([{ n: 0 }]);
  });

  it('checks views too, and a contract without columns is an error', async () => {
    const { dir, dbPath } = await makeDuckDbProject({
      'models/schema.yml': 'version: 2\nmodels:\n  - name: v\n    config:\n      contract: {enforced: true}\n    columns:\n      - name: flag\n        data_type: bool\n  - name: empty\n    config:\n      contract: {enforced: true}\n',
      'models/v.sql': 'select 1 as flag',
      'models/empty.sql': 'select 1 as x',
    });
    dirs.push(dir);
    const run = await runCli(['run'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/\| flag\s+\| INTEGER\s+\| bool\s+\| data type mismatch \|/);
    expect(run.stdout).toContain("Model 'empty' enforces a contract but declares no columns");
    expect(await queryDuckDb(dbPath, "select count(*) as n from information_schema.tables where table_name in ('v', 'empty')")).toEqual([{ n: 0 }]);
  });
});

describe('contract type comparison', () => {
  it('folds common aliases and ignores case and string lengths', () => {
    expect(normalizeType('VARCHAR(20)')).toEqual({ base: 'varchar', params: '' });
    expect(normalizeType('numeric(10, 2)')).toEqual({ base: 'decimal', params: '10,2' });
    expect(typesMatch('INTEGER', 'int')).toBe(true);
    expect(typesMatch('VARCHAR', 'text')).toBe(true);
    expect(typesMatch('DOUBLE', 'float8')).toBe(true);
    expect(typesMatch('TIMESTAMP WITH TIME ZONE', 'timestamptz')).toBe(true);
    expect(typesMatch('DECIMAL(10,2)', 'numeric')).toBe(true);
    expect(typesMatch('DECIMAL(10,2)', 'numeric(12,2)')).toBe(false);
    expect(typesMatch('BIGINT', 'int')).toBe(false);
    expect(typesMatch('FLOAT', 'double')).toBe(false);
  });

  it('matches column names case-insensitively and lists every difference', () => {
    expect(compareContract([{ name: 'ID', dataType: 'INTEGER' }], [{ name: 'id', dataType: 'integer' }])).toEqual([]);
    expect(compareContract([{ name: 'a', dataType: 'INTEGER' }], [{ name: 'a' }, { name: 'b', dataType: 'date' }])).toEqual([
      { columnName: 'a', definitionType: 'INTEGER', contractType: '', reason: 'no data_type in contract' },
      { columnName: 'b', definitionType: '', contractType: 'date', reason: 'missing in definition' },
    ]);
  });
});
