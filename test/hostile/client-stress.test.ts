/**
 * The vitest version of `npm run stress`: ~1,000 calls from 50 concurrent callers under injected
 * faults. Stalls are scaled down: a 1.5 s per-call deadline against 3 s stalls (the big run uses
 * 5 s against 30 s; a 200 ms deadline is too tight on a loaded 2-core machine). Plus: plain http://
 * is refused without `allowInsecureHttp`, and protocol-contradicting 200s are errors, never data.
 */
import { B24ConfigError, B24ResponseError, createClient } from '@b24gen/runtime';
import { describe, expect, it } from 'vitest';
import { rejection, thrown, withPortal } from '../runtime/helpers.js';
import { errorTexts, formatReport, runStress } from './client-stress-support.js';

describe('client under hostile conditions', () => {
  it('1,000 calls under faults: each settles once, typed errors, no duplicate write, no leak, flat heap', async () => {
    const r = await runStress({ calls: 1000, concurrency: 50, timeoutMs: 1500, stallMs: 3000, faultRate: 0.3, expiries: 3, seed: 20240601 });
    console.log(formatReport(r));
    expect(r.settledOnce).toBe(1000);
    expect(r.untypedRejections).toEqual([]);
    expect(r.badData).toEqual([]);
    expect(r.unhandledRejections).toBe(0);
    expect(r.writeDuplicates).toBe(0);
    expect(r.leaks).toEqual([]);
    expect(r.redirectLeaks).toBe(0);
    expect(r.polluted).toBe(false);
    expect(r.faultsInjected).toBeGreaterThan(100);
    expect(r.resolved).toBeGreaterThan(500);
    // 14.8: the refused call and the next one are typed at once; the second is not sent; others go on.
    expect(r.limits.codes).toEqual(['OPERATION_TIME_LIMIT', 'OPERATION_TIME_LIMIT']);
    expect(r.limits.settledMs).toBeLessThan(1000);
    expect(r.limits.sentAfterBlock).toBe(1);
    expect(r.limits.otherMethodOk).toBe(true);
    // Loose: without --expose-gc the samples are noisy; a leak of 1,000 calls' state would still show.
    expect(r.heapMB.at(-1)!).toBeLessThan(2 * Math.max(...r.heapMB.slice(1, 4)) + 64);
  }, 60_000);

  it('plain http:// portals and OAuth servers are refused unless the caller opts in', async () => {
    const oauth = { accessToken: 'a', refreshToken: 'r', clientId: 'c', clientSecret: 's3cr3t' };
    const cases = [
      () => createClient({ webhookUrl: 'http://x.bitrix24.com/rest/1/whcode123/' }),
      () => createClient({ webhookUrl: 'HTTP://x.bitrix24.com/rest/1/whcode123/' }),
      () => createClient({ portal: 'http://x.bitrix24.com', oauth }),
      () => createClient({ portal: 'https://x.bitrix24.com', oauth, oauthServer: 'http://oauth.example/token/' }),
    ];
    for (const make of cases) {
      const err = thrown(make);
      expect(err).toBeInstanceOf(B24ConfigError);
      for (const t of errorTexts(err)) expect(t).not.toMatch(/whcode123|s3cr3t/);
    }
    expect(() => createClient({ webhookUrl: 'http://x.bitrix24.com/rest/1/whcode123/', allowInsecureHttp: true })).not.toThrow();
    expect(() => createClient({ portal: 'http://x', oauth, oauthServer: 'http://o/t/', allowInsecureHttp: true })).not.toThrow();
  });

  it('a 200 that contradicts the protocol is an error, never data', async () => {
    const { portal, webhook } = await withPortal();
    const client = webhook({ retry: { limit: 0 } });
    try {
      for (const body of [
        '{"error":"ERROR_CORE","error_description":"boom"}',
        '{"error":{"code":"X","message":"v3 style"}}',
        '{"time":{"start":1}}',
        '{"result_error":"x"}',
        '[]',
        'null',
        '"result"',
        '',
        '{"result":1',
      ]) {
        portal.fault({ kind: 'raw', status: 200, body });
        const e = await rejection(client.call('user.current'));
        expect(e, body).toBeInstanceOf(B24ResponseError);
      }
    } finally {
      await portal.close();
    }
  });
});
