// Lists read whole or not at all (issues 11, 14.5, 19): the ID cursor with the caller's own id
// order and bounds, 50 offsets per batch for other orders, and typed errors for every portal answer
// that would otherwise give a short, repeated or endless list.
import { afterEach, describe, expect, it } from 'vitest';
import { B24ConfigError, B24ListIncompleteError, B24ResponseError } from '@b24gen/runtime';
import type { FakePortalOptions } from '../fake-portal/server.js';
import { rejection, withPortal } from './helpers.js';

let env: Awaited<ReturnType<typeof withPortal>> | undefined;
afterEach(async () => {
  await env?.portal.close();
  env = undefined;
});
async function portal(deals: number, o: FakePortalOptions = {}) {
  env = await withPortal(o);
  env.portal.seedDeals(deals);
  return env;
}
const ids = (n: number, from = 1) => Array.from({ length: n }, (_, i) => String(from + i));

describe('the ID cursor with the caller\'s order and filter', () => {
  it("issue 11: paginate('crm.deal.list', { order: { ID: 'ASC' }, select: ['ID','TITLE'] }) over 5,000 deals in ≤ 3 requests", async () => {
    const { portal: p, webhook } = await portal(5_000);
    const got: { ID: string; TITLE?: string }[] = [];
    for await (const d of webhook().paginate('crm.deal.list', { order: { ID: 'ASC' }, select: ['ID', 'TITLE'] })) got.push(d);
    expect(got.map((d) => d.ID)).toEqual(ids(5_000));
    expect(got[4_999]).toEqual({ ID: '5000', TITLE: 'Deal 4999' });
    expect(p.counters.requests).toBeLessThanOrEqual(3);
    expect(p.counters.requests).toBe(2);
  });
  it('listAll with the same order, and lower-case asc: the same requests', async () => {
    const { portal: p, webhook } = await portal(5_000);
    expect((await webhook().listAll('crm.deal.list', { order: { ID: 'asc' } as never })).length).toBe(5_000);
    expect(p.counters.requests).toBe(2);
  });
  it('DESC: <ID, items newest first, ≤ 3 requests', async () => {
    const { portal: p, webhook } = await portal(5_000);
    const all = await webhook().listAll('crm.deal.list', { order: { ID: 'DESC' }, select: ['ID'] });
    expect(all.map((d) => d.ID)).toEqual(ids(5_000).reverse());
    expect(p.counters.requests).toBeLessThanOrEqual(3);
  });
  it('a bound on the id is merged, not a reason to fall back (>ID, >=ID with <ID, exact ID list)', async () => {
    const { portal: p, webhook } = await portal(5_000);
    const c = webhook();
    expect((await c.listAll('crm.deal.list', { filter: { '>ID': 1_000 }, order: { ID: 'ASC' } })).map((d) => d.ID)).toEqual(ids(4_000, 1_001));
    expect(p.counters.requests).toBe(2);
    p.resetCounters();
    expect((await c.listAll('crm.deal.list', { filter: { '>=ID': 10, '<ID': 130 } })).map((d) => d.ID)).toEqual(ids(120, 10));
    expect(p.counters.requests).toBe(1);
    p.resetCounters();
    expect((await c.listAll('crm.deal.list', { filter: { '<ID': 4_000 }, order: { ID: 'DESC' } })).map((d) => d.ID)).toEqual(ids(3_999).reverse());
    expect(p.counters.requests).toBe(2);
    p.resetCounters();
    expect((await c.listAll('crm.deal.list', { filter: { ID: 77 } })).map((d) => d.ID)).toEqual(['77']);
    expect(p.counters.requests).toBe(1);
  });
});

