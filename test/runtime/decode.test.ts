// decodeWire: wire values (numeric strings, `[]` for empty objects) to the documented types.
import { describe, expect, it } from 'vitest';
import { decodeWire, type DecodeSpec } from '@b24gen/runtime';
import { itemSpec } from '../../runtime/src/decode.js';

const deep = (v: unknown) => JSON.parse(JSON.stringify(v));

describe("'n': documented numbers", () => {
  it('numeric strings become numbers; numbers, null and undefined stay', () => {
    expect(decodeWire('n', '410')).toBe(410);
    expect(decodeWire('n', '1000000.00')).toBe(1_000_000);
    expect(decodeWire('n', '-12.5')).toBe(-12.5);
    expect(decodeWire('n', '0')).toBe(0);
    expect(decodeWire('n', '1e3')).toBe(1000);
    expect(decodeWire('n', '.5')).toBe(0.5);
    expect(decodeWire('n', 7)).toBe(7);
    expect(decodeWire('n', null)).toBeNull();
    expect(decodeWire('n', undefined)).toBeUndefined();
  });
  it('anything else stays as it is: never NaN, never a throw', () => {
    for (const s of ['', ' ', 'abc', '12abc', ' 12', '12 ', '0x10', 'Infinity', 'NaN', '1,5', '1e999', '--1', '.', '1.2.3'])
      expect(decodeWire('n', s)).toBe(s);
    expect(decodeWire('n', true)).toBe(true);
    const o = { a: 1 };
    expect(decodeWire('n', o)).toBe(o);
    expect(decodeWire('n', [])).toEqual([]);
  });
  it('integers beyond 2^53 stay strings (their digits would be lost); decimals convert', () => {
    expect(decodeWire('n', '9007199254740991')).toBe(9007199254740991);
    expect(decodeWire('n', '12345678901234567890')).toBe('12345678901234567890');
    expect(decodeWire('n', '12345678901234567890.5')).toBe(12345678901234567890.5);
  });
});

describe('objects, lists and maps', () => {
  const deal: DecodeSpec = { o: { ID: 'n', OPPORTUNITY: 'n', CONTACT_IDS: { a: 'n' }, FM: { m: { o: { ID: 'n' } } } } };
  it('an object decodes its listed members and keeps the others (and unlisted kinds) as they are', () => {
    const wire = { ID: '410', TITLE: '42', OPPORTUNITY: '1000000.00', CONTACT_IDS: ['1', '2', 3], FM: { a: { ID: '7', VALUE: '8' } }, OTHER: { ID: '5' } };
    expect(decodeWire(deal, wire)).toEqual({ ID: 410, TITLE: '42', OPPORTUNITY: 1_000_000, CONTACT_IDS: [1, 2, 3], FM: { a: { ID: 7, VALUE: '8' } }, OTHER: { ID: '5' } });
  });
  it('nulls and missing members stay; `rest` decodes members no key names', () => {
    expect(decodeWire(deal, { ID: null, CONTACT_IDS: null, FM: null })).toEqual({ ID: null, CONTACT_IDS: null, FM: null });
    expect(decodeWire({ o: { NAME: { o: {} } }, rest: 'n' }, { NAME: { x: '1' }, a: '1', b: '2.5', c: 'x' })).toEqual({ NAME: { x: '1' }, a: 1, b: 2.5, c: 'x' });
    expect(decodeWire(deal, null)).toBeNull();
    expect(decodeWire(deal, 'oops')).toBe('oops');
  });
  it('`[]` (an empty PHP array) becomes `{}` for objects and maps, and stays `[]` for lists', () => {
    expect(decodeWire(deal, [])).toEqual({});
    expect(decodeWire({ o: { FM: { m: 'n' }, X: { o: { A: 'n' } }, L: { a: 'n' } } }, { FM: [], X: [], L: [] })).toEqual({ FM: {}, X: {}, L: [] });
    expect(Array.isArray(decodeWire({ m: 'n' }, []))).toBe(false);
  });
  it('lists decode their items; a PHP map with numeric keys stays an object with decoded values', () => {
    expect(decodeWire({ a: { o: { ID: 'n' } } }, [{ ID: '1' }, { ID: '2', X: '3' }])).toEqual([{ ID: 1 }, { ID: 2, X: '3' }]);
    const phpMap = decodeWire<Record<string, unknown>>({ a: 'n' }, { 0: '1', 1: '2', 5: 'x' });
    expect(Array.isArray(phpMap)).toBe(false);
    expect(phpMap).toEqual({ 0: 1, 1: 2, 5: 'x' });
    expect(decodeWire({ a: { a: 'n' } }, [['1'], [], ['2', '3']])).toEqual([[1], [], [2, 3]]);
  });
  it('maps decode every value; a map PHP sent as a list keeps its items, decoded', () => {
    expect(decodeWire({ m: { o: { ID: 'n' } } }, { x: { ID: '1' }, y: { ID: '2' } })).toEqual({ x: { ID: 1 }, y: { ID: 2 } });
    expect(decodeWire({ m: 'n' }, ['1', '2'])).toEqual([1, 2]);
  });
  it('no spec, or a spec of an unknown kind, returns the value as it is', () => {
    const v = { ID: '1' };
    expect(decodeWire(undefined, v)).toBe(v);
    expect(decodeWire({ zz: 'n' } as unknown as DecodeSpec, v)).toBe(v);
  });
  it('never mutates its input, and returns new objects where it decodes', () => {
    const wire = deep({ ID: '410', CONTACT_IDS: ['1'], FM: { a: { ID: '7' } }, E: [] });
    const before = deep(wire);
    const out = decodeWire<any>({ o: { ID: 'n', CONTACT_IDS: { a: 'n' }, FM: { m: { o: { ID: 'n' } } }, E: { m: 'n' } } }, wire);
    expect(wire).toEqual(before);
    expect(out).not.toBe(wire);
    expect(out.CONTACT_IDS).not.toBe(wire.CONTACT_IDS);
    expect(out.FM.a).not.toBe(wire.FM.a);
    out.FM.a.ID = 0;
    expect(wire.FM.a.ID).toBe('7');
  });
});

