/**
 * Where the compatibility patches leave what Nunjucks would otherwise throw away, so
 * `toTemplateError` can report the original error and its real template line.
 */

/** Attached to the error Nunjucks' `_prettifyError` returns: the position and the original error. */
export const TEMPLATE_ERROR_DETAILS = Symbol.for('tsdbt.jinja.templateErrorDetails');

/** Attached to an error raised inside a macro: the path of the template that defines the macro. */
export const TEMPLATE_PATH = Symbol.for('tsdbt.jinja.templatePath');

export interface TemplateErrorDetails {
  readonly lineno?: number;
  readonly colno?: number;
  /** The error a template expression threw (a TsdbtError from `ref()`, a TypeError, ...). */
  readonly cause?: unknown;
  /** The file that defines the macro the error happened in, when known. */
  readonly templatePath?: string;
}
