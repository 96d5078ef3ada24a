/**
 * Ten days of a customers table changing (segment upgrades, address changes, deletions,
 * re-appearances, an updated_at going backwards, a change without a new updated_at), snapshotted
 * once a day with the real CLI on DuckDB, compared row for row to a history computed here in
 * plain TypeScript — for both strategies and every hard-delete mode.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { makeDuckDbProject } from '../testing/duckdb-project.js';
import { removeProject } from '../testing/make-project.js';
import { runCli } from '../testing/run-cli.js';
import { queryDuckDb } from '../testing/query-duckdb.js';

interface Customer {
  readonly id: number;
  readonly name: string;
  readonly segment: string;
  readonly city: string;
  /** `YYYY-MM-DD HH:MM:SS`, UTC. */
  readonly updatedAt: string;
}

interface Version {
  readonly id: number;
  readonly name: string;
  readonly segment: string;
  readonly city: string;
  validFrom: string;
  validTo: string | null;
  readonly isDeleted: boolean;
}

type Strategy = 'timestamp' | 'check';
type HardDeletes = 'ignore' | 'invalidate' | 'new_record';

const day = (d: number): string => `2024-01-${String(d).padStart(2, '0')}`;
/** When the day's snapshot runs. */
const snapshotTime = (d: number): string => `${day(d)} 23:00:00`;
const changedAt = (d: number): string => `${day(d)} 08:00:00`;

/** The source table on each of the ten days, as a script of edits to the previous day. */
function tenDays(): Customer[][] {
  const days: Customer[][] = [];
  let rows = new Map<number, Customer>();
  const put = (d: number, id: number, fields: Partial<Customer>, touch = true): void => {
    const before = rows.get(id) ?? { id, name: `customer ${id}`, segment: 'basic', city: 'Lyon', updatedAt: changedAt(d) };
    rows.set(id, { ...before, ...fields, ...(touch ? { updatedAt: changedAt(d) } : {}) });
  };
  const remove = (id: number): void => void rows.delete(id);
  const edits: ((d: number) => void)[] = [
    (d) => [1, 2, 3, 4, 5].forEach((id) => put(d, id, { city: ['Lyon', 'Paris', 'Nantes', 'Lille', 'Nice'][id - 1]! })),
    (d) => { put(d, 2, { segment: 'silver' }); put(d, 3, { city: 'Rennes' }); },
    (d) => { remove(4); put(d, 6, { segment: 'gold', city: 'Paris' }); },
    () => undefined, // a quiet day: nothing may change
    (d) => { put(d, 4, { segment: 'silver' }); put(d, 1, { segment: 'gold' }); put(d, 5, { city: 'Toulon' }, false); },
    (d) => { remove(2); put(d, 3, { city: 'Brest', updatedAt: changedAt(1) }, false); }, // 3: updated_at goes backwards
    (d) => { put(d, 2, {}); put(d, 6, { segment: 'platinum' }); },
    (d) => { remove(6); remove(1); put(d, 5, { segment: 'silver' }); },
    (d) => { put(d, 1, { segment: 'basic', city: 'Metz' }); put(d, 3, { segment: 'gold' }); },
    (d) => { put(d, 5, { segment: 'gold' }); put(d, 7, { city: 'Dijon' }); remove(3); },
  ];
  edits.forEach((edit, index) => {
    rows = new Map(rows);
    edit(index + 1);
    days.push([...rows.values()].sort((a, b) => a.id - b.id));
  });
  return days;
}

/** The history dbt's snapshot semantics give, computed without SQL. */
function expectedHistory(days: readonly Customer[][], strategy: Strategy, hardDeletes: HardDeletes): Version[] {
  const history: Version[] = [];
  const lastUpdatedAt = new Map<number, string>();
  days.forEach((rows, index) => {
    const now = snapshotTime(index + 1);
    const current = new Map(history.filter((row) => row.validTo === null).map((row) => [row.id, row]));
    for (const row of rows) {
      const version = strategy === 'timestamp' ? row.updatedAt : now;
      const previous = current.get(row.id);
      const changed = previous === undefined
        || (strategy === 'timestamp' ? previous.validFrom < row.updatedAt : previous.segment !== row.segment || previous.city !== row.city)
        || (hardDeletes === 'new_record' && previous.isDeleted);
      if (!changed) continue;
      if (previous) previous.validTo = version;
      history.push({ id: row.id, name: row.name, segment: row.segment, city: row.city, validFrom: version, validTo: null, isDeleted: false });
      lastUpdatedAt.set(row.id, row.updatedAt);
    }
    if (hardDeletes === 'ignore') return;
    const present = new Set(rows.map((row) => row.id));
    for (const [id, previous] of current) {
      if (present.has(id) || previous.isDeleted) continue;
      previous.validTo = now;
      if (hardDeletes === 'new_record') history.push({ ...previous, validFrom: now, validTo: null, isDeleted: true });
    }
  });
  return sortVersions(history);
}

