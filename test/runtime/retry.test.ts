import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { B24NetworkError, B24ResponseError, createClient, isB24Error } from '@b24gen/runtime';
import { rejection, withPortal } from './helpers.js';
import { backoff, mayRetry } from '../../runtime/src/retry.js';
import { B24Error } from '../../runtime/src/errors.js';

let env: Awaited<ReturnType<typeof withPortal>>;
beforeAll(async () => (env = await withPortal()));
afterAll(() => env.portal.close());

describe('safe retries', () => {
  it('QUERY_LIMIT_EXCEEDED (503) is retried for writes too: the server never ran it', async () => {
    const c = env.webhook();
    env.portal.fault({ kind: 'status', status: 503, code: 'QUERY_LIMIT_EXCEEDED', description: 'Too many requests', method: 'crm.deal.add', times: 2 });
    const before = env.portal.counters.executed['crm.deal.add'] ?? 0;
    expect(typeof (await c.call('crm.deal.add', { fields: { TITLE: 'x' } }))).toBe('number');
    expect(env.portal.counters.executed['crm.deal.add']).toBe(before + 1);
    expect(env.lines.some((l) => /QUERY_LIMIT_EXCEEDED, refused 2, queued again/.test(l))).toBe(true);
  });
  it('a read is retried after a network error, a write is not', async () => {
    const c = env.webhook();
    env.portal.fault({ kind: 'reset', method: 'crm.deal.get' });
    await expect(c.call('crm.deal.get', { id: 999999 }).catch((e) => e.code)).resolves.toBe('NOT_FOUND'); // reached the server the 2nd time
    env.portal.fault({ kind: 'reset-after', method: 'crm.deal.add' });
    const before = env.portal.counters.executed['crm.deal.add'] ?? 0;
    expect(await rejection(c.call('crm.deal.add', { fields: {} }))).toBeInstanceOf(B24NetworkError);
    expect(env.portal.counters.executed['crm.deal.add']).toBe(before + 1); // ran once, never repeated
  });
  it('retryWrites: true (per call or client) retries a write after a network error', async () => {
    env.portal.fault({ kind: 'reset', method: 'crm.deal.add' });
    expect(typeof (await env.webhook().call('crm.deal.add', { fields: {} }, { retryWrites: true }))).toBe('number');
    env.portal.fault({ kind: 'reset', method: 'crm.deal.add' });
    expect(typeof (await env.webhook({ retryWrites: true }).call('crm.deal.add', { fields: {} }))).toBe('number');
  });
  it('a truncated body is retried for reads only', async () => {
    env.portal.fault({ kind: 'truncate', method: 'user.current' });
    expect(await env.webhook().call('user.current')).toMatchObject({ ID: '1' });
    env.portal.fault({ kind: 'truncate', method: 'crm.deal.add' });
    expect(await rejection(env.webhook().call('crm.deal.add', { fields: {} }))).toBeInstanceOf(B24ResponseError);
  });
  it('INTERNAL_SERVER_ERROR (5xx): read retried, write not', async () => {
    const c = env.webhook();
    env.portal.fault({ kind: 'status', status: 500, code: 'INTERNAL_SERVER_ERROR', method: 'user.current' });
    expect(await c.call('user.current')).toMatchObject({ ID: '1' });
    env.portal.fault({ kind: 'status', status: 500, code: 'INTERNAL_SERVER_ERROR', method: 'crm.deal.add' });
    const e = await rejection(c.call('crm.deal.add', { fields: {} }));
    expect(e).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', errorClass: 'transient' });
  });
  it('any 5xx is transient even for codes the catalog does not know; retry limit is honoured', async () => {
    const c = env.webhook({ retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    env.portal.fault({ kind: 'status', status: 502, code: 'WHATEVER', method: 'user.current', times: 10 });
    const before = env.portal.counters.byMethod['user.current'] ?? 0;
    const e = await rejection(c.call('user.current'));
    expect(e).toMatchObject({ code: 'WHATEVER', errorClass: 'transient' });
    expect(env.portal.counters.byMethod['user.current']).toBe(before + 3);
    env.portal.faults.length = 0;
  });
  it('permanent and auth errors are not retried', async () => {
    const c = env.webhook();
    const before = env.portal.counters.byMethod['bizproc.activity.log'] ?? 0;
    await rejection(c.call('bizproc.activity.log', { EVENT_TOKEN: 't', LOG_MESSAGE: '' }));
    expect(env.portal.counters.byMethod['bizproc.activity.log']).toBe(before + 1);
  });
  it('classes come from the generated catalog: without it, 4xx codes are permanent', async () => {
    const c = createClient({ webhookUrl: env.portal.webhookUrl, allowInsecureHttp: true, rateLimit: false, retry: { baseDelayMs: 1 } });
    env.portal.fault({ kind: 'status', status: 400, code: 'ERROR_UNEXPECTED_ANSWER', method: 'user.current' });
    expect(await rejection(c.call('user.current'))).toMatchObject({ errorClass: 'permanent' });
    env.portal.fault({ kind: 'status', status: 400, code: 'ERROR_UNEXPECTED_ANSWER', method: 'user.current' });
    const gen = env.webhook(); // with errorClasses: ERROR_UNEXPECTED_ANSWER is transient (user.current is a read)
    expect(await gen.call('user.current')).toMatchObject({ ID: '1' });
  });
});

describe('back-off', () => {
  it('grows exponentially with jitter and is capped', () => {
    const r = { limit: 5, baseDelayMs: 100, maxDelayMs: 1000 };
    for (let i = 0; i < 50; i++) {
      const d0 = backoff(r, 0), d3 = backoff(r, 3), d9 = backoff(r, 9);
      expect(d0).toBeGreaterThanOrEqual(50); expect(d0).toBeLessThanOrEqual(100);
      expect(d3).toBeGreaterThanOrEqual(400); expect(d3).toBeLessThanOrEqual(800);
      expect(d9).toBeLessThanOrEqual(1000);
    }
  });
  it('mayRetry: the policy table', () => {
    const read = { method: 'm', apiVersion: 2, kind: 'read' } as const;
    const write = { ...read, kind: 'write' } as const;
    const t = (code: string) => new B24Error(code, '', 'transient');
    expect(mayRetry(t('X'), read, false)).toBe(true);
    expect(mayRetry(t('X'), write, false)).toBe(false);
    expect(mayRetry(t('X'), write, true)).toBe(true);
    expect(mayRetry(t('QUERY_LIMIT_EXCEEDED'), write, false)).toBe(true);
    expect(mayRetry(t('OPERATION_TIME_LIMIT'), write, false)).toBe(true);
    expect(mayRetry(new B24Error('X', '', 'permanent'), read, true)).toBe(false);
    expect(mayRetry(new B24Error('X', '', 'auth'), read, true)).toBe(false);
  });
});

describe('operating-time budget (time.operating / operating_reset_at)', () => {
  it('OPERATION_TIME_LIMIT (429) waits for operating_reset_at, then succeeds; other methods unaffected', async () => {
    const { portal, webhook } = await withPortal({ operatingLimit: 0.5, operatingCost: 0.2, operatingWindowMs: 400 });
    try {
      const c = webhook({ operatingLimitSeconds: 0.5 });
      const t0 = Date.now();
      for (let i = 0; i < 6; i++) await c.call('crm.deal.add', { fields: {} });
      // 3 calls reach 0.6 s > 0.5: the client learns it from time.operating and holds calls back.
      expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
      expect(portal.counters.statuses[429] ?? 0).toBe(0);
      expect(portal.counters.executed['crm.deal.add']).toBe(6);
    } finally {
      await portal.close();
    }
  });
  it('rejects at once with an OPERATION_TIME_LIMIT error if the reset is beyond the deadline', async () => {
    const { portal, webhook } = await withPortal({ operatingLimit: 0.5, operatingCost: 0.3, operatingWindowMs: 60_000 });
    try {
      const c = webhook({ operatingLimitSeconds: 0.5 });
      await c.call('crm.deal.add', { fields: {} });
      await c.call('crm.deal.add', { fields: {} });
      const t0 = Date.now();
      const e = await rejection(c.call('crm.deal.add', { fields: {} }, { timeout: 5000 }));
      expect(isB24Error(e, 'OPERATION_TIME_LIMIT')).toBe(true);
      expect(e.errorClass).toBe('transient');
      expect(Date.now() - t0).toBeLessThan(2000); // the reset is 60 s away: it did not wait
      expect(portal.counters.byMethod['crm.deal.add']).toBe(2); // not even sent
      expect(await c.call('user.current')).toMatchObject({ ID: '1' }); // per method
    } finally {
      await portal.close();
    }
  });
  it('a 429 from the server is retried after its operating_reset_at', async () => {
    const { portal, webhook } = await withPortal({ operatingLimit: 0.5, operatingCost: 0.3, operatingWindowMs: 300 });
    try {
      const other = webhook(); // another client burns the budget; ours has not seen it
      await other.call('crm.deal.add', { fields: {} });
      await other.call('crm.deal.add', { fields: {} });
      const c = webhook(); // default 480 s limit: only the 429's time.operating_reset_at tells it to wait
      const t0 = Date.now();
      expect(typeof (await c.call('crm.deal.add', { fields: {} }))).toBe('number');
      expect(portal.counters.statuses[429]).toBe(1);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
    } finally {
      await portal.close();
    }
  });
});
