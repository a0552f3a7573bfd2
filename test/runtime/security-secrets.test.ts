/**
 * Issue 14.2 / 11: no secret in any error (code included), log line, `util.inspect`,
 * `JSON.stringify` or `toString` of the client and its auth; percent-encoded forms are scrubbed
 * too; secrets too short to scrub safely are left alone; the set of secrets stays bounded across
 * refreshes. And where tokens travel: `auth` in the body, `Authorization: Bearer` on REST 3.0,
 * never in a URL.
 */
import { describe, expect, it } from 'vitest';
import { inspect } from 'node:util';
import { B24AuthRefreshError, B24ConfigError, createClient, oauthAuth, webhookAuth, type ClientOptions } from '@b24gen/runtime';
import { Recorder } from '../fake-portal/recorder.js';
import { generatedBits, rejection, thrown, withPortal, type TestClient, type TestMethods, type TestMethodsV3 } from './helpers.js';

const dump = (e: any) => [e.message, String(e), e.stack, JSON.stringify(e), e.code, e.description, inspect(e), inspect(e, { showHidden: true })].join('\n');

describe('secrets in error codes (14.2)', () => {
  it('v2 `error`, v3 `error.code`, batch `result_error` and refresh errors echoing a secret are scrubbed', async () => {
    const { portal, webhook, oauth, lines } = await withPortal();
    try {
      const code = portal.opts.webhook.code;
      const w = webhook({ retry: { limit: 0 } });
      const errors: any[] = [];
      portal.fault({ kind: 'status', status: 400, code: `BAD_${code}`, description: 'x', method: 'user.current' });
      errors.push(await rejection(w.call('user.current')));
      portal.fault({ kind: 'raw', status: 400, body: JSON.stringify({ error: { code: `V3_${code}`, message: 'm' } }), method: 'tasks.task.get' });
      errors.push(await rejection(w.v3.call('tasks.task.get', { id: 1 })));
      portal.fault({ kind: 'raw', status: 200, body: JSON.stringify({ result: { result: [], result_error: { a: { error: `CMD_${code}`, error_description: 'd' } } } }), method: 'batch' });
      const b = await w.batch({ a: { method: 'user.current' } });
      errors.push(b.errors.a);
      for (const e of errors) expect(dump(e)).not.toContain(code);
      expect(errors.map((e) => e.code)).toEqual(['BAD_****', 'V3_****', 'CMD_****']);

      const o = portal.opts.oauth;
      const c = oauth();
      portal.expireAccessToken();
      portal.refreshFault({ kind: 'status', status: 400, code: `invalid_grant_${o.refreshToken}_${o.clientSecret}`, description: o.clientSecret });
      const r = await rejection(c.call('user.current'));
      expect(r).toBeInstanceOf(B24AuthRefreshError);
      for (const s of [o.refreshToken, o.clientSecret]) expect(dump(r)).not.toContain(s);
      for (const s of [code, o.refreshToken, o.clientSecret]) expect(lines.join('\n')).not.toContain(s);
    } finally {
      await portal.close();
    }
  });

  it('percent-encoded forms of a secret are scrubbed (upper- and lower-case hex, twice encoded)', async () => {
    const clientSecret = 'cl/ient+secret=val&ue?x';
    const { portal, oauth } = await withPortal({ oauth: { clientId: 'app.1', clientSecret, accessToken: 'access0token0first', refreshToken: 'refresh0token0first' } });
    try {
      const c = oauth();
      portal.expireAccessToken();
      const enc = encodeURIComponent(clientSecret);
      const forms = [enc, enc.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()), encodeURIComponent(enc)];
      portal.refreshFault({ kind: 'status', status: 400, code: 'invalid_client', description: `echo ${forms.join(' ')} ${clientSecret}` });
      const e = await rejection(c.call('user.current'));
      for (const f of [clientSecret, ...forms]) expect(dump(e)).not.toContain(f);
    } finally {
      await portal.close();
    }
  });

  it('a secret shorter than 8 characters is not scrubbed: it would mangle every message', async () => {
    const { portal, webhook } = await withPortal({ webhook: { userId: 1, code: 'e' } });
    try {
      portal.fault({ kind: 'status', status: 403, code: 'ACCESS_DENIED', description: 'Access denied', method: 'user.current' });
      const e = await rejection(webhook({ retry: { limit: 0 } }).call('user.current'));
      expect(e).toMatchObject({ code: 'ACCESS_DENIED', description: 'Access denied' });
    } finally {
      await portal.close();
    }
  });

  it('the secrets an OAuth provider keeps stay bounded over many refreshes (newest kept)', async () => {
    const { portal } = await withPortal();
    try {
      const o = portal.opts.oauth;
      const auth = oauthAuth({ portal: portal.url, oauthServer: portal.oauthServer, allowInsecureHttp: true, accessToken: portal.accessToken, refreshToken: portal.refreshToken, clientId: o.clientId, clientSecret: o.clientSecret });
      const c: TestClient = createClient<TestMethods, TestMethodsV3>({ auth, allowInsecureHttp: true, rateLimit: false } as ClientOptions, generatedBits);
      for (let i = 0; i < 40; i++) {
        portal.expireAccessToken();
        await c.call('user.current');
      }
      expect(portal.counters.refreshes).toBe(40);
      const kept = [...auth.secrets()];
      expect(kept.length).toBeLessThanOrEqual(10);
      expect(kept).toContain(o.clientSecret);
      expect(kept).toContain(portal.accessToken);
      expect(kept).toContain(portal.refreshToken);
    } finally {
      await portal.close();
    }
  });
});

