import { describe, expect, it } from 'vitest';
import { B24AuthRefreshError, isB24Error } from '@b24gen/runtime';
import { rejection, withPortal } from './helpers.js';

describe('OAuth', () => {
  it('passes the access token as `auth` in the body (POST /rest/{method})', async () => {
    const { portal, oauth } = await withPortal();
    try {
      expect(await oauth().call('user.current')).toMatchObject({ ID: '1' });
      expect(await oauth().v3.call('tasks.task.add', { fields: { title: 'x' } })).toMatchObject({ item: { title: 'x' } });
    } finally {
      await portal.close();
    }
  });
  it('expired_token: ONE refresh for all concurrent callers, calls retried, onTokens once', async () => {
    const { portal, oauth } = await withPortal();
    try {
      const tokens: any[] = [];
      const c = oauth({ onTokens: (t) => void tokens.push(t) });
      await c.call('user.current');
      portal.expireAccessToken();
      portal.refreshDelayMs = 30;
      const rs = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? c.call('user.current') : c.call('crm.deal.add', { fields: {} }))));
      expect(rs).toHaveLength(12);
      expect(portal.counters.refreshRequests).toBe(1);
      expect(tokens).toHaveLength(1);
      expect(tokens[0]).toMatchObject({ accessToken: portal.accessToken, refreshToken: portal.refreshToken, expiresIn: 3600 });
      expect(portal.counters.executed['crm.deal.add']).toBe(6); // writes rejected with 401 were not run: retried once
      // expired mid-run again: works again
      portal.expireAccessToken();
      await c.call('user.current');
      expect(portal.counters.refreshRequests).toBe(2);
    } finally {
      await portal.close();
    }
  });
  it('a failed refresh rejects every waiting call with one B24AuthRefreshError', async () => {
    const { portal, oauth, lines } = await withPortal();
    try {
      const c = oauth();
      portal.expireAccessToken();
      portal.refreshFailure = 'invalid_grant';
      portal.refreshDelayMs = 20;
      const errs = await Promise.all(Array.from({ length: 5 }, () => rejection(c.call('user.current'))));
      expect(portal.counters.refreshRequests).toBe(1);
      expect(errs[0]).toBeInstanceOf(B24AuthRefreshError);
      expect(errs.every((e) => e === errs[0])).toBe(true);
      expect(errs[0]).toMatchObject({ code: 'invalid_grant', errorClass: 'auth' });
      const o = portal.opts.oauth;
      const dump = errs.map((e) => `${e.message} ${e.stack} ${JSON.stringify(e)} ${String(e)}`).join() + lines.join();
      for (const s of [o.clientSecret, o.refreshToken, o.accessToken]) expect(dump).not.toContain(s);
    } finally {
      await portal.close();
    }
  });
  it('an unreachable OAuth server gives B24AuthRefreshError without secrets', async () => {
    const { portal, oauth } = await withPortal();
    try {
      const c = oauth({ oauthServer: 'http://127.0.0.1:1/oauth/token/' } as never);
      portal.expireAccessToken();
      const e = await rejection(c.call('user.current'));
      expect(isB24Error(e, 'AUTH_REFRESH_FAILED')).toBe(true);
      expect(e).toBeInstanceOf(B24AuthRefreshError);
      expect(`${e.message}${e.stack}`).not.toContain(portal.opts.oauth.clientSecret);
    } finally {
      await portal.close();
    }
  });
  it('a second expiry right after the refresh is reported, not looped on', async () => {
    const { portal, oauth } = await withPortal();
    try {
      const c = oauth();
      portal.expireAccessToken();
      portal.fault({ kind: 'status', status: 401, code: 'expired_token', description: 'expired', method: 'user.current', times: 2 });
      const e = await rejection(c.call('user.current'));
      expect(e).toMatchObject({ code: 'expired_token', errorClass: 'auth' });
      expect(portal.counters.refreshRequests).toBe(1);
    } finally {
      await portal.close();
    }
  });
});
