// `{ decode: true }` on call / invoke / v3.call / batch / paginate / listAll, against the fake portal,
// with a method map that describes the wire (as the generator emits it) and decode specs in the metas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type B24Client, type B24NumericString, type ClientOptions, type MethodMeta } from '@b24gen/runtime';
import { FakePortal } from '../fake-portal/server.js';
import { fastRetry } from './helpers.js';

/** What the portal sends for a deal. */
export interface WireDeal { ID: B24NumericString; TITLE?: string; OPPORTUNITY?: B24NumericString | null }
/** fake.echo answers its params: in a batch every scalar arrives as a string, as from PHP. */
export interface WireEcho {
  n?: B24NumericString;
  obj?: { x: B24NumericString; label: string } | [];
  map?: Record<string, B24NumericString> | [];
  list?: B24NumericString[];
  kind?: '1' | '2';
  s?: string;
}
export interface WireMethods {
  'crm.deal.get': { params: { id: number | string }; result: WireDeal; error: 'NOT_FOUND' };
  'crm.deal.list': { params: { filter?: Record<string, unknown>; order?: Record<string, 'ASC' | 'DESC'>; select?: string[]; start?: number }; result: WireDeal[]; error: never };
  'fake.item.list': { params: { FILTER?: Record<string, unknown>; ORDER?: Record<string, string>; start?: number }; result: { items: { id: number; title: string }[] } | []; error: never };
  'user.current': { params: {}; result: { ID: B24NumericString; NAME: string; UF_DEPARTMENT: number[] }; error: never };
  'fake.echo': { params: Record<string, unknown>; result: WireEcho; error: never };
  'crm.deal.add': { params: { fields: Partial<WireDeal> }; result: number; error: never };
}
export interface WireMethodsV3 {
  'tasks.task.get': { params: { id: number }; result: { item: { id: number; title: string } }; error: never };
}
export type WireClient = B24Client<WireMethods, WireMethodsV3>;

const dealSpec = { o: { ID: 'n', OPPORTUNITY: 'n' } } as const;
export const metas: Record<string, MethodMeta> = {
  'crm.deal.get': { method: 'crm.deal.get', apiVersion: 2, kind: 'read', decode: dealSpec },
  'crm.deal.list': { method: 'crm.deal.list', apiVersion: 2, kind: 'read', list: { paramCase: 'lower', idField: 'ID' }, decode: { a: dealSpec } },
  'fake.item.list': { method: 'fake.item.list', apiVersion: 2, kind: 'read', list: { paramCase: 'upper', itemsKey: 'items', idField: 'id' }, decode: { o: { items: { a: { o: { id: 'n' } } } } } },
  'user.current': { method: 'user.current', apiVersion: 2, kind: 'read', decode: { o: { ID: 'n', UF_DEPARTMENT: { a: 'n' } } } },
  'fake.echo': { method: 'fake.echo', apiVersion: 2, kind: 'read', decode: { o: { n: 'n', obj: { o: { x: 'n' } }, map: { m: 'n' }, list: { a: 'n' } } } },
  'crm.deal.add': { method: 'crm.deal.add', apiVersion: 2, kind: 'write' },
};
const metasV3: Record<string, MethodMeta> = {
  'tasks.task.get': { method: 'tasks.task.get', apiVersion: 3, kind: 'read', decode: { o: { item: { o: { id: 'n' } } } } },
};

let portal: FakePortal;
let c: WireClient;
beforeAll(async () => {
  portal = await FakePortal.start();
  portal.seedDeals(130, (i) => ({ TITLE: `Deal ${i}`, OPPORTUNITY: i === 5 ? null : `${i * 10}.00` }));
  portal.seedItems(60);
  c = createClient<WireMethods, WireMethodsV3>(
    { webhookUrl: portal.webhookUrl, allowInsecureHttp: true, rateLimit: false, retry: fastRetry } as ClientOptions,
    { resolveMeta: async (m, v) => (v === 3 ? metasV3 : metas)[m] },
  );
});
afterAll(() => portal.close());

describe('call / invoke / v3.call', () => {
  it('without `decode` the wire; with `decode: true` the documented numbers', async () => {
    expect(await c.call('crm.deal.get', { id: 1 })).toEqual({ ID: '1', TITLE: 'Deal 0', OPPORTUNITY: '0.00' });
    expect(await c.call('crm.deal.get', { id: 1 }, { decode: false })).toEqual({ ID: '1', TITLE: 'Deal 0', OPPORTUNITY: '0.00' });
    const d = await c.call('crm.deal.get', { id: 2 }, { decode: true });
    expect(d).toEqual({ ID: 2, TITLE: 'Deal 1', OPPORTUNITY: 10 });
    expect(await c.call('crm.deal.get', { id: 6 }, { decode: true })).toEqual({ ID: 6, TITLE: 'Deal 5', OPPORTUNITY: null });
    expect(await c.call('user.current', {}, { decode: true })).toEqual({ ID: 1, NAME: 'John', LAST_NAME: 'Doe', UF_DEPARTMENT: [1] });
  });
  it('`[]` becomes `{}` for objects and maps; other strings stay', async () => {
    const wire = { n: '5', obj: [], map: [], list: ['1', '2.5'], kind: '1', s: '42' };
    expect(await c.call('fake.echo', wire)).toEqual(wire);
    expect(await c.call('fake.echo', wire, { decode: true })).toEqual({ n: 5, obj: {}, map: {}, list: [1, 2.5], kind: '1', s: '42' });
    expect(await c.call('fake.echo', { obj: { x: '3', label: '4' }, map: { a: '1' } }, { decode: true })).toEqual({ obj: { x: 3, label: '4' }, map: { a: 1 } });
  });
  it('invoke decodes by the meta it is given (the generated-binding path)', async () => {
    expect(await c.invoke(metas['crm.deal.get']!, { id: 2 })).toMatchObject({ ID: '2' });
    expect(await c.invoke(metas['crm.deal.get']!, { id: 2 }, { decode: true })).toMatchObject({ ID: 2, OPPORTUNITY: 10 });
    // a meta without a spec: decode has nothing to do
    expect(await c.invoke({ method: 'crm.deal.get', apiVersion: 2, kind: 'read' }, { id: 2 }, { decode: true })).toMatchObject({ ID: '2' });
  });
  it('v3.call decodes by the v3 meta', async () => {
    const id = portal.nextId++;
    portal.tasks.set(id, { id: String(id), title: 'T' });
    expect(await c.v3.call('tasks.task.get', { id })).toEqual({ item: { id: String(id), title: 'T' } });
    expect(await c.v3.call('tasks.task.get', { id }, { decode: true })).toEqual({ item: { id, title: 'T' } });
  });
});

