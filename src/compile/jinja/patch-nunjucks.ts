/**
 * The process-wide changes to Nunjucks 3.2.4 that Jinja compatibility needs and that no
 * environment option or extension can provide. Applied once (idempotent).
 *
 * Why patching: compiled templates call helpers on the shared `runtime` module
 * (`runtime.memberLookup` for every `a.b`, `runtime.makeMacro` for every macro) and the code
 * generator is one shared `Compiler` class, so there is no per-environment hook for them.
 *
 * Two kinds of change:
 * - For every environment: `a.b` finds Python's string/list/dict methods and Python slicing;
 *   errors keep their original cause and position (`lib._prettifyError` drops both otherwise).
 * - Only for templates compiled by an environment that `installJinjaCompat` set up (detected by
 *   its extension in the compile call): macro bodies catch `return()`, values print as Python
 *   does, `~ + * % ==` follow Python, and `for x in xs if cond` filters instead of misparsing.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- patches of untyped library internals */
import nunjucks from 'nunjucks';
import { TEMPLATE_ERROR_DETAILS, TEMPLATE_PATH, type TemplateErrorDetails } from './error-details.js';
import {
  addValues, concatValues, equalValues, loopItems, moduloValues, multiplyValues, renderValue, sliceValue,
} from './jinja-operators.js';
import { isMacroReturn } from './macro-return.js';
import { nunjucksInternals, type NunjucksNodeClass, type CompileFrame, type NunjucksCompiler, type NunjucksNode, type NunjucksTemplateError } from './nunjucks-internals.js';
import { pythonMethod } from './python-methods.js';
import { pythonTruthy } from './python-values.js';

/** Marks the extension whose presence switches the Jinja code generation on. */
export const JINJA_COMPAT_MARKER = '__tsdbtJinjaCompat';

const POSITIONED_NODES = new Set(['Filter', 'Is', 'Add', 'Sub', 'Mul', 'Div', 'FloorDiv', 'Mod', 'Pow', 'Concat', 'Compare', 'In', 'TsdbtLoopFilter']);

let patched = false;
/** > 0 while a template of a Jinja-compatible environment is being compiled (compiling is synchronous). */
let jinjaCompileDepth = 0;

/** Applies the patches once; later calls do nothing. */
export function patchNunjucks(): void {
  if (patched) return;
  patched = true;
  const { runtime, lib } = nunjucksInternals;
  const pristineMemberLookup = runtime.memberLookup;
  // Nunjucks' own compatibility layer brings the slice syntax (`x[1:]`) and True/False/None
  // lookups; its member lookup is replaced below because it treats every object as a dict.
  nunjucks.installJinjaCompat();
  runtime.memberLookup = function memberLookup(obj: unknown, key: unknown, ...rest: unknown[]): unknown {
    if (rest.length === 2) return sliceValue(obj, key, rest[0], rest[1]);
    if (typeof key === 'string' && obj !== null && obj !== undefined) {
      const method = pythonMethod(obj, key);
      if (method) return method;
    }
    return pristineMemberLookup(obj, key);
  };
  installRuntimeHelpers();
  patchErrorReporting(lib);
  patchCompiler();
}

function installRuntimeHelpers(): void {
  const { runtime, lib } = nunjucksInternals;
  const escape = lib.escape as (text: string) => string;
  runtime.tsdbtRender = (value: unknown, autoescape: boolean) => renderValue(value, autoescape, escape);
  runtime.tsdbtConcat = concatValues;
  runtime.tsdbtAdd = addValues;
  runtime.tsdbtMul = multiplyValues;
  runtime.tsdbtMod = moduloValues;
  runtime.tsdbtEquals = equalValues;
  runtime.tsdbtTruthy = pythonTruthy;
  runtime.tsdbtLoopItems = (value: unknown, nameCount: number) => loopItems(value, nameCount, runtime.fromIterator);
  runtime.tsdbtMacroExit = macroExit;
  // Nunjucks drops positional arguments beyond a macro's parameters; Jinja refuses the call.
  // Refusing it here too turns a silently ignored argument into an error at the call's line.
  const makeMacro = runtime.makeMacro;
  runtime.makeMacro = (argNames: string[], kwargNames: string[], func: (...args: any[]) => unknown) => {
    const macro = makeMacro(argNames, kwargNames, func);
    const parameters = [...argNames, ...kwargNames];
    return function checkedMacro(this: unknown, ...args: unknown[]): unknown {
      const positional = runtime.numArgs(args) as number;
      if (positional > parameters.length) {
        const takes = parameters.length === 0 ? 'no arguments' : `at most ${parameters.length} (${parameters.join(', ')})`;
        throw new Error(`A macro was called with ${positional} positional arguments but takes ${takes}`);
      }
      return macro.apply(this, args);
    };
  };
}

