import type { KyInstance } from 'ky';
import type { B24AuthRefreshError } from './errors.js';

export interface OAuthTokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds, as sent by the OAuth server. */
  expiresIn?: number | undefined;
  memberId?: string | undefined;
  clientEndpoint?: string | undefined;
}
export interface OAuthOptions {
  accessToken: string;
  refreshToken: string;
  clientId: string;
  clientSecret: string;
  /** Persist the new pair here; awaited before waiting calls are retried. */
  onTokens?: ((tokens: OAuthTokens) => void | Promise<void>) | undefined;
}
export const OAUTH_SERVER = 'https://oauth.bitrix.info/oauth/token/';

export interface OAuthSession {
  readonly token: string;
  /** Refreshes once for all callers that saw `stale` expire; later callers reuse the result. */
  refresh(stale: string): Promise<void>;
}

export interface RefreshContext {
  options: OAuthOptions;
  http: KyInstance;
  server: string;
  timeout: number;
  secrets: Set<string>;
  scrub(s: string): string;
  log?: ((line: string) => void) | undefined;
  /** B24AuthRefreshError, passed in so the lazy chunk does not pull errors.ts into a shared chunk. */
  Fail: typeof B24AuthRefreshError;
}

/**
 * Token state and single-flight refresh. The HTTP part (oauth-refresh.ts) loads on the first
 * `expired_token`, so webhook apps and short sessions never ship it.
 */
export function createOAuthSession(ctx: RefreshContext): OAuthSession {
  const t = { token: ctx.options.accessToken, refreshToken: ctx.options.refreshToken };
  let inflight: Promise<void> | undefined;
  return {
    get token() {
      return t.token;
    },
    refresh(stale) {
      if (stale !== t.token) return Promise.resolve();
      return (inflight ??= import('./oauth-refresh.js').then((m) => m.refresh(ctx, t)).finally(() => (inflight = undefined)));
    },
  };
}
