/**
 * Turns zod validation issues into `TsdbtError`s placed at the offending YAML key,
 * with dbt-user wording ("expected a list", "unknown key", "did you mean ...?").
 */
import type { z } from 'zod';
import { TsdbtError } from '../errors/tsdbt-error.js';
import type { ErrorKind } from '../errors/tsdbt-error.js';
import { formatKeyPath } from '../load/load-yaml.js';
import type { KeyPath, YamlFile } from '../load/load-yaml.js';
import { didYouMean } from './closest-match.js';
import { sortByPosition } from '../load/collect-errors.js';

export interface IssueContext {
  /** The file the validated value came from, for positions. */
  readonly yaml: YamlFile;
  /** The schema that produced the issues, used to suggest valid keys. */
  readonly schema: z.ZodType;
  /** Defaults to `config`. */
  readonly kind?: ErrorKind;
  /** Prepended to every issue path when only part of the file was validated. */
  readonly pathPrefix?: KeyPath;
}

type Issue = z.core.$ZodIssue;

/** One `TsdbtError` per problem (an issue with several unknown keys gives one error per key). */
export function zodIssuesToErrors(issues: readonly Issue[], context: IssueContext): TsdbtError[] {
  return sortByPosition(issues.flatMap((issue) => issueToErrors(issue, context)));
}

function issueToErrors(issue: Issue, context: IssueContext): TsdbtError[] {
  const issuePath = issue.path.filter((step): step is string | number => typeof step !== 'symbol');
  const path = [...(context.pathPrefix ?? []), ...issuePath];
  const make = (keyPath: KeyPath, message: string, hint?: string): TsdbtError => {
    const position = context.yaml.nearestPositionOf(keyPath);
    return new TsdbtError({
      kind: context.kind ?? 'config',
      message,
      hint,
      file: context.yaml.file,
      line: position.line,
      column: position.column,
    });
  };
  const at = (keyPath: KeyPath, text: string): string =>
    keyPath.length === 0 ? text : `${formatKeyPath(keyPath)}: ${text}`;

  switch (issue.code) {
    case 'unrecognized_keys': {
      const valid = keysAtPath(context.schema, issuePath);
      return issue.keys.map((key) =>
        make([...path, key], at(path, `unknown key \`${key}\``), didYouMean(key, valid) ?? validKeysHint(valid)),
      );
    }
    case 'invalid_type': {
      if (issue.input === undefined && path.length > 0) {
        const parent = path.slice(0, -1);
        return [make(parent, at(parent, `missing required key \`${String(path[path.length - 1])}\``))];
      }
      if (isCustomMessage(issue.message)) return [make(path, at(path, issue.message))];
      return [make(path, at(path, `expected ${describeExpected(issue.expected)}`), `found ${describeValue(issue.input)}`)];
    }
    case 'invalid_value':
      return [make(path, at(path, `expected one of ${issue.values.map((v) => `\`${String(v)}\``).join(', ')}`))];
    case 'invalid_union': {
      if (isCustomMessage(issue.message) || issue.errors.length === 0) return [make(path, at(path, issue.message))];
      // Every branch wants a different type for the value itself: "expected a string or a list".
      const typeOnly = issue.errors.every(
        (branch) => branch.length === 1 && branch[0].code === 'invalid_type' && branch[0].path.length === 0,
      );
      if (typeOnly && issue.input !== undefined) {
        const expected = [...new Set(issue.errors.map((branch) => describeExpected((branch[0] as { expected: string }).expected)))];
        return [make(path, at(path, `expected ${expected.join(' or ')}`), `found ${describeValue(issue.input)}`)];
      }
      // Report the branch that got furthest into the value: its issues are the specific ones.
      const depth = (branch: readonly Issue[]): number => Math.max(...branch.map((i) => i.path.length));
      const best = [...issue.errors].sort((a, b) => depth(b) - depth(a) || a.length - b.length)[0];
      return best.flatMap((inner) =>
        issueToErrors({ ...inner, path: [...issue.path, ...inner.path] } as Issue, context),
      );
    }
    default:
      return [make(path, at(path, issue.message))];
  }
}

const GENERIC_MESSAGES = /^(Invalid input|Invalid option|Invalid value)/;

function isCustomMessage(message: string): boolean {
  return !GENERIC_MESSAGES.test(message);
}

function validKeysHint(valid: readonly string[]): string | undefined {
  return valid.length === 0 ? undefined : `valid keys here: ${valid.join(', ')}`;
}

function describeExpected(expected: string): string {
  const names: Record<string, string> = {
    array: 'a list',
    object: 'a mapping',
    record: 'a mapping',
    string: 'a string',
    number: 'a number',
    int: 'an integer',
    boolean: 'true or false',
  };
  return names[expected] ?? expected;
}

/** `a string`, `a list`, `a mapping`, `null` ... for "found ..." hints. */
export function describeValue(value: unknown): string {
  if (value === null) return 'an empty value (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `a string (\`${value.length > 40 ? `${value.slice(0, 40)}...` : value}\`)`;
  if (typeof value === 'number') return `a number (${value})`;
  if (typeof value === 'boolean') return `\`${value}\``;
  return typeof value;
}

/** The minimal view of zod's internal definitions this walker needs. */
interface SchemaDefinition {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly element?: z.ZodType;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly valueType?: z.ZodType;
  readonly getter?: () => z.ZodType;
}

function definitionOf(schema: z.ZodType): SchemaDefinition {
  return (schema as unknown as { _zod: { def: SchemaDefinition } })._zod.def;
}

/** The object schemas reachable at `path` (several when unions are involved). */
function objectsAtPath(schema: z.ZodType, path: KeyPath): SchemaDefinition[] {
  const definition = definitionOf(schema);
  const unwrap = definition.innerType ?? definition.in ?? definition.getter?.();
  if (unwrap !== undefined) return objectsAtPath(unwrap, path);
  if (definition.options !== undefined) return definition.options.flatMap((option) => objectsAtPath(option, path));
  if (path.length === 0) return definition.type === 'object' ? [definition] : [];
  const [step, ...rest] = path;
  if (definition.type === 'array' && definition.element !== undefined) return objectsAtPath(definition.element, rest);
  if (definition.type === 'record' && definition.valueType !== undefined)
    return objectsAtPath(definition.valueType, rest);
  if (definition.type === 'object' && typeof step === 'string' && definition.shape?.[step] !== undefined)
    return objectsAtPath(definition.shape[step], rest);
  return [];
}

/** Valid keys of the mapping at `path` in `schema`, for "did you mean" hints. */
export function keysAtPath(schema: z.ZodType, path: KeyPath): string[] {
  const keys = new Set<string>();
  for (const definition of objectsAtPath(schema, path)) for (const key of Object.keys(definition.shape ?? {})) keys.add(key);
  return [...keys];
}
