/**
 * Issue 14.1 / 11 "Credentials never leave their origin": a portal (or the OAuth server) that
 * answers 301/302/303/307/308 must never make the client send the webhook code, a token or a POST
 * body anywhere else. The client follows no redirect at all: a 3xx is a typed `REDIRECT` error.
 * Each status is tried against a second local server that records what it receives: nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspect } from 'node:util';
import { B24AuthRefreshError, B24ResponseError, createClient, type ClientOptions } from '@b24gen/runtime';
import { Recorder, tlsFront } from '../fake-portal/recorder.js';
import { FakePortal } from '../fake-portal/server.js';
import { generatedBits, rejection, withPortal, type TestClient, type TestMethods, type TestMethodsV3 } from './helpers.js';

const STATUSES = [301, 302, 303, 307, 308] as const;
const dump = (e: any) => [e.message, String(e), e.stack, JSON.stringify(e), inspect(e)].join('\n');

let other: Recorder;
beforeAll(async () => void (other = await Recorder.start('localhost'))); // another host: another origin
afterAll(() => other.close());

describe('a 3xx from the portal is an error; the other origin receives nothing', () => {
  for (const status of STATUSES)
    it(`${status}: webhook, OAuth (v2 body token) and OAuth v3 (Bearer) calls`, async () => {
      const { portal, webhook, oauth } = await withPortal();
      const before = other.requests.length;
      try {
        const code = portal.opts.webhook.code;
        const cases: [string, TestClient, boolean][] = [['webhook', webhook(), false], ['oauth', oauth(), false], ['oauth v3', oauth(), true]];
        for (const [who, c, v3] of cases) {
          const location = `${other.url}/rest/${v3 ? 'api/' : ''}1/${code}/${v3 ? 'tasks.task.add' : 'crm.deal.add'}`;
          portal.fault({ kind: 'redirect', status, location });
          const e = await rejection(v3 ? c.v3.call('tasks.task.add', { fields: { title: 'body' } }) : c.call('crm.deal.add', { fields: { TITLE: 'body' } }));
          expect(e, who).toBeInstanceOf(B24ResponseError);
          expect(e, who).toMatchObject({ code: 'REDIRECT', httpStatus: status, errorClass: 'permanent' });
          expect(e.description, who).toContain(other.url); // where it wanted to send us, origin only
          for (const s of [code, portal.accessToken]) expect(dump(e), who).not.toContain(s);
        }
        expect(other.requests.slice(before)).toEqual([]);
        expect(portal.counters.executed['crm.deal.add'] ?? 0).toBe(0);
        expect(portal.counters.statuses[status]).toBe(3); // not retried: the answer would not change
      } finally {
        await portal.close();
      }
    });

  for (const status of STATUSES)
    it(`${status} from the OAuth server: a B24AuthRefreshError, no token or client secret sent elsewhere`, async () => {
      const { portal, oauth } = await withPortal();
      const before = other.requests.length;
      try {
        const c = oauth();
        portal.expireAccessToken();
        portal.refreshFault({ kind: 'redirect', status, location: `${other.url}/oauth/token/` });
        const e = await rejection(c.call('user.current'));
        expect(e).toBeInstanceOf(B24AuthRefreshError);
        expect(e).toMatchObject({ code: 'REDIRECT', httpStatus: status });
        expect(other.requests.slice(before)).toEqual([]);
        const o = portal.opts.oauth;
        for (const s of [o.clientSecret, o.refreshToken]) expect(dump(e)).not.toContain(s);
      } finally {
        await portal.close();
      }
    });
});

describe('https → http: a portal on TLS redirecting to a plain-http origin', () => {
  it('neither the call nor the refresh follows it; the http server receives nothing', async () => {
    const portal = await FakePortal.start();
    const front = await tlsFront(portal.url);
    const plain = await Recorder.start(); // http://127.0.0.1:<other port>
    // The self-signed certificate of this run; only this test file's worker accepts it.
    const saved = process.env['NODE_TLS_REJECT_UNAUTHORIZED'];
    process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = '0';
    try {
      const code = portal.opts.webhook.code;
      const o = portal.opts.oauth;
      const common = { rateLimit: false, retry: { limit: 0 } } as const;
      const webhook: TestClient = createClient<TestMethods, TestMethodsV3>({ ...common, webhookUrl: `${front.url}/rest/1/${code}/` } as ClientOptions, generatedBits);
      const oauth = (): TestClient =>
        createClient<TestMethods, TestMethodsV3>(
          { ...common, portal: front.url, oauthServer: `${front.url}/oauth/token/`, oauth: { accessToken: portal.accessToken, refreshToken: portal.refreshToken, clientId: o.clientId, clientSecret: o.clientSecret } } as ClientOptions,
          generatedBits,
        );
      expect(await webhook.call('user.current')).toMatchObject({ ID: '1' }); // TLS works
      for (const status of STATUSES) {
        portal.fault({ kind: 'redirect', status, location: `${plain.url}/rest/1/${code}/crm.deal.add` });
        expect(await rejection(webhook.call('crm.deal.add', { fields: { TITLE: 'x' } }))).toMatchObject({ code: 'REDIRECT', httpStatus: status });
        portal.fault({ kind: 'redirect', status, location: `${plain.url}/rest/crm.deal.add` });
        expect(await rejection(oauth().call('crm.deal.add', { fields: { TITLE: 'x' } }))).toMatchObject({ code: 'REDIRECT', httpStatus: status });
        const stale = oauth();
        portal.expireAccessToken();
        portal.refreshFault({ kind: 'redirect', status, location: `${plain.url}/oauth/token/` });
        expect(await rejection(stale.call('user.current', {}))).toMatchObject({ code: 'REDIRECT', httpStatus: status });
      }
      expect(plain.requests).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env['NODE_TLS_REJECT_UNAUTHORIZED'];
      else process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = saved;
      await plain.close();
      await front.close();
      await portal.close();
    }
  }, 30_000);
});
