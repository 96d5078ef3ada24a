import { describe, expect, it } from 'vitest';
import { closestMatch, didYouMean, editDistance } from './closest-match.js';

describe('closestMatch', () => {
  it('measures edits', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('ignores case, dashes and underscores, and refuses far-off words', () => {
    expect(closestMatch('model_paths', ['seed-paths', 'model-paths'])).toBe('model-paths');
    expect(closestMatch('materialised', ['materialized', 'schema'])).toBe('materialized');
    expect(closestMatch('banana', ['materialized', 'schema'])).toBeUndefined();
    expect(didYouMean('colums', ['name', 'columns'])).toBe('did you mean `columns`?');
  });
});