/**
 * The catch around every macro body: a `return()` becomes the macro's value; any other
 * error gets its line (while the macro's line is still known) and the macro's file.
 */
function macroExit(error: unknown, lineno: number, colno: number, templatePath: string | null): unknown {
  if (isMacroReturn(error)) return error.value;
  const wrapped = nunjucksInternals.runtime.handleError(error, lineno, colno);
  if (templatePath !== null && typeof wrapped === 'object' && wrapped !== null && !(TEMPLATE_PATH in wrapped)) {
    Object.defineProperty(wrapped, TEMPLATE_PATH, { value: templatePath });
  }
  throw wrapped;
}

/** Keeps the original error and its position on the error Nunjucks hands to the caller. */
function patchErrorReporting(lib: typeof nunjucksInternals.lib): void {
  const prettify = lib._prettifyError;
  lib._prettifyError = function prettifyError(path: string | undefined, withInternals: boolean, error: unknown): Error {
    const original = (error ?? {}) as NunjucksTemplateError & { [TEMPLATE_PATH]?: string };
    const details: TemplateErrorDetails = {
      lineno: original.lineno,
      colno: original.colno,
      cause: typeof original.Update === 'function' ? original.cause : error,
      templatePath: original[TEMPLATE_PATH],
    };
    const result = prettify(path, withInternals, error);
    if (typeof result === 'object' && result !== null && !(TEMPLATE_ERROR_DETAILS in result)) {
      Object.defineProperty(result, TEMPLATE_ERROR_DETAILS, { value: details });
    }
    return result;
  };
}

