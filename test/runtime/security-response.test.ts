/**
 * Issue 14.6 / 11 "Responses": a body over the size cap (calls and refresh), a body that never
 * ends, JSON nested beyond 512 levels: each a typed error within the call's timeout, never data.
 * `__proto__` / `constructor` keys in results stay own members and pollute no prototype, through
 * call, decode, batch and paginate.
 */
import { describe, expect, it } from 'vitest';
import { B24AuthRefreshError, B24ResponseError, B24TimeoutError, createClient, type MethodMeta } from '@b24gen/runtime';
import { generatedBits, rejection, withPortal } from './helpers.js';

describe('response size cap (14.6)', () => {
  it('`maxResponseBytes`: a larger body fails with RESPONSE_TOO_LARGE, announced or streamed', async () => {
    const { portal, webhook } = await withPortal();
    try {
      const c = webhook({ maxResponseBytes: 1_000_000, retry: { limit: 0 } });
      for (const contentLength of [true, false]) {
        portal.fault({ kind: 'huge', bytes: 5_000_000, contentLength, method: 'user.current' });
        const e = await rejection(c.call('user.current'));
        expect(e).toBeInstanceOf(B24ResponseError);
        expect(e).toMatchObject({ code: 'RESPONSE_TOO_LARGE', errorClass: 'permanent', httpStatus: 200 });
      }
      portal.fault({ kind: 'huge', bytes: 900_000, method: 'user.current' }); // under the cap: data
      expect(await c.call('user.current')).toHaveLength(900_000 - 13);
    } finally {
      await portal.close();
    }
  });
  it('the default cap is 64 MiB', async () => {
    const { portal, webhook } = await withPortal();
    try {
      portal.fault({ kind: 'huge', bytes: 64 * 2 ** 20 + 1, contentLength: false, method: 'user.current' });
      expect(await rejection(webhook({ retry: { limit: 0 } }).call('user.current'))).toMatchObject({ code: 'RESPONSE_TOO_LARGE' });
    } finally {
      await portal.close();
    }
  }, 30_000);
  it('the OAuth refresh answer is capped too', async () => {
    const { portal, oauth } = await withPortal();
    try {
      const c = oauth({ maxResponseBytes: 100_000 });
      portal.expireAccessToken();
      portal.refreshFault({ kind: 'huge', bytes: 1_000_000, contentLength: false });
      const e = await rejection(c.call('user.current'));
      expect(e).toBeInstanceOf(B24AuthRefreshError);
      expect(e).toMatchObject({ code: 'RESPONSE_TOO_LARGE' });
    } finally {
      await portal.close();
    }
  });
});

describe('a body that never ends (14.6)', () => {
  it('ends the call at its timeout with B24TimeoutError', async () => {
    const { portal, webhook } = await withPortal();
    try {
      portal.fault({ kind: 'endless', method: 'user.current' });
      const e = await rejection(webhook({ retry: { limit: 0 } }).call('user.current', {}, { timeout: 300 }));
      expect(e).toBeInstanceOf(B24TimeoutError);
    } finally {
      await portal.close();
    }
  });
  it('ends the refresh at its own timeout even when the client has no deadline (timeout: 0)', async () => {
    const { portal } = await withPortal();
    try {
      const o = portal.opts.oauth;
      const client = createClient(
        { portal: portal.url, oauthServer: portal.oauthServer, allowInsecureHttp: true, rateLimit: false, timeout: 0, oauth: { accessToken: portal.accessToken, refreshToken: portal.refreshToken, clientId: o.clientId, clientSecret: o.clientSecret, refreshTimeout: 300 } },
        generatedBits,
      );
      portal.expireAccessToken();
      portal.refreshFault({ kind: 'endless' });
      const e = await rejection(client.call('user.current'));
      expect(e).toBeInstanceOf(B24AuthRefreshError);
      expect(e.code).toBe('AUTH_REFRESH_FAILED');
    } finally {
      await portal.close();
    }
  }, 10_000);
});

describe('JSON nested too deep (14.6)', () => {
  it('over 512 levels is RESPONSE_TOO_DEEP, checked before parsing; 500 levels are data', async () => {
    const { portal, webhook } = await withPortal();
    try {
      const c = webhook({ retry: { limit: 0 } });
      for (const depth of [600, 100_000, 5_000_000]) {
        portal.fault({ kind: 'deep', depth, method: 'user.current' });
        const e = await rejection(c.call('user.current', {}, { decode: false }));
        expect(e, String(depth)).toBeInstanceOf(B24ResponseError);
        expect(e, String(depth)).toMatchObject({ code: 'RESPONSE_TOO_DEEP', errorClass: 'permanent' });
      }
      portal.fault({ kind: 'deep', depth: 500, method: 'user.current' });
      let v: any = await c.call('user.current');
      for (let i = 1; i < 500; i++) v = v[0];
      expect(v).toEqual([]);
      // brackets inside strings do not count
      portal.fault({ kind: 'raw', status: 200, body: JSON.stringify({ result: '['.repeat(10_000) + '\\"{' }), method: 'user.current' });
      expect(await c.call('user.current')).toBe('['.repeat(10_000) + '\\"{');
    } finally {
      await portal.close();
    }
  });
});

describe('__proto__ and constructor keys in results (11)', () => {
  it('stay own members through call, decode, batch and paginate; no prototype is polluted', async () => {
    const { portal, webhook } = await withPortal();
    try {
      portal.seedDeals(3);
      const c = webhook();
      const checkObj = (o: any) => {
        expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
        expect(Object.prototype.hasOwnProperty.call(o, '__proto__')).toBe(true);
        expect(Object.getOwnPropertyDescriptor(o, '__proto__')!.value).toEqual({ polluted: 'yes' });
        expect(o.constructor).toEqual({ prototype: { polluted: 'yes' } });
      };
      portal.fault({ kind: 'proto', method: 'crm.deal.get' });
      checkObj(await c.call('crm.deal.get', { id: 1 }));
      const meta: MethodMeta = { method: 'crm.deal.get', apiVersion: 2, kind: 'read', decode: { o: { ID: 'n' }, rest: { m: 'n' } } };
      portal.fault({ kind: 'proto', method: 'crm.deal.get' });
      const decoded: any = await c.invoke(meta, { id: 1 }, { decode: true });
      checkObj(decoded);
      expect(decoded.ID).toBe(1);
      portal.fault({ kind: 'proto', method: 'batch' });
      const b: any = await c.batch({ a: { method: 'crm.deal.get', params: { id: 1 } } }, { decode: true });
      checkObj(b.results.a);
      portal.fault({ kind: 'proto', method: 'crm.deal.list' });
      const items: any[] = await c.listAll('crm.deal.list', { order: { TITLE: 'ASC' } });
      expect(items.length).toBe(3);
      items.forEach(checkObj);
      const probe: any = {};
      expect(probe.polluted).toBeUndefined();
      expect((Object.prototype as any).polluted).toBeUndefined();
      expect((Function.prototype as any).polluted).toBeUndefined();
    } finally {
      await portal.close();
    }
  });
});
