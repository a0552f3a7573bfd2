// Auth of an OAuth application holding its tokens: in memory (`accessToken`/`refreshToken`,
// `onTokens` to persist refreshed ones) or in a token store shared by server processes. The refresh
// HTTP part (oauth-refresh.ts) loads on the first `expired_token`, so webhook apps and short
// sessions never ship it; its state lives here.
import { B24AuthError, B24AuthRefreshError, configError } from '../errors.js';
import { opaque, scrub } from '../redact.js';
import { readJson } from '../transport.js';
import { originOf } from './origin.js';
import type { AuthProvider, AuthTarget } from './provider.js';
import type { Flight } from './single-flight.js';

export interface OAuthTokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds, as sent by the OAuth server. */
  expiresIn?: number | undefined;
  memberId?: string | undefined;
  clientEndpoint?: string | undefined;
}

/** Where a server app keeps an app's tokens (a database row, a file, Redis), shared by its processes. */
export interface TokenStore {
  /** The current pair; `undefined` if none was saved. Read first, and again before each refresh. */
  load(): OAuthTokens | undefined | Promise<OAuthTokens | undefined>;
  /** Persists a refreshed pair; awaited (at most `refreshTimeout`) before waiting calls are retried. */
  save(tokens: OAuthTokens): void | Promise<void>;
}

interface OAuthApp {
  clientId: string;
  clientSecret: string;
  /** Persist the new pair here (awaited, at most `refreshTimeout`, before waiting calls are retried). */
  onTokens?: ((tokens: OAuthTokens) => void | Promise<void>) | undefined;
  /** Bound of one refresh (the HTTP request, and apart from it `onTokens` / `store.save`), ms; default 30 000. */
  refreshTimeout?: number | undefined;
}
export type OAuthOptions = OAuthApp &
  (
    | { accessToken: string; refreshToken: string; store?: TokenStore | undefined }
    | { /** Tokens come from the store. */ store: TokenStore; accessToken?: undefined; refreshToken?: undefined }
  );
export type OAuthAuthOptions = OAuthOptions & {
  /** `example.bitrix24.com` or `https://example.bitrix24.com`. */
  portal: string;
  /** Default https://oauth.bitrix.info/oauth/token/ */
  oauthServer?: string | undefined;
  allowInsecureHttp?: boolean | undefined;
  /** The fetch of the refresh (default: the global one). */
  fetch?: typeof fetch | undefined;
  logger?: ((line: string) => void) | undefined;
  /** Largest refresh answer read, bytes (default 64 MiB). */
  maxResponseBytes?: number | undefined;
};
export const OAUTH_SERVER = 'https://oauth.bitrix.info/oauth/token/';

/** The provider's state, shared with the lazily loaded part (oauth-refresh.ts: store, refresh). */
export interface OAuthState {
  o: OAuthAuthOptions;
  server: string;
  token?: string | undefined;
  refreshToken?: string | undefined;
  /** Tokens received since, newest last (at most KEEP), for scrubbing. */
  seen: string[];
  secrets(): string[];
  scrub(x: string): string;
  read: typeof readJson;
  /** Passed in, so the lazy chunk does not pull errors.ts into a shared chunk. */
  E: { Fail: typeof B24AuthRefreshError; Reauth: typeof B24AuthError };
  flight?: Flight | undefined;
  loading?: Promise<void> | undefined;
  /** A look into the store for new tokens while re-authorisation is required (one for all callers). */
  adopting?: Promise<boolean> | undefined;
  /** A refresh was sent and its answer lost: the portal may have rotated the refresh token. */
  lost?: boolean;
  /** Set once the portal refused the refresh token after a lost answer; cleared by new tokens from the store. */
  reauth?: B24AuthError | undefined;
}

/** An {@link AuthProvider} for an OAuth app: tokens in memory, or in a {@link TokenStore}. */
export function oauthAuth(o: OAuthAuthOptions): AuthProvider {
  const str = (x: unknown) => !!x && typeof x == 'string';
  if (!o || !str(o.clientId) || !str(o.clientSecret) || !(o.store || (str(o.accessToken) && str(o.refreshToken))))
    throw configError('oauth needs clientId and clientSecret, and accessToken and refreshToken or a store');
  const p = String(o.portal ?? '').trim().replace(/\/+$/, '');
  const origin = originOf(/^[a-z]+:\/\//i.test(p) ? p : 'https://' + p, 'portal', o.allowInsecureHttp);
  const server = o.oauthServer ?? OAUTH_SERVER;
  originOf(server, 'oauthServer', o.allowInsecureHttp);
  const s: OAuthState = {
    o, server, token: o.accessToken, refreshToken: o.refreshToken, seen: [], read: readJson, E: { Fail: B24AuthRefreshError, Reauth: B24AuthError },
    secrets: () => [o.clientSecret, ...(o.accessToken ? [o.accessToken, o.refreshToken!] : []), ...s.seen],
    scrub: (x) => scrub(x, s.secrets()),
  };
  const lazy = () => import('./oauth-refresh.js');
  const target = (): AuthTarget => ({ origin, accessToken: s.token! });
  return opaque(
    {
      kind: 'oauth',
      id: origin + '#' + o.clientId,
      current: () => (s.token ? target() : lazy().then((m) => m.load(s)).then(target)),
      // Another caller's refresh already replaced `stale`: nothing to do but retry.
      refresh: async (stale: AuthTarget, signal?: AbortSignal) => {
        if (stale.accessToken === s.token) await (await lazy()).refresh(s, signal);
      },
      secrets: s.secrets,
    },
    'oauth auth',
  );
}
