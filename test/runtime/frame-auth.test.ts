// createFrameAuth against a BX24 object shaped as sdk/bx24-js-sdk/system-functions documents it
// (getAuth → the auth data or false, refreshAuth(callback)). The real-browser run is test/browser/.
import { describe, expect, it } from 'vitest';
import { createFrameAuth, type BX24AuthData, type FrameBX24 } from '../../runtime/src/auth/frame.js';
import { B24AuthRefreshError, B24ConfigError } from '../../runtime/src/errors.js';

/** A BX24 whose parent frame answers refreshAuth after `delay` ms with the next token. */
function fakeBX24(o: { domain?: string; delay?: number; expired?: boolean; answer?: boolean } = {}) {
  let n = 0;
  const auth = (): BX24AuthData => ({ access_token: `acc${n}`, refresh_token: `ref${n}`, domain: o.domain ?? 'portal.example.com', member_id: 'm1', expires_in: Date.now() + 3_600_000 });
  let current: BX24AuthData | false = o.expired ? false : auth();
  const bx: FrameBX24 & { refreshes: number } = {
    refreshes: 0,
    getAuth: () => current,
    refreshAuth(cb) {
      bx.refreshes++;
      if (o.answer === false) return;
      setTimeout(() => {
        n++;
        cb((current = auth()));
      }, o.delay ?? 5);
    },
  };
  return bx;
}

describe('createFrameAuth', () => {
  it('sends the current token to https://domain', async () => {
    const p = createFrameAuth(fakeBX24());
    expect(p.kind).toBe('frame');
    expect(await p.current()).toEqual({ origin: 'https://portal.example.com', accessToken: 'acc0' });
    expect([...p.secrets()]).toEqual(['acc0', 'ref0']);
  });

  it('refreshes once for every caller that saw the same token expire', async () => {
    const bx = fakeBX24({ delay: 20 });
    const p = createFrameAuth(bx);
    const stale = await p.current();
    await Promise.all(Array.from({ length: 10 }, () => p.refresh!(stale)));
    expect(bx.refreshes).toBe(1);
    expect((await p.current()).accessToken).toBe('acc1');
    // A caller that reports the old token after the refresh only retries.
    await p.refresh!(stale);
    expect(bx.refreshes).toBe(1);
    expect([...p.secrets()]).toEqual(['acc0', 'ref0', 'acc1', 'ref1']);
  });

  it('getAuth() false (expired, BX24.getAuth docs): renews before the call', async () => {
    const bx = fakeBX24({ expired: true });
    const p = createFrameAuth(bx);
    const [a, b] = await Promise.all([p.current(), p.current()]);
    expect(a.accessToken).toBe('acc1');
    expect(b.accessToken).toBe('acc1');
    expect(bx.refreshes).toBe(1);
  });

  it('expires_in in the past: renews before sending', async () => {
    const bx = fakeBX24();
    const p = createFrameAuth({ getAuth: () => ({ ...(bx.getAuth() as BX24AuthData), expires_in: Date.now() - 1 }), refreshAuth: (cb) => bx.refreshAuth(cb) });
    expect((await p.current()).accessToken).toBe('acc1');
  });

  it('expires_in as a duration (3600) is not read as a past date', async () => {
    const bx = fakeBX24();
    const p = createFrameAuth({ getAuth: () => ({ ...(bx.getAuth() as BX24AuthData), expires_in: 3600 }), refreshAuth: (cb) => bx.refreshAuth(cb) });
    expect((await p.current()).accessToken).toBe('acc0');
    expect(bx.refreshes).toBe(0);
  });

  it("a caller's signal ends only its own wait", async () => {
    const bx = fakeBX24({ delay: 50 });
    const p = createFrameAuth(bx);
    const stale = await p.current();
    const ctl = new AbortController();
    const mine = p.refresh!(stale, ctl.signal);
    const other = p.refresh!(stale);
    ctl.abort(new Error('mine'));
    await expect(mine).rejects.toThrow('mine');
    await other;
    expect(bx.refreshes).toBe(1);
    expect((await p.current()).accessToken).toBe('acc1');
  });

  it('no answer from refreshAuth: a typed error after refreshTimeout, naming no token', async () => {
    const p = createFrameAuth(fakeBX24({ answer: false }), { refreshTimeout: 30 });
    const e = await p.refresh!(await p.current()).catch((x) => x);
    expect(e).toBeInstanceOf(B24AuthRefreshError);
    expect(e.code).toBe('AUTH_REFRESH_FAILED');
    expect(JSON.stringify(e) + e.stack).not.toMatch(/acc0|ref0/);
  });

  it('bad input: no BX24, a domain that is not a host', async () => {
    expect(() => createFrameAuth(undefined as never)).toThrow(B24ConfigError);
    for (const domain of ['evil.com/x', 'user@evil.com', 'a b', '', 'host:port'])
      await expect(createFrameAuth(fakeBX24({ domain })).current(), domain).rejects.toThrow(B24ConfigError);
    expect((await createFrameAuth(fakeBX24({ domain: 'portal.local:8443' })).current()).origin).toBe('https://portal.local:8443');
    expect((await createFrameAuth(fakeBX24({ domain: '127.0.0.1:81' }), { protocol: 'http' }).current()).origin).toBe('http://127.0.0.1:81');
  });
});
