/**
 * Issue 14.7 / 11 "OAuth": the refresh is bounded by its own timeout; a caller's AbortSignal or
 * timeout ends only its own wait; an `onTokens` that never settles hangs nobody; a refresh that
 * fails fast is one shared failure with back-off; an error status or an empty token is refused;
 * a refresh whose answer was lost after the portal rotated the tokens is one B24AuthError
 * (REAUTHORIZATION_REQUIRED) for every waiting caller. Plus the provider contract: a token store
 * for server apps, `auth` providers, and 14.8's timeout checks.
 */
import { describe, expect, it } from 'vitest';
import {
  B24AbortError, B24AuthError, B24AuthRefreshError, B24ConfigError, B24TimeoutError, createClient, oauthAuth, type ClientOptions, type OAuthTokens,
} from '@b24gen/runtime';
import { FakePortal } from '../fake-portal/server.js';
import { generatedBits, rejection, withPortal, type TestClient, type TestMethods, type TestMethodsV3 } from './helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An OAuth client of the portal with extra `oauth` options (refreshTimeout, onTokens, store). */
function client(portal: FakePortal, oauth: Record<string, unknown> = {}, extra: Partial<ClientOptions> = {}, lines?: string[]): TestClient {
  const o = portal.opts.oauth;
  return createClient<TestMethods, TestMethodsV3>(
    {
      portal: portal.url, oauthServer: portal.oauthServer, allowInsecureHttp: true, rateLimit: false, retry: { limit: 0 }, logger: lines && ((l: string) => lines.push(l)),
      oauth: { accessToken: portal.accessToken, refreshToken: portal.refreshToken, clientId: o.clientId, clientSecret: o.clientSecret, ...oauth },
      ...extra,
    } as ClientOptions,
    generatedBits,
  );
}

describe('a hung refresh (14.7)', () => {
  it("a caller's timeout or AbortSignal ends its own wait; the shared refresh goes on for the others", async () => {
    const { portal } = await withPortal();
    try {
      const c = client(portal, {}, { timeout: 0 }); // no client-wide deadline
      portal.expireAccessToken();
      await c.call('user.current'); // warm: connection, the lazily loaded refresh module
      portal.expireAccessToken();
      portal.refreshFault({ kind: 'stall', stallMs: 2000 });
      const ctl = new AbortController();
      const t0 = Date.now();
      const timed = rejection(c.call('user.current', {}, { timeout: 500 }));
      const aborted = rejection(c.call('user.current', {}, { signal: ctl.signal }));
      const patient = c.call('user.current');
      setTimeout(() => ctl.abort(), 400);
      expect(await timed).toBeInstanceOf(B24TimeoutError);
      expect(await aborted).toBeInstanceOf(B24AbortError);
      expect(Date.now() - t0).toBeLessThan(1800); // both ended before the refresh answered
      expect(portal.counters.refreshRequests).toBe(2); // they did wait on the refresh
      expect(await patient).toMatchObject({ ID: '1' }); // the refresh was not cancelled
      expect(portal.counters.refreshRequests).toBe(2);
    } finally {
      await portal.close();
    }
  });
  it('a refresh that never answers is bounded by refreshTimeout, even with `timeout: 0`', async () => {
    const { portal } = await withPortal();
    try {
      const c = client(portal, { refreshTimeout: 300 }, { timeout: 0 });
      portal.expireAccessToken();
      portal.refreshFault({ kind: 'stall' }); // forever
      const errs = await Promise.all([1, 2, 3].map(() => rejection(c.call('user.current'))));
      expect(errs[0]).toBeInstanceOf(B24AuthRefreshError);
      expect(errs[0]).toMatchObject({ code: 'AUTH_REFRESH_FAILED' });
      expect(errs.every((e) => e === errs[0])).toBe(true);
    } finally {
      await portal.close();
    }
  }, 10_000);
  it('an onTokens that never settles does not hang the calls; the logger says so', async () => {
    const { portal } = await withPortal();
    try {
      const lines: string[] = [];
      const c = client(portal, { refreshTimeout: 200, onTokens: () => new Promise(() => {}) }, { timeout: 0 }, lines);
      portal.expireAccessToken();
      const rs = await Promise.all([1, 2, 3].map(() => c.call('user.current')));
      expect(rs.every((r) => r.ID === '1')).toBe(true);
      expect(lines.some((l) => /onTokens did not settle/.test(l))).toBe(true);
    } finally {
      await portal.close();
    }
  }, 10_000);
});

