import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  B24AbortError, B24ConfigError, B24Error, B24NetworkError, B24ResponseError, B24TimeoutError, createClient, isB24Error,
} from '@b24gen/runtime';
import { rejection, withPortal } from './helpers.js';

let env: Awaited<ReturnType<typeof withPortal>>;
beforeAll(async () => (env = await withPortal()));
afterAll(() => env.portal.close());

describe('configuration', () => {
  it('refuses plain http portals unless allowInsecureHttp', () => {
    const e = (() => { try { createClient({ webhookUrl: env.portal.webhookUrl }); } catch (x) { return x; } })() as B24ConfigError;
    expect(e).toBeInstanceOf(B24ConfigError);
    expect(e.message).toMatch(/allowInsecureHttp/);
    expect(e.message).not.toContain(env.portal.opts.webhook.code);
    expect(() => createClient({ portal: 'http://p.example', oauth: { accessToken: 'a', refreshToken: 'r', clientId: 'c', clientSecret: 's' } })).toThrow(B24ConfigError);
    expect(() => createClient({ webhookUrl: 'https://p.example/rest/1/abc/' })).not.toThrow();
    expect(() => createClient({ portal: 'p.example', oauth: { accessToken: 'a', refreshToken: 'r', clientId: 'c', clientSecret: 's' } })).not.toThrow();
  });
  it('rejects malformed webhook URLs without echoing the code', () => {
    for (const url of ['https://p.example/rest/x/topsecretcode/', 'https://p.example/topsecretcode', 'ftp://p/rest/1/topsecretcode/', 'https://p.example/rest/1/topsecretcode/crm.deal.get']) {
      try {
        createClient({ webhookUrl: url });
        expect.unreachable(url);
      } catch (e) {
        expect(e).toBeInstanceOf(B24ConfigError);
        expect(JSON.stringify(e) + String(e) + (e as Error).stack).not.toContain('topsecretcode');
      }
    }
  });
  it('refuses a plain http OAuth server unless allowInsecureHttp', () => {
    const oauth = { accessToken: 'a', refreshToken: 'r', clientId: 'c', clientSecret: 's' };
    expect(() => createClient({ portal: 'p.example', oauth, oauthServer: 'http://o.example/oauth/token/' })).toThrow(/https/);
    expect(() => createClient({ portal: 'p.example', oauth, oauthServer: 'http://o.example/oauth/token/', allowInsecureHttp: true })).not.toThrow();
  });
  it('requires complete OAuth options', () => {
    expect(() => createClient({ portal: 'p.example', oauth: { accessToken: 'a', refreshToken: '', clientId: 'c', clientSecret: 's' } })).toThrow(/refreshToken/);
    expect(() => createClient({} as never)).toThrow(B24ConfigError);
  });
});

describe('call / invoke', () => {
  it('calls a method through the webhook and returns result', async () => {
    const c = env.webhook();
    const id = await c.call('crm.deal.add', { fields: { TITLE: 'A & B' } });
    expect(typeof id).toBe('number');
    const d = await c.call('crm.deal.get', { id });
    expect(d).toMatchObject({ ID: String(id), TITLE: 'A & B' });
  });
  it('invoke() is the B24Invoker used by generated bindings', async () => {
    const c = env.webhook();
    const r = await c.invoke({ method: 'user.current', apiVersion: 2, kind: 'read' }, {});
    expect(r).toMatchObject({ ID: '1' });
  });
  it('server errors become typed B24Error; isB24Error narrows the code', async () => {
    const c = env.webhook();
    const e = await rejection(c.call('bizproc.activity.log', { EVENT_TOKEN: 't', LOG_MESSAGE: '' }));
    expect(isB24Error(e, 'ERROR_EMPTY_LOG_MESSAGE')).toBe(true);
    expect(isB24Error(e, 'NOT_FOUND')).toBe(false);
    expect(e).toMatchObject({ code: 'ERROR_EMPTY_LOG_MESSAGE', description: 'Empty log message', httpStatus: 400, method: 'bizproc.activity.log', errorClass: 'permanent' });
    expect(e.constructor).toBe(B24Error);
  });
  it('unknown method: ERROR_METHOD_NOT_FOUND surfaces typed', async () => {
    const c = createClient({ webhookUrl: env.portal.webhookUrl, allowInsecureHttp: true, rateLimit: false });
    const e = await rejection(c.call('no.such.method', {}));
    expect(e).toBeInstanceOf(B24Error);
    expect(e).toMatchObject({ code: 'ERROR_METHOD_NOT_FOUND', httpStatus: 404, method: 'no.such.method' });
  });
  it('wrong webhook code → NO_AUTH_FOUND (auth class)', async () => {
    const c = env.webhook({ webhookUrl: env.portal.webhookUrl.replace(env.portal.opts.webhook.code, 'wrongcode123') });
    const e = await rejection(c.call('user.current'));
    expect(e).toMatchObject({ code: 'NO_AUTH_FOUND', errorClass: 'auth', httpStatus: 401 });
  });
  it('REST 3.0: /rest/api/ URL and {error:{code,message}} shape', async () => {
    const c = env.webhook();
    const { item } = await c.v3.call('tasks.task.add', { fields: { title: 'T' } });
    expect(await c.v3.call('tasks.task.get', { id: item.id })).toEqual({ item: { id: item.id, title: 'T' } });
    const e = await rejection(c.v3.call('tasks.task.get', { id: 999999 }));
    expect(isB24Error(e, 'BITRIX_REST_V3_EXCEPTION_ENTITYNOTFOUNDEXCEPTION')).toBe(true);
    expect(e.description).toMatch(/not found/);
    expect(env.portal.counters.byMethod['tasks.task.get']).toBeGreaterThan(0);
  });
  it('params must be an object', async () => {
    const c = env.webhook();
    await expect(c.invoke({ method: 'fake.echo', apiVersion: 2, kind: 'read' }, [1, 2])).rejects.toBeInstanceOf(B24ConfigError);
  });
});

