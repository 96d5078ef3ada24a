// A synthetic project of N models: model i refs 1-3 earlier models and calls a project macro.
// Deterministic (seeded), so every run of a benchmark measures the same project.
import { mkdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes the project into a new temp dir and returns its path. */
export function writeSyntheticProject(models, { materialized = 'view', seed = 7 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), `tsdbt-bench-${models}-`));
  const next = random(seed);
  mkdirSync(join(dir, 'macros'), { recursive: true });
  writeFileSync(join(dir, 'project.yml'), `name: bench\nprofile: bench\nmodels:\n  bench:\n    +materialized: ${materialized}\n`);
  writeFileSync(
    join(dir, 'profiles.yml'),
    `bench:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: target/bench.duckdb\n      schema: main\n      threads: 4\n`,
  );
  writeFileSync(join(dir, 'macros/double_it.sql'), '{% macro double_it(column, factor=2) %}({{ column }} * {{ factor }}){% endmacro %}\n');
  const perFolder = 500;
  for (let i = 0; i < models; i++) {
    const folder = join(dir, 'models', `group_${Math.floor(i / perFolder)}`);
    if (i % perFolder === 0) mkdirSync(folder, { recursive: true });
    let sql;
    if (i < 3) {
      sql = `select range as id, range % 7 as bucket from range(100)\n`;
    } else {
      const parents = new Set();
      const count = 1 + Math.floor(next() * 3);
      while (parents.size < count) parents.add(Math.floor(next() * i));
      const [first, ...rest] = [...parents];
      const joins = rest.map((p, k) => `join {{ ref('model_${p}') }} as p${k + 1} on p${k + 1}.id = p0.id`).join('\n');
      sql = `select p0.id, {{ double_it('p0.bucket') }} % 7 as bucket\nfrom {{ ref('model_${first}') }} as p0\n${joins}\n`;
    }
    writeFileSync(join(folder, `model_${i}.sql`), sql);
  }
  return dir;
}
