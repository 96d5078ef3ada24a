/**
 * `--state DIR` and `--defer`: read the manifest (and run results) of an earlier run so
 * `state:modified`, `result:fail` and deferred refs can use them.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ManifestNode, RelationName } from '../parse/manifest.js';
import type { PreviousState } from '../graph/state.js';
import { readManifestSnapshot } from '../artifacts/read-manifest-snapshot.js';
import { readRunResults } from '../artifacts/read-run-results.js';
import { TsdbtError } from '../errors/tsdbt-error.js';
import type { PreparedInvocation } from './prepare-invocation.js';
import { snapshotToPreviousState } from './snapshot-to-previous-state.js';

export interface StateOptions {
  readonly state?: string;
  readonly defer?: boolean;
}

export interface LoadedState {
  readonly previous: PreviousState;
  readonly deferRelation?: (node: ManifestNode) => RelationName | undefined;
}

async function readJson(path: string): Promise<unknown | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new TsdbtError({ kind: 'runtime', message: `Could not read ${path}: ${(error as Error).message}` });
  }
}

export async function loadPreviousState(options: StateOptions, prepared: PreparedInvocation): Promise<LoadedState | undefined> {
  if (!options.state) {
    if (options.defer) throw new TsdbtError({ kind: 'selection', message: '--defer needs --state DIR (the production artifacts to defer to)' });
    return undefined;
  }
  const dir = resolve(options.state);
  const manifestJson = await readJson(join(dir, 'manifest.json'));
  if (manifestJson === undefined) {
    throw new TsdbtError({ kind: 'selection', message: `No manifest.json in --state ${options.state}`, hint: 'Point --state at the target/ folder of a previous run.' });
  }
  const snapshot = readManifestSnapshot(manifestJson);
  const resultsJson = await readJson(join(dir, 'run_results.json'));
  const results = resultsJson === undefined ? undefined : readRunResults(resultsJson);
  const previous = snapshotToPreviousState(snapshot, results);
  void prepared;
  const deferRelation = options.defer
    ? (node: ManifestNode): RelationName | undefined => {
        const old = snapshot.nodes.get(node.uniqueId);
        if (!old || old.schema === null) return undefined;
        return { database: old.database ?? node.relation.database, schema: old.schema, identifier: old.alias ?? node.relation.identifier };
      }
    : undefined;
  return { previous, deferRelation };
}
