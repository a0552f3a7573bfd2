/** Documented types → IR types: primitives, arrays, entity pseudo-types, unions. */
import { describe, expect, it } from 'vitest';
import { holdsObject, irTypeOf } from '../../generator/src/extract/doc-type.js';
import type { IrType } from '../../generator/src/ir/types.js';
import { brief, params, row } from './helpers.js';

const S: IrType = { kind: 'string' };
const N: IrType = { kind: 'number' };

describe('irTypeOf', () => {
  const cases: Array<{ given: string; want: IrType }> = [
    { given: 'string', want: S },
    { given: 'text', want: S },
    { given: 'date', want: S },
    { given: 'datetime', want: S },
    { given: 'char', want: S },
    { given: 'integer', want: N },
    { given: 'Integer', want: N },
    { given: 'double', want: N },
    { given: 'boolean', want: { kind: 'boolean' } },
    { given: 'object', want: { kind: 'object' } },
    { given: 'array', want: { kind: 'array', items: { kind: 'unknown' } } },
    { given: 'any', want: { kind: 'unknown' } },
    { given: 'file', want: { kind: 'unknown' } },
    { given: '', want: { kind: 'unknown' } },
    { given: 'something_undocumented', want: { kind: 'unknown' } },
    { given: 'string[]', want: { kind: 'array', items: S } },
    { given: 'integer[]', want: { kind: 'array', items: N } },
    { given: 'array<string>', want: { kind: 'array', items: S } },
    { given: 'crm_status', want: { kind: 'alias', name: 'crm_status', base: 'string' } },
    { given: 'crm_currency', want: { kind: 'alias', name: 'crm_currency', base: 'string' } },
    { given: 'catalog_product.id', want: { kind: 'alias', name: 'catalog_product.id', base: 'number' } },
    { given: 'user', want: { kind: 'alias', name: 'user', base: 'number' } },
    { given: 'crm_contact[]', want: { kind: 'array', items: { kind: 'alias', name: 'crm_contact', base: 'number' } } },
    { given: 'integer | string', want: { kind: 'union', of: [N, S] } },
    { given: 'integer | integer', want: N },
    { given: 'string | mystery', want: { kind: 'unknown' } },
  ];
  it.each(cases)('$given', ({ given, want }) => {
    expect(irTypeOf(given)).toEqual(want);
  });
});

describe('holdsObject', () => {
  const cases: Array<{ given: IrType; want: boolean }> = [
    { given: { kind: 'object' }, want: true },
    { given: { kind: 'unknown' }, want: true },
    { given: { kind: 'array', items: { kind: 'object' } }, want: true },
    { given: { kind: 'array', items: { kind: 'unknown' } }, want: true },
    { given: { kind: 'array', items: S }, want: false },
    { given: { kind: 'union', of: [S, { kind: 'object' }] }, want: true },
    { given: S, want: false },
    { given: { kind: 'alias', name: 'crm_status', base: 'string' }, want: false },
  ];
  it.each(cases)('$given.kind → $want', ({ given, want }) => {
    expect(holdsObject(given)).toBe(want);
  });
});

describe('doc types on a page', () => {
  it('T[] and entity pseudo-types keep the documented text and map to aliases', () => {
    const got = params([row('**S**', 'crm_status'), row('**P**', 'catalog_product.id'), row('**L**', 'string[]')]);
    expect(brief(got)).toEqual([
      ['S', 'crm_status', false],
      ['P', 'catalog_product.id', false],
      ['L', 'string[]', false],
    ]);
    expect(got.map((f) => f.type)).toEqual([
      { kind: 'alias', name: 'crm_status', base: 'string' },
      { kind: 'alias', name: 'catalog_product.id', base: 'number' },
      { kind: 'array', items: S },
    ]);
  });

  it('a type linked to a same-page anchor is an object documented below', () => {
    const [f] = params([`|| **items**\n[\`item[]\`](#item) | list ||`]);
    expect(f?.type).toEqual({ kind: 'array', items: { kind: 'object' } });
  });
});