function sortVersions(rows: Version[]): Version[] {
  return [...rows].sort((a, b) => a.id - b.id || a.validFrom.localeCompare(b.validFrom) || Number(a.isDeleted) - Number(b.isDeleted));
}

const text = (value: unknown): string | null => (value instanceof Date ? value.toISOString().replace('T', ' ').slice(0, 19) : value === null ? null : String(value));

/** Every day's rows in one ephemeral model; `var('day')` picks the day a run sees. */
function sourceModel(days: readonly Customer[][]): string {
  const values = days.flatMap((rows, index) =>
    rows.map((row) => `(${index + 1}, ${row.id}, '${row.name}', '${row.segment}', '${row.city}', timestamp '${row.updatedAt}')`));
  return [
    "{{ config(materialized='ephemeral') }}",
    'select id, name, segment, city, updated_at',
    `from (values ${values.join(',\n  ')}) as t(day, id, name, segment, city, updated_at)`,
    "where day = {{ var('day') }}",
  ].join('\n');
}

const dirs: string[] = [];
afterAll(async () => {
  while (dirs.length) await removeProject(dirs.pop()!);
});

const scenarios: [Strategy, HardDeletes][] = [
  ['timestamp', 'ignore'], ['timestamp', 'invalidate'], ['timestamp', 'new_record'],
  ['check', 'ignore'], ['check', 'invalidate'], ['check', 'new_record'],
];

describe('ten days of customer history', () => {
  const days = tenDays();

  it('the scenario exercises every kind of change', () => {
    // Guards the script itself: a day-5 change without a new updated_at, a backwards updated_at on day 6.
    expect(days[4]!.find((row) => row.id === 5)).toMatchObject({ city: 'Toulon', updatedAt: changedAt(1) });
    expect(days[5]!.find((row) => row.id === 3)).toMatchObject({ city: 'Brest', updatedAt: changedAt(1) });
    expect(days.map((rows) => rows.map((row) => row.id).join(''))).toEqual(['12345', '12345', '12356', '12356', '123456', '13456', '123456', '2345', '12345', '12457']);
  });

  it.each(scenarios)('strategy %s with hard_deletes %s matches the independent history', async (strategy, hardDeletes) => {
    const strategyConfig = strategy === 'timestamp' ? "strategy='timestamp', updated_at='updated_at'" : "strategy='check', check_cols=['segment', 'city']";
    const { dir, dbPath } = await makeDuckDbProject({
      'models/customers.sql': sourceModel(days),
      // A fixed clock per simulated day, so deletions and check-strategy versions are comparable.
      'macros/snapshot_clock.sql': "{% macro duckdb__snapshot_get_time() %}cast('{{ var(\"snapshot_at\") }}' as timestamp){% endmacro %}",
      'snapshots/customers_history.sql': [
        '{% snapshot customers_history %}',
        `{{ config(unique_key='id', ${strategyConfig}, hard_deletes='${hardDeletes}', target_schema='history') }}`,
        "select * from {{ ref('customers') }}",
        '{% endsnapshot %}',
      ].join('\n'),
    });
    dirs.push(dir);
    for (const index of days.keys()) {
      const vars = `{day: ${index + 1}, snapshot_at: "${snapshotTime(index + 1)}"}`;
      const run = await runCli(['snapshot', '--vars', vars], { cwd: dir });
      expect(run.code, run.output).toBe(0);
      if (index === 3) {
        // Running again with the same source (and clock) changes nothing.
        const before = await queryDuckDb(dbPath, 'select * from history.customers_history order by dbt_scd_id');
        expect((await runCli(['snapshot', '--vars', vars], { cwd: dir })).code).toBe(0);
        expect(await queryDuckDb(dbPath, 'select * from history.customers_history order by dbt_scd_id')).toEqual(before);
      }
    }
    const isDeleted = hardDeletes === 'new_record' ? 'dbt_is_deleted' : "'False'";
    const rows = await queryDuckDb(
      dbPath,
      `select id, name, segment, city, dbt_valid_from, dbt_valid_to, ${isDeleted} as is_deleted, dbt_updated_at, dbt_scd_id from history.customers_history`,
    );
    const actual = sortVersions(rows.map((row) => ({
      id: Number(row.id), name: String(row.name), segment: String(row.segment), city: String(row.city),
      validFrom: text(row.dbt_valid_from)!, validTo: text(row.dbt_valid_to), isDeleted: row.is_deleted === 'True',
    })));
    const expected = expectedHistory(days, strategy, hardDeletes);
    expect(actual).toEqual(expected);
    expect(expected.length).toBeGreaterThan(days[0]!.length + 5);
    // Meta invariants: one id per version, dbt_updated_at is the version's start.
    expect(new Set(rows.map((row) => row.dbt_scd_id)).size).toBe(rows.length);
    for (const row of rows) expect(text(row.dbt_updated_at)).toBe(text(row.dbt_valid_from));
  });
});