describe('hostile keys', () => {
  it('`__proto__` in the value is an own member of the result, never its prototype', () => {
    const wire = JSON.parse('{"__proto__": {"polluted": "1"}, "constructor": "2", "ID": "3"}');
    const out = decodeWire<any>({ o: { ID: 'n' }, rest: { o: { polluted: 'n' } } }, wire);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(out.polluted).toBeUndefined();
    expect(({} as any).polluted).toBeUndefined();
    expect(Object.keys(out)).toEqual(['__proto__', 'constructor', 'ID']);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ polluted: 1 });
    expect(out.constructor).toBe('2');
    expect(out.ID).toBe(3);
  });
  it('only the spec\'s own keys count: `constructor`, `toString`, `__proto__` do not reach Object.prototype', () => {
    const wire = { constructor: '1', toString: '2', hasOwnProperty: '3', valueOf: { a: '4' } };
    expect(decodeWire({ o: {} }, wire)).toEqual(wire);
    expect(decodeWire({ o: { ID: 'n' } }, JSON.parse('{"__proto__": "5"}'))).toEqual(JSON.parse('{"__proto__": "5"}'));
    // a spec that names `__proto__` as an own key (computed key) does decode it
    expect(Object.getOwnPropertyDescriptor(decodeWire({ o: { ['__proto__']: 'n' } }, JSON.parse('{"__proto__": "5"}')), '__proto__')?.value).toBe(5);
  });
  it('a `__proto__` value that decodes to an object does not change the prototype of a map', () => {
    const out = decodeWire<any>({ m: { o: { ID: 'n' } } }, JSON.parse('{"__proto__": {"ID": "1"}, "a": {"ID": "2"}}'));
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(out.ID).toBeUndefined();
    expect(out.a).toEqual({ ID: 2 });
  });
});

describe('itemSpec (the spec of one item of a list)', () => {
  it('`{a: X}` and `{o: {[itemsKey]: {a: X}}}` give X; anything else nothing', () => {
    const X: DecodeSpec = { o: { ID: 'n' } };
    expect(itemSpec({ a: X })).toBe(X);
    expect(itemSpec({ o: { tasks: { a: X } } }, 'tasks')).toBe(X);
    expect(itemSpec({ o: {}, rest: { a: X } }, 'tasks')).toBe(X);
    expect(itemSpec({ o: { tasks: { a: X } } })).toBeUndefined();
    expect(itemSpec({ o: { tasks: { a: X } } }, 'constructor')).toBeUndefined();
    expect(itemSpec(undefined, 'tasks')).toBeUndefined();
    expect(itemSpec('n')).toBeUndefined();
  });
});
