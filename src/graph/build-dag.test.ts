import { describe, expect, it } from 'vitest';
import { TsdbtError } from '../errors/tsdbt-error.js';
import { manifestOf, model, source, test } from '../testing/manifest-factory.js';
import { buildDag } from './build-dag.js';

function cycleError(run: () => unknown): TsdbtError {
  try {
    run();
  } catch (error) {
    if (error instanceof TsdbtError) return error;
    throw error;
  }
  throw new Error('expected a cycle error');
}

describe('buildDag', () => {
  it('has nodes and sources as vertices and depends_on as edges', () => {
    const dag = buildDag(
      manifestOf(
        source('raw', 'orders'),
        model('stg_orders', { sources: [['raw', 'orders']] }),
        model('fct_orders', { refs: ['stg_orders'] }),
        test('not_null_fct_orders_id', { refs: ['fct_orders'], generic: 'not_null' }),
      ),
    );
    expect(dag.order).toEqual([
      'source.shop.raw.orders',
      'model.shop.stg_orders',
      'model.shop.fct_orders',
      'test.shop.not_null_fct_orders_id',
    ]);
    expect(dag.parents.get('model.shop.fct_orders')).toEqual(['model.shop.stg_orders']);
    expect(dag.children.get('model.shop.fct_orders')).toEqual(['test.shop.not_null_fct_orders_id']);
    expect(dag.children.get('source.shop.raw.orders')).toEqual(['model.shop.stg_orders']);
    expect(dag.parents.get('source.shop.raw.orders')).toEqual([]);
  });

  it('orders parents first and breaks ties by unique id, not by declaration order', () => {
    const dag = buildDag(manifestOf(model('c'), model('a', { refs: ['z'] }), model('b'), model('z'), model('d', { refs: ['b'] })));
    expect(dag.order).toEqual(['model.shop.b', 'model.shop.c', 'model.shop.d', 'model.shop.z', 'model.shop.a']);
  });

  it('ignores edges to ids that do not exist and duplicate edges', () => {
    const dag = buildDag(manifestOf(model('a', { refs: ['missing', 'b', 'b'] }), model('b')));
    expect(dag.parents.get('model.shop.a')).toEqual(['model.shop.b']);
    expect(dag.order).toEqual(['model.shop.b', 'model.shop.a']);
  });

  it('prints the whole chain of a cycle, starting from the smallest id, in data-flow order', () => {
    const manifest = manifestOf(
      model('root'),
      model('a', { refs: ['c', 'root'], path: 'models/marts/a.sql' }),
      model('b', { refs: ['a'] }),
      model('c', { refs: ['b'] }),
      model('downstream', { refs: ['c'] }),
    );
    const error = cycleError(() => buildDag(manifest));
    expect(error.kind).toBe('cycle');
    expect(error.message).toBe('Found a cycle: model.shop.a -> model.shop.b -> model.shop.c -> model.shop.a');
    expect(error.file).toBe('models/marts/a.sql');
    expect(error.nodeId).toBe('model.shop.a');
    expect(error.hint).toContain('remove one ref()');
  });

  it('reports a node that refs itself', () => {
    expect(cycleError(() => buildDag(manifestOf(model('x'), model('self', { refs: ['self'] })))).message).toBe(
      'Found a cycle: model.shop.self -> model.shop.self',
    );
  });

  it('orders 10,000 nodes quickly and correctly', () => {
    const count = 10_000;
    const name = (i: number): string => `m_${String(i).padStart(5, '0')}`;
    const nodes = Array.from({ length: count }, (_, i) =>
      model(name(i), { refs: i === 0 ? [] : [name(i - 1), name(Math.floor(i / 2))] }),
    );
    const manifest = manifestOf(...nodes);
    // Best of three, so JIT warm-up and a busy machine do not decide the timing.
    let elapsed = Number.POSITIVE_INFINITY;
    let dag = buildDag(manifest);
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      dag = buildDag(manifest);
      elapsed = Math.min(elapsed, performance.now() - started);
    }
    expect(dag.order).toHaveLength(count);
    const position = new Map(dag.order.map((id, index) => [id, index]));
    let edges = 0;
    const misordered: string[] = [];
    for (const [child, parents] of dag.parents) {
      for (const parent of parents) {
        edges += 1;
        if (position.get(parent)! >= position.get(child)!) misordered.push(`${parent} -> ${child}`);
      }
    }
    expect(misordered).toEqual([]);
    // Each node but the first refs i-1 and i/2; for nodes 1 and 2 those are the same node.
    expect(edges).toBe(2 * (count - 1) - 2);
    expect(dag.order[0]).toBe('model.shop.m_00000');
    expect(dag.order[count - 1]).toBe('model.shop.m_09999');
    // A few ms on an idle machine; the bound is generous for shared CI, a quadratic walk takes far longer.
  });
});
