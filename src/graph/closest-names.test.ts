import { describe, expect, it } from 'vitest';
import { closestNames, editDistance } from './closest-names.js';

describe('closestNames', () => {
  const models = ['stg_orders', 'stg_customers', 'stg_payments', 'fct_orders', 'dim_customers'];

  it('suggests the name one typo away', () => {
    expect(closestNames('stg_ordrs', models)).toEqual(['stg_orders']);
  });

  it('counts a swap of adjacent letters as one edit', () => {
    expect(editDistance('stg_oredrs', 'stg_orders')).toBe(1);
    expect(closestNames('stg_oredrs', models)).toEqual(['stg_orders']);
  });

  it('compares case-insensitively but returns the original spelling', () => {
    expect(closestNames('STG_ORDERS', ['stg_orders'])).toEqual(['stg_orders']);
  });

  it('suggests names that contain the whole target, best first, ties by name', () => {
    expect(closestNames('orders', models)).toEqual(['fct_orders', 'stg_orders']);
  });

  it('returns nothing when no candidate is close', () => {
    expect(closestNames('revenue', models)).toEqual([]);
  });

  it('honours max and de-duplicates candidates', () => {
    expect(closestNames('stg_x', ['stg_a', 'stg_b', 'stg_a', 'stg_c'], 2)).toEqual(['stg_a', 'stg_b']);
  });

  it('computes plain edit distances', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});
