/**
 * After every command that parses the project: `target/manifest.json`; after every command
 * that runs nodes: `target/run_results.json` (and JUnit XML when asked).
 */
import type { NodeDescription, NodeResult } from '../execute/events.js';
import { buildManifestJson } from '../artifacts/build-manifest-json.js';
import { buildRunResultsJson } from '../artifacts/build-run-results-json.js';
import { writeJsonArtifact } from '../artifacts/write-json-artifact.js';
import { writeJunitXml } from '../reporter/write-junit-xml.js';
import type { PreparedInvocation } from './prepare-invocation.js';
import { TSDBT_VERSION } from './version.js';

export async function writeManifestArtifact(
  prepared: PreparedInvocation,
  compiled?: ReadonlyMap<string, { readonly compiledCode: string; readonly compiledPath: string }>,
  now: Date = new Date(),
): Promise<string> {
  const json = buildManifestJson(prepared.manifest, {
    invocationId: prepared.invocationId,
    generatedAt: now,
    adapterType: prepared.dialect.type,
    version: TSDBT_VERSION,
    compiled,
    renderRelation: (relation) => prepared.dialect.renderRelation(relation),
  });
  return writeJsonArtifact(prepared.targetDir, 'manifest.json', json);
}

export async function writeRunArtifacts(
  prepared: PreparedInvocation,
  run: { readonly results: readonly NodeResult[]; readonly nodes: ReadonlyMap<string, NodeDescription>; readonly elapsedSeconds: number },
  args: Readonly<Record<string, unknown>>,
  junitXml: string | undefined,
  now: Date = new Date(),
): Promise<void> {
  const compiled = new Map<string, { compiledCode: string; compiledPath: string }>();
  for (const result of run.results) {
    if (result.compiledCode !== undefined && result.compiledPath !== undefined) {
      compiled.set(result.uniqueId, { compiledCode: result.compiledCode, compiledPath: result.compiledPath });
    }
  }
  await writeManifestArtifact(prepared, compiled, now);
  const json = buildRunResultsJson(run.results, {
    invocationId: prepared.invocationId,
    generatedAt: now,
    version: TSDBT_VERSION,
    elapsedTime: run.elapsedSeconds,
    args,
  });
  await writeJsonArtifact(prepared.targetDir, 'run_results.json', json);
  if (junitXml) await writeJunitXml(junitXml, run.results, run.nodes);
}
