/**
 * Typed access to the parts of Nunjucks 3.2.4 that its public typings leave out: the runtime
 * helpers compiled templates call, the compiler, the parser and the AST node classes.
 *
 * This is a library edge: the shapes below describe only what the compatibility patches use,
 * and are checked against the installed version when the patches are applied.
 */
import nunjucks from 'nunjucks';

/* eslint-disable @typescript-eslint/no-explicit-any -- untyped library internals */

/** A Nunjucks AST node (`nodes.js`). */
export interface NunjucksNode {
  readonly typename: string;
  readonly lineno: number;
  readonly colno: number;
  [field: string]: any;
}

export interface NunjucksNodeClass {
  new (lineno: number, colno: number, ...fields: unknown[]): NunjucksNode;
  extend(name: string, props: Record<string, unknown>): NunjucksNodeClass;
}

/** The compile-time frame (`runtime.Frame`): maps template names to generated JS variables. */
export interface CompileFrame {
  push(isolateWrites?: boolean): CompileFrame;
  set(name: string, value: string): void;
  lookup(name: string): string | undefined;
}

/** The code generator (`compiler.js`); only the members the patches use. */
export interface NunjucksCompiler {
  codebuf: string[];
  templateName: string | undefined;
  _emit(code: string): void;
  _emitLine(code: string): void;
  _tmpid(): string;
  _compileExpression(node: NunjucksNode, frame: CompileFrame): void;
  compile(node: NunjucksNode, frame: CompileFrame): void;
  fail(message: string, lineno?: number, colno?: number): never;
  [member: string]: any;
}

export interface NunjucksParser {
  fail(message: string, lineno?: number, colno?: number): never;
  [member: string]: any;
}

/** `lib.TemplateError` as created by Nunjucks: an Error with a position and maybe a cause. */
export interface NunjucksTemplateError extends Error {
  lineno?: number;
  colno?: number;
  cause?: unknown;
  Update?: (path: string) => NunjucksTemplateError;
}

export interface NunjucksInternals {
  readonly runtime: {
    memberLookup: (obj: unknown, key: unknown, ...rest: unknown[]) => unknown;
    makeMacro: (argNames: string[], kwargNames: string[], func: (...args: any[]) => unknown) => (...args: any[]) => unknown;
    handleError: (error: unknown, lineno: number, colno: number) => NunjucksTemplateError;
    suppressValue: (value: unknown, autoescape: boolean) => unknown;
    SafeString: new (value: string) => { readonly val: string; toString(): string };
    isKeywordArgs?: (value: unknown) => boolean;
    [helper: string]: any;
  };
  readonly lib: {
    _prettifyError: (path: string | undefined, withInternals: boolean, error: unknown) => Error;
    TemplateError: new (message: string | Error, lineno?: number, colno?: number) => NunjucksTemplateError;
    [helper: string]: any;
  };
  readonly compiler: {
    compile: (src: string, asyncFilters: unknown, extensions: readonly unknown[] | undefined, name: string, opts: unknown) => string;
    Compiler: { prototype: NunjucksCompiler };
  };
  readonly parser: { Parser: { prototype: NunjucksParser } };
  readonly nodes: Record<string, NunjucksNodeClass> & { Node: NunjucksNodeClass };
  readonly lexer: Record<string, string>;
  readonly Environment: typeof nunjucks.Environment;
}

/** The Nunjucks module with its internals typed. */
export const nunjucksInternals = nunjucks as unknown as NunjucksInternals;
