/**
 * Python's string formatting: `'{0}-{name}'.format(1, name='x')` and `'%s-%d' % (a, 3)`
 * (also Jinja's `format` filter), with the common format-spec subset
 * (`{:>10}`, `{:.2f}`, `{:,}`, `{:05d}`, `%-5s`, `%.1f`).
 */
import { isPlainDict, isStringLike, pythonError, pythonRepr, pythonStr } from './python-values.js';

const SPEC = /^(?:([\s\S])?([<>=^]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/;

/** `str.format(*positional, **keywords)`. */
export function formatPython(template: string, positional: readonly unknown[], keywords: Readonly<Record<string, unknown>>): string {
  let result = '';
  let automatic = 0;
  let index = 0;
  while (index < template.length) {
    const char = template[index];
    if (char === '}') {
      if (template[index + 1] !== '}') throw pythonError('ValueError', "Single '}' encountered in format string");
      result += '}';
      index += 2;
      continue;
    }
    if (char !== '{') {
      result += char;
      index++;
      continue;
    }
    if (template[index + 1] === '{') {
      result += '{';
      index += 2;
      continue;
    }
    const close = template.indexOf('}', index);
    if (close === -1) throw pythonError('ValueError', "Single '{' encountered in format string");
    const field = template.slice(index + 1, close);
    const [, name = '', conversion, spec = ''] = /^([^!:]*)(?:!([rsa]))?(?::([\s\S]*))?$/.exec(field) ?? [];
    const value = resolveField(name, () => automatic++, positional, keywords);
    const converted = conversion === 'r' || conversion === 'a' ? pythonRepr(value) : conversion === 's' ? pythonStr(value) : value;
    result += applySpec(converted, spec);
    index = close + 1;
  }
  return result;
}

function resolveField(
  field: string,
  nextAutomatic: () => number,
  positional: readonly unknown[],
  keywords: Readonly<Record<string, unknown>>,
): unknown {
  const head = /^[^.[]*/.exec(field)?.[0] ?? '';
  let value: unknown;
  if (head === '') value = lookupPositional(positional, nextAutomatic());
  else if (/^\d+$/.test(head)) value = lookupPositional(positional, Number(head));
  else if (Object.prototype.hasOwnProperty.call(keywords, head)) value = keywords[head];
  else throw pythonError('KeyError', `'${head}'`);
  const accessors = /\.(\w+)|\[([^\]]*)\]/g;
  accessors.lastIndex = head.length;
  for (let match = accessors.exec(field); match; match = accessors.exec(field)) {
    const key = match[1] ?? match[2];
    value = Array.isArray(value) && /^\d+$/.test(key) ? value[Number(key)] : (value as Record<string, unknown> | null)?.[key];
  }
  return value;
}

function lookupPositional(positional: readonly unknown[], index: number): unknown {
  if (index >= positional.length) throw pythonError('IndexError', `Replacement index ${index} out of range for positional args tuple`);
  return positional[index];
}

/** Applies a format spec (`>10`, `.2f`, `,`, `05d`) to one value. */
export function applySpec(value: unknown, spec: string): string {
  if (spec === '') return pythonStr(value);
  const match = SPEC.exec(spec);
  if (!match) throw pythonError('ValueError', `Invalid format specifier '${spec}'`);
  const [, fillChar, alignChar, sign = '-', , zero, widthText, grouping, precisionText, type] = match;
  const precision = precisionText === undefined ? undefined : Number(precisionText);
  const isNumber = typeof value === 'number' || typeof value === 'boolean';
  let body: string;
  if (isNumber) body = formatNumber(Number(value), type, precision, grouping, sign);
  else {
    if (type !== undefined && type !== 's') throw pythonError('ValueError', `Unknown format code '${type}' for object of type 'str'`);
    body = pythonStr(value);
    if (precision !== undefined) body = body.slice(0, precision);
  }
  const width = widthText === undefined ? 0 : Number(widthText);
  const fill = fillChar ?? (zero && !alignChar ? '0' : ' ');
  const align = alignChar ?? (zero ? '=' : isNumber ? '>' : '<');
  return pad(body, width, fill, align);
}

function formatNumber(value: number, type: string | undefined, precision: number | undefined, grouping: string | undefined, sign: string): string {
  const negative = value < 0 || Object.is(value, -0);
  const magnitude = Math.abs(value);
  let digits: string;
  switch (type) {
    case 'f': case 'F': digits = magnitude.toFixed(precision ?? 6); break;
    case '%': digits = `${(magnitude * 100).toFixed(precision ?? 6)}%`; break;
    case 'e': case 'E': digits = exponent(magnitude, precision ?? 6, type); break;
    case 'd': case 'n': digits = String(Math.trunc(magnitude)); break;
    case 'x': digits = Math.trunc(magnitude).toString(16); break;
    case 'X': digits = Math.trunc(magnitude).toString(16).toUpperCase(); break;
    case 'o': digits = Math.trunc(magnitude).toString(8); break;
    case 'b': digits = Math.trunc(magnitude).toString(2); break;
    default: digits = precision === undefined ? String(magnitude) : String(Number(magnitude.toPrecision(precision)));
  }
  if (grouping) {
    const [whole, fraction] = digits.split('.');
    digits = whole.replace(/\B(?=(\d{3})+(?!\d))/g, grouping) + (fraction === undefined ? '' : `.${fraction}`);
  }
  const prefix = negative ? '-' : sign === '+' ? '+' : sign === ' ' ? ' ' : '';
  return `${prefix}\u0000${digits}`;
}

function exponent(value: number, precision: number, type: string): string {
  const [mantissa, power] = value.toExponential(precision).split('e');
  const exponentValue = Number(power);
  const text = `${mantissa}e${exponentValue < 0 ? '-' : '+'}${String(Math.abs(exponentValue)).padStart(2, '0')}`;
  return type === 'E' ? text.toUpperCase() : text;
}

/** Pads to `width`; numbers carry a \u0000 marker between sign and digits for '=' alignment. */
function pad(body: string, width: number, fill: string, align: string): string {
  const [sign, digits] = body.includes('\u0000') ? body.split('\u0000') : ['', body];
  const length = sign.length + digits.length;
  const missing = Math.max(width - length, 0);
  if (align === '=') return sign + fill.repeat(missing) + digits;
  const whole = sign + digits;
  if (align === '<') return whole + fill.repeat(missing);
  if (align === '^') return fill.repeat(Math.floor(missing / 2)) + whole + fill.repeat(Math.ceil(missing / 2));
  return fill.repeat(missing) + whole;
}

const PERCENT = /%(?:\((\w+)\))?([-+ 0#]*)(\d+)?(?:\.(\d+))?([sdifFeExXrc%])/g;

/** Python's `format % args` (printf style); `args` is one value, a list (tuple) or a dict. */
export function formatPercent(template: string, args: unknown): string {
  const list = Array.isArray(args) ? args : [args];
  let next = 0;
  const text = template.replace(PERCENT, (_match, key: string | undefined, flags: string, width: string | undefined, precision: string | undefined, type: string) => {
    if (type === '%') return '%';
    let value: unknown;
    if (key !== undefined) {
      if (!isPlainDict(args) || !Object.prototype.hasOwnProperty.call(args, key)) throw pythonError('KeyError', `'${key}'`);
      value = args[key];
    } else {
      if (next >= list.length) throw pythonError('TypeError', 'not enough arguments for format string');
      value = list[next++];
    }
    const align = flags.includes('-') ? '<' : flags.includes('0') && type !== 's' && type !== 'r' ? '=' : '>';
    const fill = align === '=' ? '0' : ' ';
    const sign = flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '-';
    const spec = `${fill}${align}${sign}${width ?? ''}${precision === undefined ? '' : `.${precision}`}`;
    if (type === 's') return applySpec(pythonStr(value), spec);
    if (type === 'r') return applySpec(pythonRepr(value), spec);
    if (type === 'c') return isStringLike(value) ? value.toString() : String.fromCharCode(Number(value));
    if (typeof value !== 'number' && typeof value !== 'boolean') {
      throw pythonError('TypeError', `%${type} format: a real number is required, not ${typeof value === 'string' ? 'str' : 'object'}`);
    }
    const numberType = type === 'i' ? 'd' : type;
    return applySpec(value, spec + numberType);
  });
  if (!isPlainDict(args) && next < list.length) throw pythonError('TypeError', 'not all arguments converted during string formatting');
  return text;
}
