import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { duckdbTargetSchema } from '../../config/profile-config.js';
import { createAdapter } from '../create-adapter.js';
import type { Adapter } from '../adapter.js';

let dir: string | undefined;
let adapter: Adapter | undefined;

afterEach(async () => {
  await adapter?.close();
  adapter = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function open(profile: Record<string, unknown>): Promise<Adapter> {
  dir = await mkdtemp(join(tmpdir(), 'tsdbt-duckdb-adapter-'));
  adapter = await createAdapter({ ...duckdbTargetSchema.parse({ type: 'duckdb', path: join(dir, 'dev.duckdb'), ...profile }), database: 'dev' });
  return adapter;
}

async function queryOne(target: Adapter, sql: string): Promise<unknown> {
  const session = await target.openSession();
  try {
    const { rows } = await session.query(sql);
    return Object.values(rows[0] ?? {})[0];
  } finally {
    await session.release();
  }
}

const STORAGE_VERSION = "select tags['storage_version'] from duckdb_databases() where database_name = current_database()";

describe('DuckDB profile options', () => {
  it('creates a new database file in the storage format config_options names', async () => {
    const target = await open({ config_options: { storage_compatibility_version: 'latest' } });
    expect(await queryOne(target, STORAGE_VERSION)).toMatch(/^v1\.[5-9]/);
  });

  it("keeps DuckDB's most compatible file format without config_options", async () => {
    const target = await open({});
    expect(await queryOne(target, STORAGE_VERSION)).toBe('v1.0.0+');
  });

  it('applies settings to every session', async () => {
    const target = await open({ settings: { threads: 1, preserve_insertion_order: false } });
    expect(await queryOne(target, "select current_setting('threads')")).toBe(1);
    expect(await queryOne(target, "select current_setting('preserve_insertion_order')")).toBe(false);
  });
});
