/**
 * dbt's `return(value)`: ends the enclosing macro at once and makes the macro call evaluate
 * to `value` (a list, dict, number, bool or string) instead of its rendered text.
 *
 * It is a thrown signal: `{{ return(x) }}` throws a `MacroReturn`, and the try/catch the
 * compiler patch wraps around every macro body turns it into the macro's result. Outside a
 * macro nothing catches it, and `toTemplateError` reports a clear template error.
 */
export class MacroReturn extends Error {
  constructor(readonly value: unknown) {
    // A return is control flow, not a failure: skip the cost of capturing a stack trace.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super('return() can only be used inside a macro');
    Error.stackTraceLimit = limit;
    this.name = 'MacroReturn';
  }
}

/** The `return` global. */
export function returnFromMacro(value?: unknown): never {
  throw new MacroReturn(value ?? null);
}

export function isMacroReturn(value: unknown): value is MacroReturn {
  return value instanceof MacroReturn;
}
