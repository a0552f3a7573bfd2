import type { RefreshContext } from './oauth.js';

/** The documented refresh: GET {server}?grant_type=refresh_token&client_id&client_secret&refresh_token. */
export async function refresh(ctx: RefreshContext, t: { token: string; refreshToken: string }): Promise<void> {
  const o = ctx.options;
  const fail = (code: string, desc: string, status?: number) => new ctx.Fail(code, ctx.scrub(desc), 'auth', 'oauth/token', status);
  let data: any;
  let status = 0;
  try {
    const res = await ctx.http.get(ctx.server, {
      searchParams: { grant_type: 'refresh_token', client_id: o.clientId, client_secret: o.clientSecret, refresh_token: t.refreshToken },
      ...(ctx.timeout > 0 && ctx.timeout < 2 ** 31 ? { signal: AbortSignal.timeout(ctx.timeout) } : {}),
    });
    status = res.status;
    data = JSON.parse(await res.text());
  } catch (e) {
    throw fail('AUTH_REFRESH_FAILED', 'token refresh failed: ' + String((e as Error)?.message ?? e), status || undefined);
  }
  if (typeof data?.access_token !== 'string' || typeof data.refresh_token !== 'string')
    throw fail(String(data?.error || 'AUTH_REFRESH_FAILED'), String(data?.error_description ?? 'token refresh refused'), status);
  ctx.secrets.add((t.token = data.access_token));
  ctx.secrets.add((t.refreshToken = data.refresh_token));
  ctx.log?.('b24: oauth tokens refreshed');
  try {
    await o.onTokens?.({ accessToken: t.token, refreshToken: t.refreshToken, expiresIn: data.expires_in, memberId: data.member_id, clientEndpoint: data.client_endpoint });
  } catch (e) {
    ctx.log?.(ctx.scrub('b24: onTokens threw: ' + String((e as Error)?.message ?? e)));
  }
}