describe('a refresh that fails (14.7)', () => {
  it('fast: one shared failure with back-off, not one refresh per later caller', async () => {
    const { portal } = await withPortal();
    try {
      const c = client(portal);
      portal.expireAccessToken();
      portal.refreshFailure = 'invalid_grant';
      const errs: unknown[] = [];
      for (let i = 0; i < 20; i++) {
        errs.push(await rejection(c.call('user.current'))); // one after the other, each after the last failed
        await sleep(5);
      }
      expect(portal.counters.refreshRequests).toBe(1);
      expect(errs[0]).toBeInstanceOf(B24AuthRefreshError);
      expect(errs[0]).toMatchObject({ code: 'invalid_grant' });
      expect(errs.every((e) => e === errs[0])).toBe(true);
      // after the back-off (1 s, doubling) one new attempt
      portal.refreshFailure = undefined;
      await sleep(1100);
      expect(await c.call('user.current')).toMatchObject({ ID: '1' });
      expect(portal.counters.refreshRequests).toBe(2);
    } finally {
      await portal.close();
    }
  });
  it('an error status or an empty access_token is refused, even with tokens in the body', async () => {
    const { portal } = await withPortal();
    try {
      const bad = [
        { status: 500, body: JSON.stringify({ access_token: 'evil0access0token', refresh_token: 'evil0refresh0token' }) },
        { status: 200, body: JSON.stringify({ access_token: '', refresh_token: 'evil0refresh0token' }) },
        { status: 200, body: JSON.stringify({ access_token: 'evil0access0token', refresh_token: '' }) },
        { status: 200, body: JSON.stringify({ access_token: 'evil token\r\nX-Injected: 1', refresh_token: 'evil0refresh0token' }) },
      ];
      for (const b of bad) {
        const seen: OAuthTokens[] = [];
        const c = client(portal, { onTokens: (t: OAuthTokens) => void seen.push(t) });
        portal.expireAccessToken();
        portal.refreshFault({ kind: 'raw', ...b });
        const e = await rejection(c.call('user.current'));
        expect(e, b.body).toBeInstanceOf(B24AuthRefreshError);
        expect(seen, b.body).toEqual([]);
      }
    } finally {
      await portal.close();
    }
  });
});

describe('refresh-token rotation with a lost answer (11, 14.7)', () => {
  it('reset after the portal rotated: one B24AuthError REAUTHORIZATION_REQUIRED for every waiting caller, no onTokens', async () => {
    const { portal } = await withPortal();
    try {
      const seen: OAuthTokens[] = [];
      const c = client(portal, { onTokens: (t: OAuthTokens) => void seen.push(t) });
      portal.expireAccessToken();
      portal.refreshDelayMs = 30;
      portal.refreshFault({ kind: 'reset-after' });
      const errs = await Promise.all(Array.from({ length: 8 }, () => rejection(c.call('user.current'))));
      expect(errs[0]).toBeInstanceOf(B24AuthError);
      expect(errs[0]).toBeInstanceOf(B24AuthRefreshError); // code that catches refresh failures catches it
      expect(errs[0]).toMatchObject({ code: 'REAUTHORIZATION_REQUIRED', errorClass: 'auth' });
      expect(errs.every((e) => e === errs[0])).toBe(true);
      expect(seen).toEqual([]);
      expect(portal.counters.refreshes).toBe(1); // the portal did rotate
      // later callers get the same report, without sending the stale refresh token again
      const requests = portal.counters.refreshRequests;
      await sleep(1100);
      expect(await rejection(c.call('user.current'))).toBe(errs[0]);
      expect(portal.counters.refreshRequests).toBe(requests);
    } finally {
      await portal.close();
    }
  });
  it('reset before the portal rotated: the refresh is tried once more and the calls go on', async () => {
    const { portal } = await withPortal();
    try {
      const seen: OAuthTokens[] = [];
      const c = client(portal, { onTokens: (t: OAuthTokens) => void seen.push(t) });
      portal.expireAccessToken();
      portal.refreshFault({ kind: 'reset' });
      expect(await c.call('user.current')).toMatchObject({ ID: '1' });
      expect(portal.counters.refreshRequests).toBe(2);
      expect(seen).toEqual([expect.objectContaining({ accessToken: portal.accessToken, refreshToken: portal.refreshToken })]);
    } finally {
      await portal.close();
    }
  });
});

