/**
 * Every macro tsdbt knows: built-ins (`src/materializations/**`, generic tests) and the project's
 * (`macro-paths`, generic test blocks). Each macro file is compiled once; its macros become
 * environment globals so any template can call them by name. Project macros win over built-ins
 * of the same name, as in dbt.
 */
import type { MacroDefinition } from '../parse/manifest.js';
import { TsdbtError } from '../errors/tsdbt-error.js';
import { compileTemplate, type TemplateEnvironment } from './template-environment.js';
import { rewriteTestBlocks } from './extract-blocks.js';
import { toTemplateError } from './jinja/template-error.js';

export type MacroFunction = (...args: unknown[]) => unknown;

export interface RegisteredMacro {
  readonly definition: MacroDefinition;
  readonly call: MacroFunction;
}

const MACRO_HEADER = /\{%-?\s*macro\s+([A-Za-z_]\w*)\s*\(([^)]*)\)/g;

function describeMacros(source: string, file: string, packageName: string): MacroDefinition[] {
  const found: MacroDefinition[] = [];
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const lineOf = (offset: number): number => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
  for (const match of source.matchAll(MACRO_HEADER)) {
    const name = match[1];
    const start = match.index ?? 0;
    const end = source.indexOf('endmacro', start);
    const close = end === -1 ? source.length : source.indexOf('%}', end) + 2;
    found.push({
      uniqueId: `macro.${packageName}.${name}`,
      name,
      packageName,
      originalFilePath: file,
      line: lineOf(start),
      macroSql: source.slice(start, close),
      description: '',
      arguments: match[2]
        .split(',')
        .map((argument) => argument.split('=')[0].trim())
        .filter((argument) => argument !== ''),
    });
  }
  return found;
}

export class MacroRegistry {
  private readonly macros = new Map<string, RegisteredMacro>();

  constructor(private readonly env: TemplateEnvironment) {}

  /** Compile a macro file (dbt `{% test %}` blocks included) and register each macro it defines. */
  addFile(source: string, file: string, packageName: string): readonly MacroDefinition[] {
    const text = rewriteTestBlocks(source);
    const definitions = describeMacros(text, file, packageName);
    if (definitions.length === 0) return [];
    const template = compileTemplate(this.env, text, file);
    let exported: Record<string, unknown> = {};
    (template as unknown as { getExported(cb: (error: unknown, value: Record<string, unknown>) => void): void }).getExported(
      (error, value) => {
        if (error) throw toTemplateError(error, file);
        exported = value;
      },
    );
    for (const definition of definitions) {
      const fn = exported[definition.name];
      if (typeof fn !== 'function') continue;
      const existing = this.macros.get(definition.name);
      // A project macro replaces a built-in; two project macros with one name is a mistake.
      if (existing && existing.definition.packageName === packageName) {
        throw new TsdbtError({
          kind: 'compilation',
          message: `Macro '${definition.name}' is defined twice: in ${existing.definition.originalFilePath}:${existing.definition.line} and ${file}:${definition.line}`,
          file,
          line: definition.line,
          hint: 'Rename or remove one of them.',
        });
      }
      if (existing && existing.definition.packageName !== 'tsdbt' && packageName === 'tsdbt') continue;
      const call = fn as MacroFunction;
      this.macros.set(definition.name, { definition, call });
      this.env.addGlobal(definition.name, call);
    }
    return definitions;
  }

  get(name: string): RegisteredMacro | undefined {
    return this.macros.get(name);
  }

  has(name: string): boolean {
    return this.macros.has(name);
  }

  definitions(): readonly MacroDefinition[] {
    return [...this.macros.values()].map((macro) => macro.definition);
  }

  /**
   * dbt's `adapter.dispatch('name')`: `<adapter>__name`, then `default__name`.
   * The error lists every name it tried.
   */
  dispatch(name: string, adapterType: string): MacroFunction {
    const tried = [`${adapterType}__${name}`, `default__${name}`];
    for (const candidate of tried) {
      const macro = this.macros.get(candidate);
      if (macro) return macro.call;
    }
    throw new TsdbtError({
      kind: 'compilation',
      message: `No macro implements '${name}' for adapter '${adapterType}': tried ${tried.join(', ')}`,
      hint: `Define one of them in your macro-paths (for example '{% macro default__${name}(...) %}').`,
    });
  }

  /** Call a dispatched macro and return its value (a `return()`ed value or its rendered text). */
  call(name: string, adapterType: string, ...args: unknown[]): unknown {
    return this.dispatch(name, adapterType)(...args);
  }
}
