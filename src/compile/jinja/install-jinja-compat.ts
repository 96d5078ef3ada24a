/**
 * Makes a Nunjucks environment render dbt's Jinja the way Jinja2 does.
 *
 * Adds what Jinja has and Nunjucks lacks: the `{% do %}` tag, `return()`, `namespace()`,
 * Python methods on strings/lists/dicts, Jinja's filters and tests, Python printing of values
 * (`None`, `True`, `['a']`) and Python operators. See `patch-nunjucks.ts` for the parts that
 * must change Nunjucks itself, and `translate-jinja.ts` for the source rewrite that must run
 * on every template before Nunjucks compiles it.
 *
 * @example
 * const env = new nunjucks.Environment(null, { autoescape: false });
 * installJinjaCompat(env);
 * new nunjucks.Template(translateJinja(source), env, 'models/a.sql').render(context);
 */
import type nunjucks from 'nunjucks';
import { TsdbtError } from '../../errors/tsdbt-error.js';
import { splitArgs } from '../call-args.js';
import { registerJinjaFilters } from './jinja-filters.js';
import { registerJinjaTests } from './jinja-tests.js';
import { rememberEnvironment } from './known-names.js';
import { returnFromMacro } from './macro-return.js';
import type { NunjucksNode, NunjucksParser } from './nunjucks-internals.js';
import { JINJA_COMPAT_MARKER, patchNunjucks } from './patch-nunjucks.js';
import { dictKeys, isPlainDict, isStringLike, pythonError, pythonTypeName } from './python-values.js';

/** The extension name `installJinjaCompat` registers; its presence marks a Jinja environment. */
export const JINJA_COMPAT_EXTENSION = 'TsdbtJinjaCompat';

/** Jinja's `namespace()`: an object whose attributes `{% set ns.attr = value %}` may assign. */
export class Namespace {
  [attribute: string]: unknown;

  constructor(values: Readonly<Record<string, unknown>>) {
    Object.assign(this, values);
  }
}

/** Installs Jinja compatibility on `env` (idempotent per environment). */
export function installJinjaCompat(env: nunjucks.Environment): void {
  patchNunjucks();
  if (env.hasExtension(JINJA_COMPAT_EXTENSION)) return;
  env.addExtension(JINJA_COMPAT_EXTENSION, createDoExtension() as unknown as nunjucks.Extension);
  rememberEnvironment(env);
  env.addGlobal('return', returnFromMacro);
  env.addGlobal('namespace', (...args: unknown[]) => {
    const { positional, keywords } = splitArgs(args);
    const initial = isPlainDict(positional[0]) ? positional[0] : {};
    return new Namespace({ ...initial, ...keywords });
  });
  env.addGlobal('_tsdbt_setattr', setNamespaceAttribute);
  env.addGlobal('_tsdbt_unpack', unpack);
  registerJinjaFilters(env);
  registerJinjaTests(env);
}

/** `{% do expr %}`: evaluates the expression for its side effect and prints nothing. */
function createDoExtension(): Record<string, unknown> {
  return {
    tags: ['do'],
    [JINJA_COMPAT_MARKER]: true,
    parse(this: object, parser: NunjucksParser, nodes: Record<string, new (...args: unknown[]) => NunjucksNode>): NunjucksNode {
      const token = parser.nextToken() as { value: string; lineno: number; colno: number };
      const expression = parser.parseExpression() as NunjucksNode;
      parser.advanceAfterBlockEnd(token.value);
      return new nodes.CallExtension(this, 'run', new nodes.NodeList(token.lineno, token.colno, [expression]));
    },
    run: () => '',
  };
}

/** The target of `{% set ns.attr = value %}` after translation. */
function setNamespaceAttribute(target: unknown, attribute: string, value: unknown): string {
  if (!(target instanceof Namespace)) {
    throw new TsdbtError({
      kind: 'template',
      message: `Cannot assign attribute '${attribute}' on a ${pythonTypeName(target)}: only a namespace() accepts {% set x.${attribute} = ... %}`,
      hint: "Create it with {% set ns = namespace(...) %} first, or use a dict and {% do d.update({...}) %}.",
    });
  }
  target[attribute] = value;
  return '';
}

/** The value of `{% set a, b = value %}` after translation: checked to have exactly `count` items. */
function unpack(value: unknown, count: number): readonly unknown[] {
  const items = Array.isArray(value) ? value : isStringLike(value) ? [...value.toString()] : isPlainDict(value) ? dictKeys(value) : undefined;
  if (items === undefined) throw pythonError('TypeError', `cannot unpack non-iterable ${pythonTypeName(value)} object`);
  if (items.length > count) throw pythonError('ValueError', `too many values to unpack (expected ${count})`);
  if (items.length < count) throw pythonError('ValueError', `not enough values to unpack (expected ${count}, got ${items.length})`);
  return items;
}
