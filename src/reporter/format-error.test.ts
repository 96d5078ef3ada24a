import { describe, expect, it } from 'vitest';

import { TsdbtError, TsdbtErrors } from '../errors/tsdbt-error.js';
import { formatError } from './format-error.js';

const compilation = new TsdbtError({
  kind: 'compilation',
  message: "'orders' is undefined",
  nodeId: 'model.shop.stg_orders',
  file: 'models/staging/stg_orders.sql',
  line: 3,
  column: 12,
  hint: 'Check the spelling of the variable.',
  cause: new Error('template render failed'),
});
const config = new TsdbtError({ kind: 'config', message: 'models[2].columns[0].tests: expected a list', file: 'models/marts/schema.yml', line: 14, column: 7 });

describe('formatError', () => {
  it('prints a node error with its place, message and hint, and no stack', () => {
    expect(formatError(compilation, { debug: false, color: false })).toBe(
      [
        'Compilation Error in model stg_orders (models/staging/stg_orders.sql:3:12)',
        "  'orders' is undefined",
        '  hint: Check the spelling of the variable.',
      ].join('\n'),
    );
  });

  it('prints config errors location first', () => {
    expect(formatError(config, { debug: false, color: false })).toBe('models/marts/schema.yml:14:7 models[2].columns[0].tests: expected a list');
  });

  it('prints database errors with the compiled code path', () => {
    const database = new TsdbtError({
      kind: 'database',
      message: 'Binder Error: column "order_ts" not found',
      nodeId: 'model.shop.fact_orders',
      compiledPath: 'target/run/shop/models/marts/fact_orders.sql',
    });
    expect(formatError(database, { debug: false, color: false })).toBe(
      ['Database Error in model fact_orders', '  Binder Error: column "order_ts" not found', '  compiled code at target/run/shop/models/marts/fact_orders.sql'].join('\n'),
    );
  });

  it('adds the stack and the cause chain with debug', () => {
    const text = formatError(compilation, { debug: true, color: false });
    expect(text.startsWith('Compilation Error in model stg_orders (models/staging/stg_orders.sql:3:12)\n')).toBe(true);
    expect(text).toContain("TsdbtError: 'orders' is undefined\n    at ");
    expect(text).toContain('Caused by: Error: template render failed\n    at ');
  });

  it('lists every error of a TsdbtErrors', () => {
    const env = new TsdbtError({ kind: 'env', message: "Env var required but not provided: 'SNOWFLAKE_ACCOUNT'" });
    expect(formatError(new TsdbtErrors([config, env]), { debug: false, color: false })).toBe(
      [
        'Encountered 2 errors:',
        '',
        'models/marts/schema.yml:14:7 models[2].columns[0].tests: expected a list',
        '',
        'Env Var Error',
        "  Env var required but not provided: 'SNOWFLAKE_ACCOUNT'",
      ].join('\n'),
    );
  });

  it('prints unknown errors as internal errors, with the stack only in debug', () => {
    expect(formatError(new RangeError('bad index'), { debug: false, color: false })).toBe('Internal Error: bad index\nRun with --debug to see the stack trace.');
    expect(formatError('plain string', { debug: false, color: false })).toBe('Internal Error: plain string\nRun with --debug to see the stack trace.');
    expect(formatError(new RangeError('bad index'), { debug: true, color: false })).toMatch(/^Internal Error: bad index\n\nRangeError: bad index\n {4}at /);
  });

  it('colours the heading red only when asked', () => {
    expect(formatError(compilation, { debug: false, color: true }).split('\n')[0]).toBe(
      '\u001b[31mCompilation Error in model stg_orders (models/staging/stg_orders.sql:3:12)\u001b[0m',
    );
  });
});
