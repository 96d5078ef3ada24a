/**
 * Loading reports every problem at once: these helpers gather `TsdbtError`s from
 * several places and throw them together.
 */
import { TsdbtError, TsdbtErrors } from '../errors/tsdbt-error.js';

/** The `TsdbtError`s inside a thrown value (a single error, a `TsdbtErrors`, or nothing usable). */
export function errorsOf(thrown: unknown): readonly TsdbtError[] | undefined {
  if (thrown instanceof TsdbtError) return [thrown];
  if (thrown instanceof TsdbtErrors) return thrown.errors;
  return undefined;
}

/** Throws nothing for no errors, the error itself for one, `TsdbtErrors` for several. */
export function throwIfAny(errors: readonly TsdbtError[]): void {
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new TsdbtErrors(errors);
}

/** Runs `work`; a `TsdbtError`/`TsdbtErrors` it throws is added to `into` and `undefined` returned. */
export function collecting<T>(into: TsdbtError[], work: () => T): T | undefined {
  try {
    return work();
  } catch (thrown) {
    const errors = errorsOf(thrown);
    if (errors === undefined) throw thrown;
    into.push(...errors);
    return undefined;
  }
}

/** Errors in reading order: by file, then line, then column (errors without a place last). */
export function sortByPosition(errors: readonly TsdbtError[]): TsdbtError[] {
  const key = (error: TsdbtError): [string, number, number] => [
    error.file ?? '\uffff',
    error.line ?? Number.MAX_SAFE_INTEGER,
    error.column ?? 0,
  ];
  return [...errors].sort((a, b) => {
    const [fileA, lineA, columnA] = key(a);
    const [fileB, lineB, columnB] = key(b);
    return fileA < fileB ? -1 : fileA > fileB ? 1 : lineA - lineB || columnA - columnB;
  });
}