describe('responses that contradict the protocol are errors, never data', () => {
  const cases: [string, Parameters<typeof env.portal.fault>[0], RegExp][] = [
    ['error envelope with HTTP 200', { kind: 'raw', status: 200, body: '{"error":"SOME_ERROR","error_description":"boom"}' }, /SOME_ERROR/],
    ['missing result', { kind: 'raw', status: 200, body: '{"time":{}}' }, /no result/],
    ['invalid JSON', { kind: 'invalid-json' }, /invalid or truncated JSON/],
    ['empty body', { kind: 'raw', status: 200, body: '' }, /invalid or truncated JSON/],
    ['JSON array', { kind: 'raw', status: 200, body: '[1,2]' }, /invalid/],
    ['truncated body', { kind: 'truncate' }, /INVALID_RESPONSE/],
  ];
  for (const [name, fault, re] of cases) {
    it(name, async () => {
      const c = env.webhook({ retry: { limit: 0 } });
      env.portal.fault({ ...fault, method: 'user.current' });
      const e = await rejection(c.call('user.current'));
      expect(e).toBeInstanceOf(B24ResponseError);
      expect(e.message).toMatch(re);
    });
  }
  it('HTML 502 from a proxy is a transient HTTP error', async () => {
    const c = env.webhook({ retry: { limit: 0 } });
    env.portal.fault({ kind: 'raw', status: 502, body: '<html>Bad gateway</html>', method: 'user.current' });
    const e = await rejection(c.call('user.current'));
    expect(e).toMatchObject({ code: 'HTTP_502', errorClass: 'transient', httpStatus: 502 });
  });
  it('connection reset → B24NetworkError', async () => {
    const c = env.webhook();
    env.portal.fault({ kind: 'reset', method: 'crm.deal.add' });
    const e = await rejection(c.call('crm.deal.add', { fields: {} }));
    expect(e).toBeInstanceOf(B24NetworkError);
    expect(e.errorClass).toBe('transient');
  });
});

describe('timeouts and cancellation', () => {
  it('per-call timeout → B24TimeoutError', async () => {
    const c = env.webhook();
    env.portal.fault({ kind: 'stall', stallMs: 2000, method: 'user.current' });
    const t0 = Date.now();
    const e = await rejection(c.call('user.current', {}, { timeout: 100 }));
    expect(e).toBeInstanceOf(B24TimeoutError);
    expect(Date.now() - t0).toBeLessThan(1000);
  });
  it('AbortSignal → B24AbortError; an already-aborted signal never sends', async () => {
    const c = env.webhook();
    env.portal.fault({ kind: 'stall', stallMs: 2000, method: 'crm.deal.get' });
    const ac = new AbortController();
    const p = c.call('crm.deal.get', { id: 1 }, { signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    expect(await rejection(p)).toBeInstanceOf(B24AbortError);
    const before = env.portal.counters.requests;
    const e = await rejection(c.call('user.current', {}, { signal: AbortSignal.abort() }));
    expect(e).toBeInstanceOf(B24AbortError);
    expect(env.portal.counters.requests).toBe(before);
  });
  it('custom fetch is used', async () => {
    let n = 0;
    const c = env.webhook({ fetch: (input, init) => (n++, fetch(input, init)) });
    await c.call('user.current');
    expect(n).toBe(1);
  });
});