function patchCompiler(): void {
  const { compiler, nodes } = nunjucksInternals;
  const originalCompile = compiler.compile;
  compiler.compile = function compile(src, asyncFilters, extensions, name, opts) {
    const active = (extensions ?? []).some((extension) => (extension as Record<string, unknown> | null)?.[JINJA_COMPAT_MARKER] === true);
    if (!active) return originalCompile(src, asyncFilters, extensions, name, opts);
    jinjaCompileDepth++;
    try {
      return originalCompile(src, asyncFilters, extensions, name, opts);
    } finally {
      jinjaCompileDepth--;
    }
  };
  const LoopFilter = nodes.Node.extend('TsdbtLoopFilter', { fields: ['iter', 'test', 'names'] });
  const Truthy = nodes.Node.extend('TsdbtTruthy', { fields: ['target'] });
  const proto = nunjucksInternals.compiler.Compiler.prototype;
  const original = {
    emit: proto._emit,
    compileMacro: proto._compileMacro,
    compileFor: proto.compileFor,
    compileConcat: proto.compileConcat,
    compileAdd: proto.compileAdd,
    compileMul: proto.compileMul,
    compileMod: proto.compileMod,
    compileCompare: proto.compileCompare,
    assertType: proto.assertType,
    compileIf: proto.compileIf,
    compileInlineIf: proto.compileInlineIf,
    compileNot: proto.compileNot,
    compileAnd: proto.compileAnd,
    compileOr: proto.compileOr,
  };
  // Conditions use Python's truthiness: `{% if [] %}` and `{% if {} %}` are false in Jinja.
  const withTruthyCondition = (fallback: (this: NunjucksCompiler, ...args: any[]) => void) =>
    function compileConditional(this: NunjucksCompiler, node: NunjucksNode, ...rest: unknown[]): void {
      const condition = node.cond as NunjucksNode;
      if (jinjaCompileDepth > 0 && !isInstance(condition, Truthy)) node.cond = new Truthy(condition.lineno, condition.colno, condition);
      fallback.call(this, node, ...rest);
    };
  proto.compileIf = withTruthyCondition(original.compileIf);
  proto.compileInlineIf = withTruthyCondition(original.compileInlineIf);
  proto.compileTsdbtTruthy = function compileTruthy(this: NunjucksCompiler, node: NunjucksNode, frame: CompileFrame): void {
    this._emit('runtime.tsdbtTruthy(');
    this.compile(node.target as NunjucksNode, frame);
    this._emit(')');
  };
  proto.compileNot = function compileNot(this: NunjucksCompiler, node: NunjucksNode, frame: CompileFrame): void {
    if (jinjaCompileDepth === 0) return original.compileNot.call(this, node, frame);
    this._emit('!runtime.tsdbtTruthy(');
    this.compile(node.target as NunjucksNode, frame);
    this._emit(')');
  };
  // `a or b` / `a and b` return an operand, chosen by Python truthiness; `b` is evaluated lazily.
  const logical = (isAnd: boolean, fallback: (this: NunjucksCompiler, node: NunjucksNode, frame: CompileFrame) => void) =>
    function compileLogical(this: NunjucksCompiler, node: NunjucksNode, frame: CompileFrame): void {
      if (jinjaCompileDepth === 0) return fallback.call(this, node, frame);
      const left = this._tmpid();
      this._emit(`(function (${left}) { return runtime.tsdbtTruthy(${left}) ? `);
      if (isAnd) this.compile(node.right as NunjucksNode, frame);
      else this._emit(left);
      this._emit(' : ');
      if (isAnd) this._emit(left);
      else this.compile(node.right as NunjucksNode, frame);
      this._emit('; })(');
      this.compile(node.left as NunjucksNode, frame);
      this._emit(')');
    };
  proto.compileAnd = logical(true, original.compileAnd);
  proto.compileOr = logical(false, original.compileOr);

  // Nunjucks records the template position only for calls; errors in filters, tests and
  // operators would have no line. Record it for those expressions too.
  const dispatch = proto.compile;
  proto.compile = function compile(this: NunjucksCompiler, node: NunjucksNode, frame: CompileFrame): void {
    if (jinjaCompileDepth === 0 || !POSITIONED_NODES.has(node.typename)) return dispatch.call(this, node, frame);
    this._emit(`(lineno = ${node.lineno}, colno = ${node.colno}, `);
    dispatch.call(this, node, frame);
    this._emit(')');
  };
  proto._emit = function emit(this: NunjucksCompiler, code: string): void {
    // Every `{{ }}` output goes through runtime.suppressValue; print with Python's str() instead.
    const text = jinjaCompileDepth > 0 && code.endsWith(' += runtime.suppressValue(')
      ? `${code.slice(0, -'runtime.suppressValue('.length)}runtime.tsdbtRender(`
      : code;
    original.emit.call(this, text);
  };
  proto._compileMacro = function compileMacro(this: NunjucksCompiler, node: NunjucksNode, frame?: CompileFrame): string {
    if (jinjaCompileDepth > 0) rejectVariadicNames(this, node);
    const start = this.codebuf.length;
    const id = original.compileMacro.call(this, node, frame) as string;
    if (jinjaCompileDepth > 0) wrapMacroBody(this, start, node);
    return id;
  };
  proto.compileFor = function compileFor(this: NunjucksCompiler, node: NunjucksNode, frame: CompileFrame): void {
    const source = node.arr as NunjucksNode;
    // Nunjucks parses `for x in xs if cond` as `for x in (xs if cond)`; Jinja filters the items.
    if (jinjaCompileDepth > 0 && isInstance(source, nodes.InlineIf) && (source.else_ === null || source.else_ === undefined)) {
      node.arr = new LoopFilter(source.lineno, source.colno, source.body, source.cond, node.name);
    }
    original.compileFor.call(this, node, frame);
  };
  proto.assertType = function assertType(this: NunjucksCompiler, node: NunjucksNode, ...types: unknown[]): void {
    if (isInstance(node, LoopFilter) || isInstance(node, Truthy)) return;
    (original.assertType as (...args: unknown[]) => void).call(this, node, ...types);
  };
  proto.compileTsdbtLoopFilter = function compileTsdbtLoopFilter(this: NunjucksCompiler, node: NunjucksNode, frame: CompileFrame): void {
    compileLoopFilter(this, node, frame);
  };
  const binary = (helper: string, fallback: (this: NunjucksCompiler, node: NunjucksNode, frame: CompileFrame) => void) =>
    function compileBinary(this: NunjucksCompiler, node: NunjucksNode, frame: CompileFrame): void {
      if (jinjaCompileDepth === 0) return fallback.call(this, node, frame);
      this._emit(`runtime.${helper}(`);
      this.compile(node.left as NunjucksNode, frame);
      this._emit(', ');
      this.compile(node.right as NunjucksNode, frame);
      this._emit(')');
    };
  proto.compileConcat = binary('tsdbtConcat', original.compileConcat);
  proto.compileAdd = binary('tsdbtAdd', original.compileAdd);
  proto.compileMul = binary('tsdbtMul', original.compileMul);
  proto.compileMod = binary('tsdbtMod', original.compileMod);
  proto.compileCompare = function compileCompare(this: NunjucksCompiler, node: NunjucksNode, frame: CompileFrame): void {
    const ops = node.ops as NunjucksNode[];
    const type = ops.length === 1 ? (ops[0].type as string) : '';
    if (jinjaCompileDepth === 0 || (type !== '==' && type !== '!=')) return original.compileCompare.call(this, node, frame);
    this._emit(type === '!=' ? '!runtime.tsdbtEquals(' : 'runtime.tsdbtEquals(');
    this.compile(node.expr as NunjucksNode, frame);
    this._emit(', ');
    this.compile(ops[0].expr as NunjucksNode, frame);
    this._emit(')');
  };
}

