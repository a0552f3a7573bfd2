/**
 * End to end: the committed generated package (bindings, B24Methods, the lazily loaded meta registry,
 * the error classes) on the runtime, against the fake Bitrix24 on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bizprocActivityLog, createClient, crmDealList, isB24Error, type B24Client } from '../../generated/index.js';
import { FakePortal } from '../fake-portal/server.js';

let portal: FakePortal;
let b24: B24Client;

beforeAll(async () => {
  portal = await FakePortal.start();
  portal.seedDeals(120);
  b24 = createClient({ webhookUrl: portal.webhookUrl, allowInsecureHttp: true, rateLimit: false });
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
    expect(error).toMatchObject({ code: 'ERROR_EMPTY_LOG_MESSAGE', httpStatus: 400, method: 'bizproc.activity.log' });
  });

  it('paginate reads every item of a list method with the generated list meta (ID cursor, batched)', async () => {
    const before = portal.counters.requests;
    const ids: number[] = [];
    for await (const deal of b24.paginate('crm.deal.list', { select: ['ID', 'TITLE'] })) ids.push(Number(deal.ID));
    expect(ids).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    // 120 items through the ID cursor: a counting page, then one batch of chained pages.
    expect(portal.counters.requests - before).toBeLessThanOrEqual(3);
    const page = await crmDealList(b24, { order: { ID: 'ASC' }, start: 0 });
    expect(Array.isArray(page)).toBe(true);
  });
});