describe('token store: server apps that keep tokens elsewhere (20)', () => {
  it('loads the tokens, saves refreshed ones, and adopts tokens another process saved instead of refreshing', async () => {
    const { portal } = await withPortal();
    try {
      let stored: OAuthTokens | undefined = { accessToken: portal.accessToken, refreshToken: portal.refreshToken };
      let loads = 0;
      const store = { load: async () => (loads++, stored), save: async (t: OAuthTokens) => void (stored = t) };
      const o = portal.opts.oauth;
      const make = (): TestClient =>
        createClient<TestMethods, TestMethodsV3>(
          { auth: oauthAuth({ portal: portal.url, oauthServer: portal.oauthServer, allowInsecureHttp: true, clientId: o.clientId, clientSecret: o.clientSecret, store }), allowInsecureHttp: true, rateLimit: false } as ClientOptions,
          generatedBits,
        );
      const a = make();
      const b = make(); // a second process sharing the store
      expect(await a.call('user.current')).toMatchObject({ ID: '1' });
      expect(await b.call('user.current')).toMatchObject({ ID: '1' });
      portal.expireAccessToken();
      await a.call('user.current');
      expect(portal.counters.refreshRequests).toBe(1);
      expect(stored).toMatchObject({ accessToken: portal.accessToken, refreshToken: portal.refreshToken });
      await b.call('user.current'); // expired for b too: takes a's tokens from the store
      expect(portal.counters.refreshRequests).toBe(1);
      expect(loads).toBeGreaterThanOrEqual(3);
    } finally {
      await portal.close();
    }
  });
  it('after REAUTHORIZATION_REQUIRED, tokens of a new authorisation in the store are taken at once, not after the back-off', async () => {
    const { portal } = await withPortal();
    try {
      let stored: OAuthTokens = { accessToken: portal.accessToken, refreshToken: portal.refreshToken };
      const store = { load: async () => stored, save: async (t: OAuthTokens) => void (stored = t) };
      const o = portal.opts.oauth;
      const c: TestClient = createClient<TestMethods, TestMethodsV3>(
        { auth: oauthAuth({ portal: portal.url, oauthServer: portal.oauthServer, allowInsecureHttp: true, clientId: o.clientId, clientSecret: o.clientSecret, store }), allowInsecureHttp: true, rateLimit: false } as ClientOptions,
        generatedBits,
      );
      expect(await c.call('user.current')).toMatchObject({ ID: '1' });
      portal.expireAccessToken();
      portal.refreshFault({ kind: 'reset-after' }); // the portal rotates, the answer is lost
      expect(await rejection(c.call('user.current'))).toMatchObject({ code: 'REAUTHORIZATION_REQUIRED' });
      expect(await rejection(c.call('user.current'))).toMatchObject({ code: 'REAUTHORIZATION_REQUIRED' }); // within the back-off
      // The admin authorises the app again: the new pair lands in the store.
      stored = { accessToken: portal.accessToken, refreshToken: portal.refreshToken };
      const requests = portal.counters.refreshRequests;
      const t0 = Date.now();
      expect(await Promise.all(Array.from({ length: 5 }, () => c.call('user.current')))).toEqual(Array(5).fill(expect.objectContaining({ ID: '1' })));
      expect(Date.now() - t0).toBeLessThan(1000); // not the 1 s+ back-off
      expect(portal.counters.refreshRequests).toBe(requests); // nothing sent with the dead refresh token
    } finally {
      await portal.close();
    }
  });
  it('no tokens and no store is a config error', () => {
    expect(() => oauthAuth({ portal: 'p.example', clientId: 'a', clientSecret: 'secret0123456789' } as never)).toThrow(B24ConfigError);
  });
});

describe('timeouts (14.8)', () => {
  it('a negative or non-number timeout is a config error; 0 means no deadline', async () => {
    const { portal, webhook } = await withPortal();
    try {
      for (const timeout of [-1, -0.5, Number.NaN]) {
        expect(() => webhook({ timeout })).toThrow(B24ConfigError);
        expect(await rejection(webhook().call('user.current', {}, { timeout }))).toBeInstanceOf(B24ConfigError);
      }
      portal.fault({ kind: 'stall', stallMs: 300, method: 'user.current' });
      expect(await webhook({ timeout: 0 }).call('user.current', {}, { timeout: 0 })).toMatchObject({ ID: '1' });
    } finally {
      await portal.close();
    }
  });
});
