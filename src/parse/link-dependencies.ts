/**
 * Resolve every captured `ref()` and `source()` to a unique id and fill `dependsOn`.
 * A missing ref names the file and line of the call and suggests the closest names;
 * a ref to a disabled node says so.
 */
import { closestNames } from '../graph/closest-names.js';
import { TsdbtError } from '../errors/tsdbt-error.js';
import type { Manifest, ManifestNode } from './manifest.js';

const REFABLE = new Set(['model', 'seed', 'snapshot']);

function lineOfCall(text: string, fn: 'ref' | 'source', name: string): number | undefined {
  const pattern = new RegExp(`${fn}\\s*\\([^)]*['"]${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]`);
  const match = pattern.exec(text);
  if (!match) return undefined;
  let line = 1;
  for (let i = 0; i < match.index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function macrosCalled(text: string, known: ReadonlyMap<string, string>): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/([A-Za-z_]\w*)\s*\(/g)) {
    const id = known.get(match[1]);
    if (id) found.add(id);
  }
  return [...found].sort();
}

export function linkDependencies(manifest: Manifest, errors: TsdbtError[]): Manifest {
  const byName = new Map<string, string>();
  for (const node of Object.values(manifest.nodes)) if (REFABLE.has(node.resourceType)) byName.set(node.name, node.uniqueId);
  const disabledByName = new Map<string, string>();
  for (const node of Object.values(manifest.disabled)) disabledByName.set(node.name, node.uniqueId);
  const macroIds = new Map<string, string>();
  for (const macro of Object.values(manifest.macros)) if (!macroIds.has(macro.name) || macro.packageName !== 'tsdbt') macroIds.set(macro.name, macro.uniqueId);

  const nodes: Record<string, ManifestNode> = {};
  for (const node of Object.values(manifest.nodes)) {
    const dependsOn = new Set<string>();
    const place = (fn: 'ref' | 'source', name: string) => {
      const line = node.resourceType === 'test' && node.testMetadata ? node.patchLine : lineOfCall(node.rawCode, fn, name);
      return { file: node.resourceType === 'test' && node.testMetadata ? node.originalFilePath : node.originalFilePath, line, nodeId: node.uniqueId };
    };
    for (const ref of node.refs) {
      const target = byName.get(ref.name);
      if (target) {
        if (target !== node.uniqueId) dependsOn.add(target);
        continue;
      }
      if (disabledByName.has(ref.name)) {
        errors.push(new TsdbtError({
          kind: 'dependency',
          message: `${node.resourceType} '${node.name}' depends on '${ref.name}', which is disabled`,
          ...place('ref', ref.name),
          hint: `Enable '${ref.name}' or remove the ref.`,
        }));
        continue;
      }
      const close = closestNames(ref.name, byName.keys());
      errors.push(new TsdbtError({
        kind: 'dependency',
        message: `${node.resourceType} '${node.name}' depends on a node named '${ref.name}' which was not found`,
        ...place('ref', ref.name),
        hint: close.length ? `Did you mean ${close.map((name) => `'${name}'`).join(' or ')}?` : 'Check the name of the model, seed or snapshot.',
      }));
    }
    for (const [sourceName, tableName] of node.sources) {
      const id = `source.${manifest.projectName}.${sourceName}.${tableName}`;
      if (manifest.sources[id]) {
        dependsOn.add(id);
        continue;
      }
      const close = closestNames(`${sourceName}.${tableName}`, Object.values(manifest.sources).map((source) => `${source.sourceName}.${source.name}`));
      errors.push(new TsdbtError({
        kind: 'dependency',
        message: `${node.resourceType} '${node.name}' depends on a source named '${sourceName}.${tableName}' which was not found`,
        ...place('source', tableName),
        hint: close.length ? `Did you mean ${close.map((name) => `'${name}'`).join(' or ')}?` : 'Declare it under sources: in a YAML file.',
      }));
    }
    if (node.resourceType === 'unit_test') dependsOn.add(node.model);
    nodes[node.uniqueId] = {
      ...node,
      dependsOn: { nodes: [...dependsOn], macros: macrosCalled(node.rawCode, macroIds) },
    } as ManifestNode;
  }
  return { ...manifest, nodes };
}
