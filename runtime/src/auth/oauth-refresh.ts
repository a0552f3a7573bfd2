// The OAuth refresh, loaded on the first `expired_token`. Runtime imports: single-flight.ts only
// (errors and the body reader come through the state, so no module is shared with the entry chunk).
import type { OAuthState, OAuthTokens } from './oauth.js';
import { singleFlight, until } from './single-flight.js';

/** Connection failures that mean the request never left: the refresh token is still unused. */
const NOT_SENT = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|UND_ERR_CONNECT_TIMEOUT|ERR_TLS|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO)/;
/** A token that can go into a JSON body and an Authorization header: printable ASCII, no spaces. */
const TOKEN = /^[\x21-\x7e]{1,4096}$/;

/** How many received tokens are kept for scrubbing: the newest pairs (older ones no longer work anyway). */
const KEEP = 6;

/** Adopts a pair: current from now on, remembered (bounded) for scrubbing. */
function take(s: OAuthState, t: OAuthTokens): void {
  s.token = t.accessToken;
  s.refreshToken = t.refreshToken;
  for (const x of [t.accessToken, t.refreshToken]) if (!s.seen.includes(x) && s.seen.push(x) > KEEP) s.seen.shift();
}
const usable = (t: OAuthTokens | undefined): t is OAuthTokens => !!t && TOKEN.test(t.accessToken) && TOKEN.test(t.refreshToken);
const logTo = (s: OAuthState) => (line: string) => s.o.logger?.(s.scrub(line));

/** The first tokens of a provider with a store and no tokens of its own (one load for all callers). */
export function load(s: OAuthState): Promise<void> {
  return (s.loading ??= Promise.resolve(s.o.store!.load())
    .then((t) => {
      if (!usable(t)) throw new s.E.Reauth('REAUTHORIZATION_REQUIRED', 'the token store holds no tokens: authorise the app first', 'auth', 'oauth/token');
      if (!s.token) take(s, t);
    })
    .finally(() => (s.loading = undefined)));
}

/** Joins the refresh in flight (one for all callers), or starts one; `signal` ends only this caller's wait. */
export async function refresh(s: OAuthState, signal?: AbortSignal): Promise<void> {
  // While the refresh token is known dead, the back-off would hand every caller the same report for
  // up to a minute; new tokens in the store (the app authorised again) end it at once. One load for all.
  if (s.reauth && s.o.store && (await until((s.adopting ??= adopt(s).finally(() => (s.adopting = undefined))), signal))) {
    s.flight = undefined; // the failure it remembers was about the dead token
    return;
  }
  return (s.flight ??= singleFlight(() => run(s))).join(signal);
}

/** Takes the store's pair when it is usable and not the one in use: true if it did. */
async function adopt(s: OAuthState): Promise<boolean> {
  const ms = s.o.refreshTimeout ?? 30_000;
  const t = await bounded(() => s.o.store!.load(), ms, () => logTo(s)(`b24: token store load did not settle in ${ms} ms`));
  if (!usable(t) || t.accessToken === s.token) return false;
  take(s, t);
  s.lost = false;
  s.reauth = undefined;
  return true;
}

