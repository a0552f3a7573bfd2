// Auth of an app page inside a Bitrix24 frame (placements, the app's main page): BX24.js
// (sdk/bx24-js-sdk/system-functions) hands the page the current user's OAuth token and the portal's
// domain, and renews the token through the parent frame. No client secret ever reaches the browser.
import { B24AuthRefreshError, configError } from '../errors.js';
import type { AuthProvider, AuthTarget } from './provider.js';
import type { Flight } from './single-flight.js';

/** What `BX24.getAuth()` returns, and `BX24.refreshAuth` passes to its callback (bx24-get-auth.md). */
export interface BX24AuthData {
  access_token: string;
  refresh_token: string;
  /** The portal's host, without ports 80 and 443 (`mycompany.bitrix24.com`). */
  domain: string;
  member_id: string;
  /** When the token expires, in ms since the epoch (documented as a date). */
  expires_in: number;
}

/** The part of BX24.js the provider uses; pass the page's `BX24` after `BX24.init` called back. */
export interface FrameBX24 {
  /** `false` before `BX24.init` and after the token expired. */
  getAuth(): BX24AuthData | false;
  refreshAuth(callback: (auth: BX24AuthData) => void): unknown;
}

export interface FrameAuthOptions {
  /** `'https'` (default). `'http'` only for a local portal, with the client's `allowInsecureHttp`. */
  protocol?: 'https' | 'http' | undefined;
  /** How long to wait for `BX24.refreshAuth` to call back, ms (default 30 000). */
  refreshTimeout?: number | undefined;
}

/** A token that is there, not known stale, and not past its expiry (a date in ms, bx24-get-auth.md; not a duration). */
const live = (a: unknown, stale: Set<string>): a is BX24AuthData => {
  const x = a as BX24AuthData | false | undefined;
  return !!x && !!x.access_token && !stale.has(x.access_token) && !(x.expires_in > 1e12 && x.expires_in <= Date.now());
};

/**
 * An {@link AuthProvider} from BX24.js: every call uses the token `BX24.getAuth()` gives now (BX24
 * may renew it on its own) and the portal's `domain`; after `expired_token`, `BX24.refreshAuth` runs
 * once for all waiting calls (single-flight.ts), which then retry with the new token.
 */
export function createFrameAuth(bx24: FrameBX24, options: FrameAuthOptions = {}): AuthProvider {
  if (typeof bx24?.getAuth != 'function' || typeof bx24.refreshAuth != 'function')
    throw configError("createFrameAuth: pass the page's BX24 (BX24.js)");
  /** Tokens handed out, newest last (bounded): for scrubbing errors and logs. */
  const seen: string[] = [];
  /** Tokens a call found expired: BX24.getAuth() may still return one until it is renewed. */
  const stale = new Set<string>();
  let fresh: BX24AuthData | undefined; // the last refreshAuth answer, should getAuth lag behind it
  const note = (a: BX24AuthData) => {
    for (const s of [a.access_token, a.refresh_token]) if (s && !seen.includes(s) && seen.push(s) > 32) seen.shift();
    return a;
  };
  const fail = (why: string) => new B24AuthRefreshError('AUTH_REFRESH_FAILED', why, 'auth', 'BX24.refreshAuth');
  const renew = () =>
    new Promise<void>((resolve, reject) => bx24.refreshAuth((a) => (live(a, stale) ? ((fresh = note(a)), resolve()) : reject(fail('no new token')))));
  // The single flight loads on the first renewal (as OAuth's refresh does): most page views need none.
  let flight: Promise<Flight> | undefined;
  const join = async (signal?: AbortSignal) => {
    flight ??= import('./single-flight.js').then(
      (m) => m.singleFlight(renew, { timeout: options.refreshTimeout ?? 30_000, timedOut: () => fail('no answer; call after BX24.init') }),
      (e) => ((flight = undefined), Promise.reject(e)),
    );
    return (await flight).join(signal);
  };
  const target = (a: BX24AuthData): AuthTarget => {
    // The domain comes without a scheme; anything but host[:port] would move the token elsewhere.
    if (typeof a.domain != 'string' || !/^[^/?#@\s\\:]+(:\d+)?$/.test(a.domain)) throw configError('BX24.getAuth(): domain is not a host');
    return { origin: `${options.protocol ?? 'https'}://${a.domain}`, accessToken: a.access_token };
  };
  return {
    kind: 'frame',
    async current() {
      const now = bx24.getAuth();
      if (live(now, stale)) return target(note(now));
      if (!live(fresh, stale)) await join(); // expired (getAuth gives false): BX24 renews on refreshAuth
      return target(fresh!);
    },
    refresh(old, signal) {
      if (old.accessToken) stale.add(old.accessToken);
      // Renewed meanwhile (by another caller, or by BX24 itself): the caller just retries.
      return live(bx24.getAuth(), stale) || live(fresh, stale) ? Promise.resolve() : join(signal);
    },
    secrets: () => seen,
  };
}
