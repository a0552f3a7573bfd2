// Calls by name without the generated registry are read or write by the runtime's `methodKind`: it
// must be the generator's rule, so a method is retried the same way whichever path calls it.
import { describe, expect, it } from 'vitest';
import { methodKind } from '@b24gen/runtime';
import { methodKind as generatorKind } from '../../generator/src/extract/method-kind.js';
import { methodRegistry } from '../../generated/registry.js';

describe('methodKind', () => {
  it('gives every generated method the kind its registry entry has', () => {
    const metas = Object.values(methodRegistry);
    expect(metas.length).toBeGreaterThan(1000);
    expect(metas.filter((m) => methodKind(m.method) !== m.kind).map((m) => m.method)).toEqual([]);
  });

  it('is the generator rule on names the docs do not have', () => {
    const names = ['a.b.getList', 'x.isReady', 'x.hasItems', 'x.fetchAll', 'x.LIST', 'x.set', 'x.getter', 'x.delete', 'x', '', 'x.statistics', 'x.searchBy'];
    expect(names.map(methodKind)).toEqual(names.map(generatorKind));
  });
});
