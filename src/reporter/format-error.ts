/**
 * What the CLI prints when an invocation fails: one readable block per error with its place
 * and a hint, never a stack trace unless `--debug`.
 */
import { TsdbtError, TsdbtErrors, type ErrorKind } from '../errors/tsdbt-error.js';
import { paint } from './ansi-colors.js';
import { errorTitle } from './error-title.js';

export interface FormatErrorOptions {
  /** Add the stack and the cause chain. */
  readonly debug: boolean;
  readonly color: boolean;
}

/** Kinds about a project file rather than a node: printed location first, like a compiler. */
const LOCATION_FIRST: ReadonlySet<ErrorKind> = new Set<ErrorKind>(['yaml', 'config', 'profile', 'selection']);

/** Walks `cause` links, stopping at repeats so a cyclic chain cannot loop. */
function causeChain(error: Error): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error.cause;
  while (current !== undefined && !chain.includes(current)) {
    chain.push(current);
    current = current instanceof Error ? current.cause : undefined;
  }
  return chain;
}

function debugLines(error: Error): string[] {
  const lines = ['', ...(error.stack ?? `${error.name}: ${error.message}`).split('\n')];
  for (const cause of causeChain(error)) {
    const text = cause instanceof Error ? (cause.stack ?? `${cause.name}: ${cause.message}`) : String(cause);
    lines.push(`Caused by: ${text}`);
  }
  return lines;
}

function indented(text: string): string[] {
  return text.split('\n').map((line) => `  ${line}`);
}

/** `model stg_orders` from `model.shop.stg_orders`. */
function describeNode(nodeId: string): string {
  const [type, , ...rest] = nodeId.split('.');
  return rest.length === 0 ? nodeId : `${type} ${rest.join('.')}`;
}

function headingLines(error: TsdbtError, useColor: boolean): string[] {
  const title = errorTitle(error.kind);
  const location = error.location;
  if (error.nodeId === undefined && location !== '' && LOCATION_FIRST.has(error.kind)) {
    return [paint(`${location} ${error.message}`, 'red', useColor)];
  }
  let heading = title;
  if (error.nodeId !== undefined) heading += ` in ${describeNode(error.nodeId)}${location === '' ? '' : ` (${location})`}`;
  else if (location !== '') heading += ` in ${location}`;
  return [paint(heading, 'red', useColor), ...indented(error.message)];
}

function formatOne(error: TsdbtError, options: FormatErrorOptions): string[] {
  const lines = headingLines(error, options.color);
  if (error.compiledPath !== undefined) lines.push(`  compiled code at ${error.compiledPath}`);
  if (error.hint !== undefined) lines.push(`  hint: ${error.hint}`);
  if (error.kind === 'internal' && !options.debug) lines.push('Run with --debug to see the stack trace.');
  if (options.debug) lines.push(...debugLines(error));
  return lines;
}

/**
 * One block of text for a failed invocation.
 *
 * @example
 * formatError(new TsdbtError({ kind: 'compilation', message: "'orders' is undefined", nodeId: 'model.shop.stg_orders',
 *   file: 'models/staging/stg_orders.sql', line: 3, column: 12 }), { debug: false, color: false })
 * // Compilation Error in model stg_orders (models/staging/stg_orders.sql:3:12)
 * //   'orders' is undefined
 */
export function formatError(error: unknown, options: FormatErrorOptions): string {
  if (error instanceof TsdbtErrors) {
    const blocks = error.errors.map((inner) => formatOne(inner, options).join('\n'));
    const header = error.errors.length === 1 ? [] : [`Encountered ${error.errors.length} errors:`, ''];
    return [...header, blocks.join('\n\n')].join('\n');
  }
  if (error instanceof TsdbtError) return formatOne(error, options).join('\n');
  const message = error instanceof Error ? error.message : String(error);
  const lines = [paint(`Internal Error: ${message}`, 'red', options.color)];
  if (options.debug && error instanceof Error) lines.push(...debugLines(error));
  else lines.push('Run with --debug to see the stack trace.');
  return lines.join('\n');
}
