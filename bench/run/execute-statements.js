// The floor for bench/run: the statements tsdbt sent (read from target/run/, in the order
// run_results.json lists the nodes) executed in one loop straight through @duckdb/node-api.
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [projectDir, dbPath] = process.argv.slice(2);
const results = JSON.parse(readFileSync(join(projectDir, 'target', 'run_results.json'), 'utf8')).results;
const manifest = JSON.parse(readFileSync(join(projectDir, 'target', 'manifest.json'), 'utf8'));
const scripts = results.map((result) =>
  readFileSync(join(projectDir, 'target', 'run', 'bench', manifest.nodes[result.unique_id].original_file_path), 'utf8'),
);
mkdirSync(dirname(dbPath), { recursive: true });
rmSync(dbPath, { force: true });
const instance = await DuckDBInstance.create(dbPath);
const connection = await instance.connect();
await connection.run('create schema if not exists main');
const started = process.hrtime.bigint();
for (const script of scripts) {
  for (const statement of script.split(/;\s*\n\n/)) {
    const sql = statement.trim().replace(/;$/, '');
    if (sql) await connection.run(sql);
  }
}
process.stderr.write(`${JSON.stringify({ loopSeconds: Number(process.hrtime.bigint() - started) / 1e9, statements: scripts.length })}\n`);
connection.closeSync();
instance.closeSync();