/** Waits for `p` at most `ms`; `late` runs if it did not settle by then (the result is then ignored). */
async function bounded<T>(p: () => T | Promise<T>, ms: number, late: () => void): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      Promise.resolve().then(p),
      new Promise<undefined>((ok) => (timer = setTimeout(() => (late(), ok(undefined)), Math.min(ms, 2 ** 31 - 1)))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function run(s: OAuthState): Promise<void> {
  const o = s.o;
  const log = logTo(s);
  const ms = o.refreshTimeout ?? 30_000;
  const fail = (code: string, desc: string, status?: number) => new s.E.Fail(s.scrub(code), s.scrub(desc), 'auth', 'oauth/token', status || undefined);
  // A store may hold newer tokens: another process refreshed, or the app was authorised again.
  if (o.store && (await adopt(s))) return;
  if (s.reauth) throw s.reauth; // the same report, without sending a refresh token known to be dead
  const signal = AbortSignal.timeout(Math.min(ms, 2 ** 31 - 1));
  const url = new URL(s.server);
  // The documented refresh (settings/oauth/auto-renewal.md): a GET with the credentials in the query,
  // sent only to the OAuth server; URLs are never logged unredacted.
  for (const [k, v] of Object.entries({ grant_type: 'refresh_token', client_id: o.clientId, client_secret: o.clientSecret, refresh_token: s.refreshToken! }))
    url.searchParams.set(k, v);
  let lostWhy = '';
  for (let attempt = 0; ; attempt++) {
    let status = 0;
    let data: any;
    try {
      const res = await (o.fetch ?? fetch)(url, { redirect: 'manual', signal, headers: { accept: 'application/json' } });
      status = res.status;
      if ((status > 299 && status < 400) || res.type == 'opaqueredirect') {
        void res.body?.cancel().catch(() => {});
        let to = '';
        try {
          to = ' to ' + new URL(res.headers.get('location')!, url).origin;
        } catch {}
        throw fail('REDIRECT', `the OAuth server answered ${status || 'a redirect'}${to}: redirects are not followed`, status);
      }
      data = await s.read(res, o.maxResponseBytes ?? 64 * 2 ** 20, 'oauth/token');
    } catch (e: any) {
      if (e instanceof s.E.Fail) throw e;
      if (typeof e?.errorClass == 'string') throw fail(e.code, e.description, status); // too large / too deep
      const why = signal.aborted ? `no answer in ${ms} ms` : String(e?.message ?? e) + (e?.cause?.code ? ` (${e.cause.code})` : '');
      if (!status && NOT_SENT.test(e?.cause?.code ?? '')) throw fail('AUTH_REFRESH_FAILED', 'token refresh failed: ' + why);
      lostWhy = why;
    }
    const ok = status > 199 && status < 300;
    if (!lostWhy && ok && (!data || typeof data != 'object')) lostWhy = 'invalid or truncated JSON';
    if (lostWhy) {
      // Sent, answer lost: the server may have rotated the tokens. One more try tells: the same
      // refresh token works (it had not), or is refused (it had: see below).
      s.lost = true;
      log(`b24: oauth refresh answer lost: ${lostWhy}`);
      if (attempt || signal.aborted) throw fail('AUTH_REFRESH_FAILED', `token refresh answer lost (${lostWhy}); if the next refresh is refused, authorise the app again`);
      lostWhy = '';
      continue;
    }
    if (ok && TOKEN.test(data.access_token) && TOKEN.test(data.refresh_token)) {
      const t: OAuthTokens = { accessToken: data.access_token, refreshToken: data.refresh_token, expiresIn: data.expires_in, memberId: data.member_id, clientEndpoint: data.client_endpoint };
      take(s, t);
      s.lost = false;
      log('b24: oauth tokens refreshed');
      // The calls go on with the new tokens even if persisting them hangs; only received tokens are passed.
      for (const [what, save] of [['onTokens', o.onTokens], ['store.save', o.store && ((x: OAuthTokens) => o.store!.save(x))]] as const)
        if (save)
          await bounded(() => save(t), ms, () => log(`b24: ${what} did not settle in ${ms} ms; calls go on with the new tokens`)).catch((e) =>
            log(`b24: ${what} threw: ${String(e?.message ?? e)}`),
          );
      return;
    }
    const code = String((data && data.error) || (ok ? 'AUTH_REFRESH_FAILED' : `HTTP_${status}`));
    const desc = String((data && data.error_description) || (ok ? 'the answer has no usable access_token and refresh_token' : 'token refresh refused'));
    if (s.lost && code === 'invalid_grant')
      throw (s.reauth = new s.E.Reauth(
        'REAUTHORIZATION_REQUIRED',
        'the refresh token was refused after a refresh whose answer was lost (the server rotated it): authorise the app again',
        'auth',
        'oauth/token',
        status,
      ));
    throw fail(code, desc, status);
  }
}
