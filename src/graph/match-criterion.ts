/**
 * Evaluates one selector criterion (no graph operators) to the set of node and source ids it
 * matches, following dbt's selector methods (core/dbt/graph/selector_methods.py).
 */
import type { ManifestNode, SourceDefinition } from '../parse/manifest.js';
import { matchStateCriterion } from './match-state.js';
import type { SelectorCriterion } from './selector-ast.js';
import { enabledNodes, enabledSources, type SelectionContext } from './selection-context.js';
import { hasWildcard, matchesShellPattern } from './shell-pattern.js';

type Vertex = ManifestNode | SourceDefinition;

/**
 * The ids (nodes and sources) matched by a criterion.
 *
 * @throws TsdbtError kind `selection` when a `state:`/`result:`/`source_status:` criterion has
 *   nothing to compare against.
 */
export function matchCriterion(criterion: SelectorCriterion, context: SelectionContext): Set<string> {
  const { manifest } = context;
  switch (criterion.method) {
    case 'name':
      return matchNodes(context, (node) =>
        matchesShellPattern(node.name, criterion.pattern) || (criterion.implicit && fqnMatches(node.fqn, criterion.pattern)),
      );
    case 'fqn':
      return matchNodes(context, (node) => fqnMatches(node.fqn, criterion.pattern));
    case 'tag':
      return matchAll(context, (vertex) => tagsOf(vertex).some((tag) => matchesShellPattern(tag, criterion.pattern)));
    case 'path':
      return matchAll(context, (vertex) => pathMatches(vertex.originalFilePath, criterion.path));
    case 'file':
      return matchAll(context, (vertex) => fileMatches(vertex.originalFilePath, criterion.pattern));
    case 'config':
      return matchAll(context, (vertex) => configValueMatches(configValue(vertex, criterion.keyPath), criterion.value));
    case 'resource_type':
      return matchAll(context, (vertex) => vertex.resourceType === criterion.resourceType);
    case 'source':
      return matchSources(context, (source) =>
        matchesShellPattern(source.sourceName, criterion.sourceName) &&
        (criterion.tableName === undefined || matchesShellPattern(source.name, criterion.tableName)) &&
        (criterion.packageName === undefined || matchesShellPattern(source.packageName, criterion.packageName)),
      );
    case 'test_type':
      return matchNodes(context, (node) => testTypeOf(node) === criterion.testType);
    case 'test_name':
      return matchNodes(context, (node) => testNameMatches(node, criterion.pattern));
    case 'package': {
      const pattern = criterion.pattern === 'this' ? manifest.projectName : criterion.pattern;
      return matchAll(context, (vertex) => matchesShellPattern(vertex.packageName, pattern));
    }
    case 'exposure':
      // The manifest has no exposures yet, so an exposure selector matches nothing.
      return new Set();
    case 'state':
    case 'result':
    case 'source_status':
      return matchStateCriterion(criterion, context);
  }
}

function matchNodes(context: SelectionContext, predicate: (node: ManifestNode) => boolean): Set<string> {
  const matched = new Set<string>();
  for (const node of enabledNodes(context.manifest)) if (predicate(node)) matched.add(node.uniqueId);
  return matched;
}

function matchSources(context: SelectionContext, predicate: (source: SourceDefinition) => boolean): Set<string> {
  const matched = new Set<string>();
  for (const source of enabledSources(context.manifest)) if (predicate(source)) matched.add(source.uniqueId);
  return matched;
}

function matchAll(context: SelectionContext, predicate: (vertex: Vertex) => boolean): Set<string> {
  const matched = matchNodes(context, predicate);
  for (const id of matchSources(context, predicate)) matched.add(id);
  return matched;
}

/**
 * dbt's qualified-name match: the pattern equals the last FQN part, or its dot-separated parts
 * are a prefix of the FQN (with or without the package), where a part with a wildcard matches
 * the rest of the FQN as one dotted string.
 */
export function fqnMatches(fqn: readonly string[], pattern: string): boolean {
  return qualifiedNameMatches(fqn, pattern) || qualifiedNameMatches(fqn.slice(1), pattern);
}

function qualifiedNameMatches(fqn: readonly string[], pattern: string): boolean {
  if (fqn.length === 0) return false;
  if (fqn[fqn.length - 1] === pattern) return true;
  // Fast path for the common single-part literal: only the first FQN part can still match.
  if (!pattern.includes('.') && !hasWildcard(pattern)) return fqn[0] === pattern || fqn[0].startsWith(`${pattern}.`);
  const flat = fqn.flatMap((part) => part.split('.'));
  const parts = pattern.split('.');
  if (flat.length < parts.length) return false;
  for (let i = 0; i < parts.length; i++) {
    if (hasWildcard(parts[i])) return matchesShellPattern(flat.slice(i).join('.'), parts.slice(i).join('.'));
    if (flat[i] !== parts[i]) return false;
  }
  return true;
}

function tagsOf(vertex: Vertex): readonly string[] {
  if (vertex.resourceType !== 'source') return vertex.config.tags;
  const configTags = vertex.config['tags'];
  return Array.isArray(configTags) ? [...vertex.tags, ...configTags.map(String)] : vertex.tags;
}

/** A folder selects everything under it, a file selects itself; wildcards match either. */
function pathMatches(filePath: string, selectorPath: string): boolean {
  if (selectorPath === '.' || selectorPath === '') return true;
  if (filePath === selectorPath || filePath.startsWith(`${selectorPath}/`)) return true;
  if (!hasWildcard(selectorPath)) return false;
  const segments = filePath.split('/');
  for (let length = 1; length <= segments.length; length++) {
    if (matchesShellPattern(segments.slice(0, length).join('/'), selectorPath)) return true;
  }
  return false;
}

function fileMatches(filePath: string, pattern: string): boolean {
  const fileName = filePath.slice(filePath.lastIndexOf('/') + 1);
  const dot = fileName.lastIndexOf('.');
  const stem = dot > 0 ? fileName.slice(0, dot) : fileName;
  return matchesShellPattern(fileName, pattern) || matchesShellPattern(stem, pattern);
}

function configValue(vertex: Vertex, keyPath: readonly string[]): unknown {
  let value: unknown = vertex.config;
  // Sources keep meta and tags beside their config; dbt selects on them as config too.
  if (vertex.resourceType === 'source' && (keyPath[0] === 'meta' || keyPath[0] === 'tags') && !(keyPath[0] in vertex.config)) {
    value = { meta: vertex.meta, tags: vertex.tags };
  }
  for (const key of keyPath) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Lists match when they contain the value; booleans compare case-insensitively. */
function configValueMatches(value: unknown, wanted: string): boolean {
  if (Array.isArray(value)) return value.some((member) => configValueMatches(member, wanted));
  if (typeof value === 'string') return value === wanted;
  if (typeof value === 'boolean') return String(value) === wanted.toLowerCase();
  if (typeof value === 'number') return String(value) === wanted;
  return false;
}

function testTypeOf(node: ManifestNode): 'generic' | 'singular' | 'unit' | undefined {
  if (node.resourceType === 'unit_test') return 'unit';
  if (node.resourceType !== 'test') return undefined;
  return node.testMetadata !== undefined ? 'generic' : 'singular';
}

function testNameMatches(node: ManifestNode, pattern: string): boolean {
  if (node.resourceType !== 'test' || node.testMetadata === undefined) return false;
  const { name, namespace } = node.testMetadata;
  return matchesShellPattern(name, pattern) || (namespace !== undefined && matchesShellPattern(`${namespace}.${name}`, pattern));
}