describe('other orders: 50 start offsets per batch request', () => {
  it('5,000 deals by another field in ≤ 3 requests, in exactly the portal\'s order', async () => {
    const { portal: p, webhook } = await portal(5_000, {});
    // OPPORTUNITY repeats every 7 deals: the portal's order is its own (stable sort by OPPORTUNITY desc).
    for (const d of p.deals.values()) d['OPPORTUNITY'] = String(Number(d['ID']) % 7);
    const expected = [...p.deals.values()].sort((a, b) => Number(b['OPPORTUNITY']) - Number(a['OPPORTUNITY'])).map((d) => d['ID']);
    const all = await webhook().listAll('crm.deal.list', { order: { OPPORTUNITY: 'DESC' }, select: ['ID', 'OPPORTUNITY'] });
    expect(all.map((d) => d.ID)).toEqual(expected);
    expect(p.counters.requests).toBe(3);
  });
  it('an order of the id and another field is not the id alone: offsets', async () => {
    const { portal: p, webhook } = await portal(120);
    expect((await webhook().listAll('crm.deal.list', { order: { ID: 'DESC', TITLE: 'ASC' } as never })).map((d) => d.ID)).toEqual(ids(120).reverse());
    expect(p.counters.byMethod['crm.deal.list']).toBe(1);
    expect(p.counters.byMethod['batch']).toBe(1);
  });
  it('a total that changes while paging ends with B24ListIncompleteError carrying what was fetched', async () => {
    const { webhook } = await portal(400, { afterList: (_m, _p, a, call) => (call > 3 ? { ...a, total: Number(a.total) + 1 } : a) });
    const e = await rejection(webhook().listAll('crm.deal.list', { order: { OPPORTUNITY: 'ASC' } }));
    expect(e).toBeInstanceOf(B24ListIncompleteError);
    expect(e.code).toBe('LIST_INCOMPLETE');
    expect(e.message).toMatch(/total changed from 400 to 401/);
    // the first page (50) and the two verified pages of the batch before the change
    expect(e.items.map((d: { ID: string }) => d.ID)).toEqual(ids(150));
  });
  it('an id that comes twice (rows shifted between pages) is an error, not a duplicated list', async () => {
    const { webhook } = await portal(300, { afterList: (_m, p, a) => (Number(p.start) === 100 ? { ...a, result: [...a.result.slice(1), a.result[0]].map((r: object, i: number) => (i === 0 ? { ...r, ID: '99' } : r)) } : a) });
    const e = await rejection(webhook().listAll('crm.deal.list', { order: { OPPORTUNITY: 'ASC' } }));
    expect(e).toBeInstanceOf(B24ListIncompleteError);
    expect(e.message).toMatch(/ID 99 came twice/);
    expect(e.items).toHaveLength(100);
  });
});

