/**
 * A model that is not a file of the project — `compile --inline` snippets, project hooks — so it
 * can be compiled with the same scope (`ref`, `source`, `this`) as a real model.
 */
import { defaultNodeConfig } from '../config/node-config.js';
import type { ModelNode, RelationName } from './manifest.js';

export function syntheticModelNode(
  projectName: string,
  init: { readonly kind: string; readonly name: string; readonly rawCode: string; readonly originalFilePath: string; readonly relation: RelationName },
): ModelNode {
  return {
    uniqueId: `${init.kind}.${projectName}.${init.name}`,
    name: init.name,
    resourceType: 'model',
    packageName: projectName,
    originalFilePath: init.originalFilePath,
    path: `${init.name}.sql`,
    fqn: [projectName, init.name],
    rawCode: init.rawCode,
    config: defaultNodeConfig('view'),
    description: '',
    columns: {},
    refs: [],
    sources: [],
    dependsOn: { nodes: [], macros: [] },
    checksum: '',
    relation: init.relation,
  };
}
