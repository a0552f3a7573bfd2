/**
 * End to end: the committed generated package (bindings, B24Methods, the meta registry loaded on
 * demand, the error classes) on the runtime, against the fake Bitrix24 on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bizprocActivityLog, createClient, crmDealList, isB24Error, isBizprocActivityLogError, loadMethodRegistry, type B24Client } from '../../generated/index.js';
import { FakePortal } from '../fake-portal/server.js';

let portal: FakePortal;
let b24: B24Client;

beforeAll(async () => {
  portal = await FakePortal.start();
  portal.seedDeals(120);
  b24 = createClient({ webhookUrl: portal.webhookUrl, allowInsecureHttp: true, rateLimit: false, registry: loadMethodRegistry });
});
afterAll(() => portal.close());

describe('the generated client', () => {
  it('a binding sends its method with its params and unwraps result', async () => {
    await expect(bizprocActivityLog(b24, { EVENT_TOKEN: 't', LOG_MESSAGE: 'hello' })).resolves.toBe(true);
    expect(portal.counters.executed['bizproc.activity.log']).toBe(1);
  });

  it('a documented error arrives as a typed B24Error', async () => {
    const error = await bizprocActivityLog(b24, { EVENT_TOKEN: 't', LOG_MESSAGE: '' }).catch((e: unknown) => e);
    expect(isB24Error(error, 'ERROR_EMPTY_LOG_MESSAGE')).toBe(true);
    expect(isBizprocActivityLogError(error, 'ERROR_EMPTY_LOG_MESSAGE')).toBe(true);
    expect(error).toMatchObject({ code: 'ERROR_EMPTY_LOG_MESSAGE', httpStatus: 400, method: 'bizproc.activity.log' });
  });

  it('paginate reads every item of a list method with the generated list meta (ID cursor, batched)', async () => {
    const before = portal.counters.requests;
    const ids: number[] = [];
    for await (const deal of b24.paginate('crm.deal.list', { select: ['ID', 'TITLE'] })) ids.push(Number(deal.ID));
    expect(ids).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    // 120 items through the ID cursor: one batch request, a counting first page and chained pages.
    expect(portal.counters.requests - before).toBe(1);
    const page = await crmDealList(b24, { order: { ID: 'ASC' }, start: 0 });
    expect(Array.isArray(page)).toBe(true);
  });

  it('without the registry, bindings work and paginate reads by offset; decode by name refuses', async () => {
    const plain = createClient({ webhookUrl: portal.webhookUrl, allowInsecureHttp: true, rateLimit: false });
    await expect(bizprocActivityLog(plain, { EVENT_TOKEN: 't', LOG_MESSAGE: 'hello' })).resolves.toBe(true);
    const before = portal.counters.requests;
    expect((await plain.listAll('crm.deal.list', { select: ['ID'] })).length).toBe(120);
    expect(portal.counters.requests - before).toBe(2); // the first 50 give total 120, then the offsets 50 and 100 in one batch
    await expect(plain.call('crm.deal.get', { id: 1 }, { decode: true })).rejects.toThrow(/decode needs the method's meta/);
    await expect(crmDealList(plain, { select: ['ID'] }, { decode: true })).resolves.toContainEqual({ ID: 1 });
  });
});