describe('a list that ends early is never returned short (issue 19)', () => {
  it('a portal that does not substitute references at all: the chain break is seen and the rest read by literal id + offsets', async () => {
    const { portal: p, webhook } = await portal(5_000, { batchRefs: 'none' });
    const all = await webhook().listAll('crm.deal.list', { order: { ID: 'ASC' }, select: ['ID'] });
    expect(all.map((d) => d.ID)).toEqual(ids(5_000));
    expect(p.counters.requests).toBeLessThanOrEqual(5);
  });
  it('references travel literally (batch.md): a portal that substitutes only literal $result[…] keeps the fast path', async () => {
    const { portal: p, webhook } = await portal(5_000, { batchRefs: 'literal' });
    expect((await webhook().listAll('crm.deal.list', { select: ['ID'] })).map((d) => d.ID)).toEqual(ids(5_000));
    expect(p.counters.requests).toBe(2);
  });
  it('items deleted and added between pages: every surviving item once, in order, no error', async () => {
    const deleted = new Set<number>();
    const { portal: p, webhook } = await portal(3_000, {
      beforeList: (_m, _p, call) => {
        if (call !== 20) return;
        // behind the cursor (already read), ahead of it, and new items at the end
        for (const id of [5, 6, 1_500, 1_501, 2_999]) p.deals.delete(id), deleted.add(id);
        p.seedDeals(3);
      },
    });
    const all = await webhook().listAll('crm.deal.list', { select: ['ID'] });
    const got = all.map((d) => Number(d.ID));
    expect(new Set(got).size).toBe(got.length);
    expect(got).toEqual([...got].sort((a, b) => a - b));
    for (const id of [1_500, 1_501, 2_999]) expect(got).not.toContain(id);
    for (const id of [1, 7, 1_499, 1_502, 3_000]) expect(got).toContain(id);
  });
  it('a page that silently drops items is caught by the count check (B24ListIncompleteError)', async () => {
    const { webhook } = await portal(3_000, { afterList: (_m, p, a) => (p.filter?.['>ID'] === '1000' ? { ...a, result: a.result.slice(5) } : a) });
    const e = await rejection(webhook().listAll('crm.deal.list'));
    expect(e).toBeInstanceOf(B24ListIncompleteError);
    expect(e.message).toMatch(/5 item\(s\) up to ID 1050 were not returned/);
    expect(e.items).toHaveLength(1_045); // everything fetched, in order
    expect(e.expected).toBe(3_000);
  });
  it('duplicate ids across chained pages (a page going backwards once) are dropped and the rest re-read', async () => {
    let once = true;
    const shift = (a: { result: { ID: string }[] }) => ((once = false), { ...a, result: a.result.map((r) => ({ ...r, ID: String(Number(r.ID) - 60) })) });
    const { webhook } = await portal(300, { afterList: (_m, p, a) => (once && p.filter?.['>ID'] === '100' ? shift(a) : a) });
    const all = await webhook().listAll('crm.deal.list', { select: ['ID'] });
    expect(all.map((d) => d.ID)).toEqual(ids(300));
  });
});

describe('lists that would never end, or are not lists (issue 14.5)', () => {
  it('a non-numeric total is a typed error after one request, not a loop', async () => {
    const { portal: p, webhook } = await portal(200, { afterList: (_m, _p, a) => ({ ...a, total: 'NaN' }) });
    const e = await rejection(webhook().listAll('crm.deal.list'));
    expect(e).toBeInstanceOf(B24ResponseError);
    expect(e.message).toMatch(/total is not a count/);
    expect(p.counters.requests).toBe(1);
    p.resetCounters();
    await expect(webhook().listAll('crm.deal.list', { order: { OPPORTUNITY: 'ASC' } })).rejects.toThrow(/total is not a count/);
    expect(p.counters.requests).toBe(1);
  });
  it('a cursor that does not advance (the portal ignores the id filter) ends with B24ListIncompleteError', async () => {
    const { portal: p, webhook } = await portal(200, { afterList: (_m, p, a) => ({ ...a, result: a.result.length ? a.result : [], ...(p.filter?.['>ID'] ? { result: [{ ID: '1' }] } : {}) }) });
    const e = await rejection(webhook().listAll('crm.deal.list', { select: ['ID'] }));
    expect(e).toBeInstanceOf(B24ListIncompleteError);
    expect(p.counters.requests).toBeLessThanOrEqual(4);
  });
  it('next that does not advance (a list without total, untyped client) is a typed error', async () => {
    const { portal: p } = await portal(200, { afterList: (_m, _p, a) => ({ result: a.result, next: 0 }) });
    const { createClient } = await import('@b24gen/runtime');
    const c = createClient({ webhookUrl: p.webhookUrl, allowInsecureHttp: true, rateLimit: false });
    await expect(c.listAll('crm.deal.list', { order: { ID: 'ASC' } })).rejects.toBeInstanceOf(B24ListIncompleteError);
    expect(p.counters.requests).toBe(1);
  });
  it('a method whose meta says it is not a list is refused with a typed error, nothing sent', async () => {
    const { portal: p, webhook } = await portal(1);
    const e = await rejection(webhook().listAll('crm.deal.get' as never, { id: 1 } as never));
    expect(e).toBeInstanceOf(B24ConfigError);
    expect(e.message).toMatch(/crm\.deal\.get is not a list method/);
    expect(p.counters.requests).toBe(0);
  });
});
