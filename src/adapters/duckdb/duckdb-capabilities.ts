import { defaultCapabilities, type AdapterCapabilities } from '../capabilities.js';

/** DuckDB: transactional DDL (so a table swap is atomic), merge since 1.4, no cluster keys. */
export const duckdbCapabilities: AdapterCapabilities = {
  ...defaultCapabilities,
  transactionalDdl: true,
  merge: true,
  clusterBy: false,
  transientTables: false,
  concurrentWrites: true,
  upperCaseIdentifiers: false,
  usesDatabase: true,
};