describe('batch', () => {
  it('decodes each command by its own method, keyed and positional', async () => {
    const cmds = {
      d: { method: 'crm.deal.get', params: { id: 2 } },
      u: { method: 'user.current' },
      e: { method: 'fake.echo', params: { n: 7, obj: { x: 1, label: 8 }, list: [1, 2], s: 9 } },
      bad: { method: 'crm.deal.get', params: { id: 999_999 } },
    } as const;
    const raw = await c.batch(cmds);
    expect(raw.results.d).toEqual({ ID: '2', TITLE: 'Deal 1', OPPORTUNITY: '10.00' });
    expect(raw.results.e).toEqual({ n: '7', obj: { x: '1', label: '8' }, list: { 0: '1', 1: '2' }, s: '9' });
    const r = await c.batch(cmds, { decode: true });
    expect(r.results.d).toEqual({ ID: 2, TITLE: 'Deal 1', OPPORTUNITY: 10 });
    expect(r.results.u).toMatchObject({ ID: 1 });
    // the list comes back from PHP's query parser as a map with numeric keys: stays an object, values decoded
    expect(r.results.e).toEqual({ n: 7, obj: { x: 1, label: '8' }, list: { 0: 1, 1: 2 }, s: '9' });
    expect(r.errors.bad?.code).toBe('NOT_FOUND');
    const a = await c.batch([{ method: 'crm.deal.add', params: { fields: { TITLE: 'x' } } }, { method: 'crm.deal.get', params: { id: 3 } }], { decode: true });
    expect(typeof a.results[0]).toBe('number');
    expect(a.results[1]).toMatchObject({ ID: 3, OPPORTUNITY: 20 });
  });
  it('decodes across several batch requests (over 50 commands)', async () => {
    const cmds = Array.from({ length: 60 }, (_, i) => ({ method: 'crm.deal.get' as const, params: { id: i + 1 } }));
    const r = await c.batch(cmds, { decode: true });
    expect(r.results.map((d) => d?.ID)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });
});

describe('paginate / listAll', () => {
  it('ID-cursor path: items decode by the item spec of `{a: X}`', async () => {
    const filter = { '!TITLE': 'x' }; // not the deal the batch test adds
    const raw = await c.listAll('crm.deal.list', { select: ['ID', 'OPPORTUNITY'], filter });
    expect(raw[0]).toEqual({ ID: '1', OPPORTUNITY: '0.00' });
    const batches = portal.counters.byMethod.batch ?? 0;
    const all = await c.listAll('crm.deal.list', { select: ['ID', 'OPPORTUNITY'], filter }, { decode: true });
    expect(portal.counters.byMethod.batch).toBe(batches + 1); // the cursor path: pages chained in one batch
    expect(all).toHaveLength(130);
    expect(all.map((d) => d.ID)).toEqual(Array.from({ length: 130 }, (_, i) => i + 1));
    expect(all[5]).toEqual({ ID: 6, OPPORTUNITY: null });
    expect(all[129]).toEqual({ ID: 130, OPPORTUNITY: 1290 });
  });
  it('start/next path and an itemsKey wrapper: items decode by the spec under `{o: {items: {a: X}}}`', async () => {
    const seen: unknown[] = [];
    for await (const d of c.paginate('crm.deal.list', { order: { ID: 'DESC' }, filter: { '<=ID': 60 } }, { decode: true })) seen.push(d.ID);
    expect(seen).toEqual(Array.from({ length: 60 }, (_, i) => 60 - i));
    // fake.item.list sends numbers already: decoding keeps them
    const items = await c.listAll('fake.item.list', { ORDER: { id: 'ASC' } }, { decode: true });
    expect(items).toHaveLength(60);
    expect(typeof items[0]!.id).toBe('number');
    portal.items.set(portal.nextId, { id: String(portal.nextId), title: 'stringy' });
    const fast = await c.listAll('fake.item.list', {}, { decode: true });
    expect(fast.at(-1)).toEqual({ id: portal.nextId, title: 'stringy' });
    expect((await c.listAll('fake.item.list', {})).at(-1)).toEqual({ id: String(portal.nextId), title: 'stringy' });
  });
});
