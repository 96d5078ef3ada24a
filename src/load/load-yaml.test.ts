import { describe, expect, it } from 'vitest';
import { TsdbtError, TsdbtErrors } from '../errors/tsdbt-error.js';
import { formatKeyPath, loadYaml } from './load-yaml.js';

function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('loadYaml', () => {
  const text = ['version: 2', 'models:', '  - name: a', '  - name: b', '    columns:', '      - name: id', '        tests: [unique]', ''].join('\n');

  it('maps key paths to 1-based line and column', () => {
    const yaml = loadYaml(text, { file: 'models/schema.yml', env: {} });
    expect(yaml.value).toEqual({
      version: 2,
      models: [{ name: 'a' }, { name: 'b', columns: [{ name: 'id', tests: ['unique'] }] }],
    });
    expect(yaml.positionOf(['models'])).toEqual({ line: 2, column: 1 });
    expect(yaml.positionOf(['models', 1])).toEqual({ line: 4, column: 5 });
    expect(yaml.positionOf(['models', 1, 'columns', 0, 'tests'])).toEqual({ line: 7, column: 9 });
    expect(yaml.positionOf(['models', 1, 'columns', 0, 'tests', 0])).toEqual({ line: 7, column: 17 });
    expect(yaml.positionOf(['models', 5])).toBeUndefined();
    expect(yaml.nearestPositionOf(['models', 1, 'nope', 'deeper'])).toEqual({ line: 4, column: 5 });
  });

  it('formats key paths the way errors print them', () => {
    expect(formatKeyPath(['models', 2, 'columns', 0, 'tests'])).toBe('models[2].columns[0].tests');
  });

  it('reports a syntax error with its position', () => {
    const error = thrown(() => loadYaml('models:\n  - name: a\n   bad: [1, 2\n', { file: 'models/x.yml', env: {} }));
    expect(error).toBeInstanceOf(TsdbtError);
    const yamlError = error as TsdbtError;
    expect(yamlError.kind).toBe('yaml');
    expect(yamlError.file).toBe('models/x.yml');
    expect(yamlError.line).toBe(3);
    expect(yamlError.message).toMatch(/^invalid YAML: /);
  });

  it('reports duplicate keys as YAML errors', () => {
    const error = thrown(() => loadYaml('name: a\nname: b\n', { file: 'project.yml', env: {} })) as TsdbtError;
    expect(error.kind).toBe('yaml');
    expect(error.location).toBe('project.yml:2:1');
    expect(error.message).toBe('invalid YAML: Map keys must be unique');
  });

  it('renders env_var with and without a default, keeping other Jinja as text', () => {
    const yaml = loadYaml(
      [
        `a: "{{ env_var('HOST') }}"`,
        `b: "{{ env_var('MISSING', 'fallback') }}"`,
        `c: "{{ env_var(\\"HOST\\") }}:{{ env_var('PORT', 5432) }}"`,
        `d: "{{ doc('orders') }}"`,
        `e: "{{ env_var('PORT', '1') | as_number }}"`,
        `f: "{{ env_var('FLAG') | as_bool }}"`,
        `"{{ env_var('KEY') }}": kept`,
        `list: ["{{ env_var('HOST') }}"]`,
      ].join('\n'),
      { file: 'profiles.yml', env: { HOST: 'db.local', PORT: '6543', FLAG: 'True' } },
    );
    expect(yaml.value).toEqual({
      a: 'db.local',
      b: 'fallback',
      c: 'db.local:6543',
      d: "{{ doc('orders') }}",
      e: 6543,
      f: true,
      "{{ env_var('KEY') }}": 'kept',
      list: ['db.local'],
    });
  });

  it('names every missing env var with its file and line', () => {
    const error = thrown(() =>
      loadYaml(`a: ok\nb: "{{ env_var('ONE') }}"\nc: "{{ env_var('TWO') }}"\n`, { file: 'profiles.yml', env: {} }),
    );
    expect(error).toBeInstanceOf(TsdbtErrors);
    const errors = (error as TsdbtErrors).errors;
    expect(errors.map((e) => [e.kind, e.location, e.message])).toEqual([
      ['env', 'profiles.yml:2:4', 'env var `ONE` is not set and has no default'],
      ['env', 'profiles.yml:3:4', 'env var `TWO` is not set and has no default'],
    ]);
    expect(errors[0].hint).toBe("set ONE in the environment, or give a default: env_var('ONE', 'value')");
  });

  it('renders only inside the scopes it is given', () => {
    const yaml = loadYaml(`dev: "{{ env_var('UNSET') }}"\nprod: "{{ env_var('SET') }}"\n`, {
      file: 'profiles.yml',
      env: { SET: 'yes' },
      envVarScopes: [['prod']],
    });
    expect(yaml.value).toEqual({ dev: "{{ env_var('UNSET') }}", prod: 'yes' });
  });

  it('rejects env_var expressions it cannot render', () => {
    const error = thrown(() =>
      loadYaml(`a: "{{ env_var('X') | upper }}"`, { file: 'profiles.yml', env: { X: 'x' } }),
    ) as TsdbtError;
    expect(error.kind).toBe('template');
    expect(error.message).toBe(
      "cannot render `{{ env_var('X') | upper }}`: only env_var('NAME') or env_var('NAME', 'default'), optionally followed by | as_number, | as_bool or | as_text, is rendered in YAML",
    );
  });

  it('gives null for an empty file', () => {
    expect(loadYaml('', { file: 'a.yml' }).value).toBeNull();
  });
});
