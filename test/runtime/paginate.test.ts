import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withPortal } from './helpers.js';

let env: Awaited<ReturnType<typeof withPortal>>;
beforeAll(async () => {
  env = await withPortal();
  env.portal.seedDeals(10_000);
  env.portal.seedItems(130);
});
afterAll(() => env.portal.close());

describe('paginate / listAll', () => {
  it('order by the id alone, descending, with a bound on the id: the ID cursor (<ID), 1 request for 120', async () => {
    const c = env.webhook();
    env.portal.resetCounters();
    const seen: string[] = [];
    for await (const d of c.paginate('crm.deal.list', { filter: { '<=ID': 120 }, order: { ID: 'DESC' }, select: ['ID'] })) seen.push(d.ID);
    expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => String(120 - i)));
    expect(env.portal.counters.requests).toBe(1);
  });
  it('breaking out of the iterator stops fetching', async () => {
    const c = env.webhook();
    env.portal.resetCounters();
    let n = 0;
    for await (const _ of c.paginate('crm.deal.list', { order: { ID: 'ASC' } })) if (++n === 2_600) break;
    expect(env.portal.counters.requests).toBe(2); // 2,500 items per batch request; the third is never sent
  });
  it('ID-cursor fast path: 10,000 items in 4 HTTP requests (50 list calls per batch)', async () => {
    const c = env.webhook();
    env.portal.resetCounters();
    const all = await c.listAll('crm.deal.list', { select: ['ID', 'TITLE'] });
    expect(all).toHaveLength(10_000);
    expect(new Set(all.map((d) => d.ID)).size).toBe(10_000);
    expect(all[9_999]).toEqual({ ID: '10000', TITLE: 'Deal 9999' });
    expect(env.portal.counters.requests).toBe(4);
    expect(env.portal.counters.byMethod.batch).toBe(4);
  });
  it('fast path with a filter and a short list: 1 request', async () => {
    const c = env.webhook();
    env.portal.resetCounters();
    const all = await c.listAll('crm.deal.list', { filter: { '>ID': 9_990 } });
    expect(all.map((d) => d.ID)).toEqual(Array.from({ length: 10 }, (_, i) => String(9_991 + i)));
    expect(env.portal.counters.requests).toBe(1);
  });
  it('fast path: upper-case params (FILTER/ORDER/SELECT) and an itemsKey wrapper; id added to SELECT', async () => {
    const c = env.webhook();
    env.portal.resetCounters();
    const all = await c.listAll('fake.item.list', { SELECT: ['title'] });
    expect(all).toHaveLength(130);
    expect(all[0]).toEqual({ title: 'Item 0', id: 10_001 });
    expect(env.portal.counters.requests).toBe(1);
  });
  it('start/next with an itemsKey wrapper', async () => {
    const c = env.webhook();
    const all = await c.listAll('fake.item.list', { ORDER: { id: 'DESC' } });
    expect(all).toHaveLength(130);
    expect(all[0]?.id).toBe(10_130);
  });
  it('without meta (untyped call): plain start/next, array or single-array wrapper', async () => {
    const { createClient } = await import('@b24gen/runtime');
    const c = createClient({ webhookUrl: env.portal.webhookUrl, allowInsecureHttp: true, rateLimit: false });
    expect(await c.listAll('fake.item.list', { ORDER: { id: 'ASC' } })).toHaveLength(130);
    expect(await c.listAll('crm.deal.list', { filter: { '<=ID': 75 } })).toHaveLength(75);
  });
  it('fast path: a failing page inside a batch surfaces as that command\'s typed error', async () => {
    const c = env.webhook();
    const portal = env.portal;
    const orig = (portal as any).methods['crm.deal.list'];
    let n = 0;
    (portal as any).methods['crm.deal.list'] = (p: any) => {
      if (++n === 3) throw Object.assign(new Error('x'), { status: 400, code: 'PAGE_FAILED', description: 'page 3 failed' });
      return orig(p);
    };
    try {
      const e = await c.listAll('crm.deal.list').catch((x) => x);
      expect(e.code).toBe('INTERNAL_SERVER_ERROR'); // the fake wraps non-API errors as 500s per command
      expect(e.method).toBe('crm.deal.list');
    } finally {
      (portal as any).methods['crm.deal.list'] = orig;
    }
  });
  it('a failing page surfaces as the typed error', async () => {
    const c = env.webhook({ retry: { limit: 0 } });
    env.portal.fault({ kind: 'status', status: 400, code: 'SOME_LIST_ERROR', method: 'crm.deal.list' });
    await expect(c.listAll('crm.deal.list', { order: { OPPORTUNITY: 'DESC' } })).rejects.toMatchObject({ code: 'SOME_LIST_ERROR' });
  });
});