/**
 * Wraps the generated macro function body in try/catch. Nunjucks reassigns the enclosing
 * `frame` variable on macro entry and restores it only on normal exit, so the catch must
 * restore it too before `return()` hands back its value.
 */
/**
 * Jinja gives every macro `varargs` and `kwargs` (the extra arguments of a call); Nunjucks has
 * neither and would render them as empty. Refuse them at their line instead of rendering
 * something else — unless the macro declares a parameter of that name.
 */
function rejectVariadicNames(compiler: NunjucksCompiler, macro: NunjucksNode): void {
  const declared = new Set<string>();
  const args = macro.args as NunjucksNode | undefined;
  for (const child of (args?.children as NunjucksNode[] | undefined) ?? []) {
    if (typeof child.value === 'string') declared.add(child.value);
    if (child.typename === 'KeywordArgs') {
      for (const pair of (child.children as NunjucksNode[] | undefined) ?? []) {
        const key = (pair.key as NunjucksNode | undefined)?.value;
        if (typeof key === 'string') declared.add(key);
      }
    }
  }
  const seen = new Set<unknown>();
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    const node = value as NunjucksNode;
    if (node.typename === 'Symbol' && (node.value === 'varargs' || node.value === 'kwargs') && !declared.has(node.value as string)) {
      compiler.fail(`'${String(node.value)}' (the extra arguments of a Jinja macro call) is not supported; declare the parameters the macro takes`, node.lineno, node.colno);
    }
    for (const field of (node.fields as string[] | undefined) ?? []) visit((node as Record<string, unknown>)[field]);
  };
  visit(macro.body);
}

function wrapMacroBody(compiler: NunjucksCompiler, start: number, node: NunjucksNode): void {
  const buffer = compiler.codebuf;
  const entry = buffer.indexOf('var callerFrame = frame;\n', start);
  const last = buffer.length - 1;
  if (entry === -1 || buffer[last] !== '});\n') {
    compiler.fail('internal: unexpected Nunjucks macro code; the Jinja compatibility layer needs Nunjucks 3.2.4', node.lineno, node.colno);
  }
  const path = JSON.stringify(compiler.templateName ?? null);
  buffer[entry] = 'var callerFrame = frame;\ntry {\n';
  buffer[last] = `} catch (e) { frame = callerFrame; return runtime.tsdbtMacroExit(e, lineno, colno, ${path}); }\n});\n`;
}

/** `xs if cond` of a for loop → the items of `xs` for which `cond` holds, with the loop names bound. */
function compileLoopFilter(compiler: NunjucksCompiler, node: NunjucksNode, frame: CompileFrame): void {
  const { nodes } = nunjucksInternals;
  const nameNodes = (isInstance(node.names, nodes.Array) ? node.names.children : [node.names]) as NunjucksNode[];
  const items = compiler._tmpid();
  const result = compiler._tmpid();
  const index = compiler._tmpid();
  const inner = frame.push();
  const ids = nameNodes.map((name) => {
    const id = compiler._tmpid();
    inner.set(name.value as string, id);
    return id;
  });
  compiler._emit(`(function () { var ${items} = runtime.tsdbtLoopItems(`);
  compiler._compileExpression(node.iter as NunjucksNode, frame);
  compiler._emit(`, ${ids.length}); var ${result} = []; for (var ${index} = 0; ${index} < ${items}.length; ${index}++) { `);
  if (ids.length === 1) compiler._emit(`var ${ids[0]} = ${items}[${index}]; `);
  else ids.forEach((id, position) => compiler._emit(`var ${id} = ${items}[${index}][${position}]; `));
  compiler._emit('if (runtime.tsdbtTruthy(');
  compiler._compileExpression(node.test as NunjucksNode, inner);
  compiler._emit(`)) ${result}.push(${items}[${index}]); } return ${result}; })()`);
}

/** `instanceof` for Nunjucks node classes, without TypeScript narrowing the node type away. */
function isInstance(node: unknown, nodeClass: NunjucksNodeClass): boolean {
  return node instanceof nodeClass;
}
