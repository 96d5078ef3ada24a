/**
 * Where a node is built: dbt's `generate_database_name`, `generate_schema_name` and
 * `generate_alias_name`. The defaults run in TypeScript (fast for 10k models); a project that
 * defines its own macro gets it called instead, as in dbt.
 */
import type { ProjectCompiler } from '../compile/project-compiler.js';
import type { RelationName } from './manifest.js';

export interface NamingInput {
  readonly name: string;
  readonly resourceType: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly model: Readonly<Record<string, unknown>>;
}

function macroText(value: unknown): string {
  return String(value ?? '').trim();
}

export function resolveRelation(compiler: ProjectCompiler, input: NamingInput): RelationName {
  const target = compiler.invocation.target;
  const customSchema = typeof input.config.schema === 'string' ? input.config.schema : null;
  const customDatabase = typeof input.config.database === 'string' ? input.config.database : null;
  const customAlias = typeof input.config.alias === 'string' ? input.config.alias : null;
  // Snapshots may pin an exact schema (dbt's legacy target_schema) that skips generate_schema_name.
  const targetSchema = typeof input.config.target_schema === 'string' ? input.config.target_schema : null;

  const schemaMacro = compiler.macros.get('generate_schema_name');
  let schema: string;
  if (targetSchema) schema = targetSchema;
  else if (schemaMacro && schemaMacro.definition.packageName !== 'tsdbt') {
    schema = macroText(compiler.withScope({}, () => schemaMacro.call(customSchema, input.model)));
  } else schema = customSchema ? `${target.schema}_${customSchema.trim()}` : target.schema;

  const databaseMacro = compiler.macros.get('generate_database_name');
  const database =
    databaseMacro && databaseMacro.definition.packageName !== 'tsdbt'
      ? macroText(compiler.withScope({}, () => databaseMacro.call(customDatabase, input.model)))
      : (customDatabase ?? (typeof input.config.target_database === 'string' ? input.config.target_database : target.database));

  const aliasMacro = compiler.macros.get('generate_alias_name');
  const identifier =
    aliasMacro && aliasMacro.definition.packageName !== 'tsdbt'
      ? macroText(compiler.withScope({}, () => aliasMacro.call(customAlias, input.model)))
      : (customAlias ?? input.name);

  return { database, schema, identifier };
}
