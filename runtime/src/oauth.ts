import type { KyInstance } from 'ky';
import { B24AuthRefreshError } from './errors.js';

export interface OAuthTokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds, as sent by the OAuth server. */
  expiresIn?: number;
  memberId?: string;
  clientEndpoint?: string;
}
export interface OAuthOptions {
  accessToken: string;
  refreshToken: string;
  clientId: string;
  clientSecret: string;
  /** Persist the new pair here; awaited before waiting calls are retried. */
  onTokens?: (tokens: OAuthTokens) => void | Promise<void>;
}
export const OAUTH_SERVER = 'https://oauth.bitrix.info/oauth/token/';

export interface OAuthSession {
  readonly token: string;
  /** Refreshes once for all callers that saw `stale` expire; later callers reuse the result. */
  refresh(stale: string): Promise<void>;
}

export function createOAuthSession(
  o: OAuthOptions,
  http: KyInstance,
  server: string,
  secrets: Set<string>,
  timeout: number,
  scrub: (s: string) => string,
  log?: (line: string) => void,
): OAuthSession {
  let token = o.accessToken;
  let refreshToken = o.refreshToken;
  let inflight: Promise<void> | undefined;
  const fail = (code: string, desc: string, status?: number) =>
    new B24AuthRefreshError(code, scrub(desc), 'auth', 'oauth/token', status);

  const run = async () => {
    let data: any;
    let status = 0;
    try {
      // The documented call: GET /oauth/token/?grant_type=refresh_token&client_id&client_secret&refresh_token
      const res = await http.get(server, {
        searchParams: { grant_type: 'refresh_token', client_id: o.clientId, client_secret: o.clientSecret, refresh_token: refreshToken },
        signal: AbortSignal.timeout(timeout),
      });
      status = res.status;
      data = JSON.parse(await res.text());
    } catch (e) {
      throw fail('AUTH_REFRESH_FAILED', 'token refresh failed: ' + String((e as Error)?.message ?? e), status || undefined);
    }
    if (typeof data?.access_token !== 'string' || typeof data.refresh_token !== 'string')
      throw fail(String(data?.error || 'AUTH_REFRESH_FAILED'), String(data?.error_description ?? 'token refresh refused'), status);
    secrets.add((token = data.access_token));
    secrets.add((refreshToken = data.refresh_token));
    log?.('b24: oauth tokens refreshed');
    try {
      await o.onTokens?.({ accessToken: token, refreshToken, expiresIn: data.expires_in, memberId: data.member_id, clientEndpoint: data.client_endpoint });
    } catch (e) {
      log?.(scrub('b24: onTokens threw: ' + String((e as Error)?.message ?? e)));
    }
  };

  return {
    get token() {
      return token;
    },
    refresh(stale) {
      if (stale !== token) return Promise.resolve();
      return (inflight ??= run().finally(() => (inflight = undefined)));
    },
  };
}