describe('inspect, JSON and toString hold no secret', () => {
  it('of the client, its auth providers and config errors', () => {
    const code = 'whcode0123456789';
    const oauth = { accessToken: 'access0123456789', refreshToken: 'refresh0123456789', clientId: 'app.1', clientSecret: 'secret0123456789' };
    const providers = [webhookAuth(`https://p.example/rest/1/${code}/`), oauthAuth({ portal: 'p.example', ...oauth })];
    const clients = [
      createClient({ webhookUrl: `https://p.example/rest/1/${code}/` }),
      createClient({ portal: 'p.example', oauth }),
      ...providers.map((auth) => createClient({ auth })),
    ];
    const texts = [...clients, ...providers].flatMap((x) => [inspect(x, { depth: 9, showHidden: true }), JSON.stringify(x), String(x), `${x}`]);
    for (const t of texts) for (const s of [code, ...Object.values(oauth).filter((v) => v !== 'app.1')]) expect(t).not.toContain(s);
    expect(String(clients[0])).toBe('[B24Client webhook]');
    const bad = [
      () => createClient({ webhookUrl: `https://p.example/rest/x/${code}/` }),
      () => createClient({ portal: 'p.example', oauth: { ...oauth, clientSecret: '' } }),
      () => createClient({ webhookUrl: `https://p.example/rest/1/${code}/`, timeout: -1 }),
    ];
    for (const make of bad) {
      const err = thrown(make);
      expect(err).toBeInstanceOf(B24ConfigError);
      for (const s of [code, oauth.accessToken, oauth.refreshToken, oauth.clientSecret]) expect(dump(err)).not.toContain(s);
    }
  });
});

describe('where tokens travel', () => {
  it('OAuth: `auth` in the JSON body (v2), plus `Authorization: Bearer` on REST 3.0; never in a URL', async () => {
    const rec = await Recorder.start();
    try {
      const token = 'access0token0travels';
      const c: TestClient = createClient<TestMethods, TestMethodsV3>(
        { portal: rec.url, allowInsecureHttp: true, rateLimit: false, oauth: { accessToken: token, refreshToken: 'refresh0token0stays', clientId: 'app.1', clientSecret: 'secret0stays0home' } } as ClientOptions,
        generatedBits,
      );
      await c.call('user.current');
      await c.v3.call('tasks.task.get', { id: 1 });
      const [v2, v3] = rec.requests;
      expect(v2).toMatchObject({ method: 'POST', url: '/rest/user.current' });
      expect(JSON.parse(v2!.body)).toEqual({ auth: token });
      expect(v2!.headers['authorization']).toBeUndefined();
      expect(v3).toMatchObject({ method: 'POST', url: '/rest/api/tasks.task.get' });
      expect(v3!.headers['authorization']).toBe(`Bearer ${token}`);
      expect(JSON.parse(v3!.body)).toEqual({ id: 1, auth: token }); // as the REST 3.0 page documents
      for (const r of rec.requests) expect(r.url).not.toContain(token);
      expect(rec.dump).not.toMatch(/refresh0token0stays|secret0stays0home/);
    } finally {
      await rec.close();
    }
  });
  it('webhook: the code only in the URL path (the protocol puts it there), no auth header', async () => {
    const rec = await Recorder.start();
    try {
      const c: TestClient = createClient<TestMethods, TestMethodsV3>({ webhookUrl: `${rec.url}/rest/7/whcode0123456789/`, allowInsecureHttp: true, rateLimit: false } as ClientOptions, generatedBits);
      await c.call('user.current');
      await c.v3.call('tasks.task.get', { id: 1 });
      expect(rec.requests.map((r) => r.url)).toEqual(['/rest/7/whcode0123456789/user.current', '/rest/api/7/whcode0123456789/tasks.task.get']);
      expect(rec.requests.map((r) => r.headers['authorization'])).toEqual([undefined, undefined]);
      expect(rec.requests.map((r) => r.body)).toEqual(['{}', '{"id":1}']);
    } finally {
      await rec.close();
    }
  });
});
