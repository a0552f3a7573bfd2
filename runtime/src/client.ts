import ky from 'ky';
import type {
  AnyMethods, ArgsOf, B24Invoker, CallOptions, CallResult, ErrorCodeOf, GeneratedBits, ItemOf, KnownMethod, MethodMap, MethodMeta,
  MethodName, ParamsOf,
} from './contract.js';
import { decodeWire, itemSpec, type MaybeDecoded } from './decode.js';
import { B24AbortError, B24AuthRefreshError, B24Error, B24ResponseError, B24TimeoutError, configError, withReason } from './errors.js';
import { methodKind } from './kind.js';
import { scrub as scrubWith } from './redact.js';
import { send, classifier, type Envelope, type Wire } from './transport.js';
import { createBucket, RATE_LIMIT_PRESETS, type RateLimitOptions } from './rate-limit.js';
import { createOperatingBudget } from './operating-budget.js';
import { backoff, DEFAULT_RETRY, mayRetry, sleep, type RetryOptions } from './retry.js';
import { createOAuthSession, OAUTH_SERVER, type OAuthOptions } from './oauth.js';
import type { Core } from './batch.js';

interface CommonOptions {
  /** Allow plain http:// portals / OAuth servers (tests, local installs). Off: secrets would travel in clear. */
  allowInsecureHttp?: boolean | undefined;
  /** Client-side leaky bucket; `false` disables it. Default 'standard' (50, 2 per s). */
  rateLimit?: keyof typeof RATE_LIMIT_PRESETS | RateLimitOptions | false | undefined;
  /** Default deadline per call in ms, queueing and retries included (default 60 000; 0 = none). */
  timeout?: number | undefined;
  retry?: Partial<RetryOptions> | undefined;
  /** Retry writes after errors that leave their outcome unknown (default false). */
  retryWrites?: boolean | undefined;
  /** Operating-time budget per method in seconds per window (default 480, limits.md). */
  operatingLimitSeconds?: number | undefined;
  /** Receives one line per request/retry; URLs and secrets are already redacted. */
  logger?: ((line: string) => void) | undefined;
  /** The fetch to send with (default: the global `fetch`, looked up per request). */
  fetch?: typeof fetch | undefined;
}
export type ClientOptions = CommonOptions &
  (
    | { /** `https://portal/rest/{userId}/{code}/` */ webhookUrl: string; portal?: never; oauth?: never; oauthServer?: never }
    | { portal: string; oauth: OAuthOptions; /** Default https://oauth.bitrix.info/oauth/token/ */ oauthServer?: string | undefined; webhookUrl?: never }
  );

/** A reference to an earlier command's result in a batch: `$result[name][item][id]`. */
export type BatchRef = `$result[${string}]${string}`;
/** Params of a batch command: any value may be a `$result[…]` reference to an earlier command's result. */
export type BatchParams<P> = P extends readonly (infer I)[]
  ? readonly BatchParams<I>[] | BatchRef
  : P extends object
    ? { [K in keyof P]: BatchParams<P[K]> }
    : P | BatchRef;
type Cmd<M, K extends keyof M> = { readonly method: K } & ({} extends ParamsOf<M, K> ? { readonly params?: BatchParams<ParamsOf<M, K>> } : { readonly params: BatchParams<ParamsOf<M, K>> });
export type BatchCommand<M> = { [K in MethodName<M>]: Cmd<M, K> }[MethodName<M>];
export type BatchCommands<M> = Readonly<Record<string, BatchCommand<M>>> | readonly BatchCommand<M>[];
export interface BatchOptions<D extends boolean = boolean> extends CallOptions<D> {
  /** Stop at the first failing command (and send no further chunks). */
  halt?: boolean | undefined;
}
type CmdResult<M, C, D extends boolean> = C extends { method: infer K extends keyof M } ? CallResult<M, K, D> : unknown;
type CmdError<M, C> = C extends { method: infer K extends keyof M } ? B24Error<ErrorCodeOf<M, K> | (string & {})> : B24Error;
/**
 * Same keys (or positions) as the commands, each result typed by its command's method (decoded with
 * `decode: true`); a command is in `results` or `errors`, or in neither if `halt` skipped it.
 */
export interface BatchResult<M, C, D extends boolean = false> {
  results: { -readonly [N in keyof C]?: CmdResult<M, C[N], D> };
  errors: { -readonly [N in keyof C]?: CmdError<M, C[N]> };
}

// `D` is inferred from `options.decode`: `{ decode: true }` gives the decoded (documented) types,
// no `decode` the wire types, a `boolean` either.
// A method name is checked through `KnownMethod` (K defaults to every name, for completion): a
// misspelt name is a short error naming it, never a union of every method's parameters (TS2590).
/** `call` of a method map `M` (one signature; the generated client adds one overload per method). */
export interface CallByName<M> {
  call<K extends string = MethodName<M>, D extends boolean = false>(
    method: KnownMethod<M, K>,
    ...args: ArgsOf<M, K & MethodName<M>, D>
  ): Promise<CallResult<M, K & MethodName<M>, D>>;
}
export interface B24Client<M extends MethodMap<M> = AnyMethods, M3 extends MethodMap<M3> = AnyMethods> extends B24Invoker, CallByName<M> {
  /** REST 3.0 (`/rest/api/...`). */
  readonly v3: CallByName<M3>;
  batch<const C extends BatchCommands<M>, D extends boolean = false>(commands: C, options?: BatchOptions<D>): Promise<BatchResult<M, C, D>>;
  paginate<K extends string = MethodName<M>, D extends boolean = false>(
    method: KnownMethod<M, K>,
    ...args: ArgsOf<M, K & MethodName<M>, D>
  ): AsyncGenerator<MaybeDecoded<ItemOf<M, K & MethodName<M>>, D>, void, undefined>;
  listAll<K extends string = MethodName<M>, D extends boolean = false>(
    method: KnownMethod<M, K>,
    ...args: ArgsOf<M, K & MethodName<M>, D>
  ): Promise<MaybeDecoded<ItemOf<M, K & MethodName<M>>, D>[]>;
}

/** `https://host[:port]` of a URL; plain http only with allowInsecureHttp (tokens would travel in clear). */
function origin(url: string, what: string, insecureOk?: boolean): string {
  const m = /^(https?):\/\/[^/?#\s@]+/i.exec(url);
  if (!m || (m[1]!.toLowerCase() == 'http' && !insecureOk)) throw configError(`${what}: need an https:// URL (http:// only with allowInsecureHttp)`);
  return m[0];
}

/** Metas made up from a method's name: their `decode` is unknown, not empty. */
const GUESSED = new WeakSet<MethodMeta>();
const guessed = (m: MethodMeta) => (GUESSED.add(m), m);
/** `decode: true` with a made-up meta: the types promise decoded data, so say why there is none. */
function checkDecode(m: MethodMeta): void {
  if (GUESSED.has(m))
    throw configError(`${m.method}: decode needs the method's meta: call its binding, or give the client the method registry (the generated createClient's \`registry\` option)`);
}

export function createClient<M extends MethodMap<M> = AnyMethods, M3 extends MethodMap<M3> = AnyMethods>(
  options: ClientOptions,
  bits: GeneratedBits = {},
): B24Client<M, M3> {
  const o = options;
  const secrets = new Set<string>();
  const scrub = (s: string) => scrubWith(s, secrets);
  const log = o.logger;
  let base: string; // https://portal/rest/
  let authPath = ''; // '{userId}/{code}/' for webhooks
  if (o.webhookUrl !== undefined) {
    // Never echo the URL: it holds the webhook code.
    const m = /^(https?:\/\/[^/?#\s@]+)\/rest\/(\d+)\/([^/?#\s]+)\/?$/i.exec(String(o.webhookUrl).trim());
    if (!m) throw configError('webhookUrl must look like https://<portal>/rest/<userId>/<code>/');
    base = origin(m[1]!, 'webhookUrl', o.allowInsecureHttp) + '/rest/';
    secrets.add(m[3]!);
    authPath = `${m[2]}/${m[3]}/`;
  } else if (o.portal !== undefined && o.oauth) {
    const p = String(o.portal).trim().replace(/\/+$/, '');
    base = origin(/^[a-z]+:\/\//i.test(p) ? p : 'https://' + p, 'portal', o.allowInsecureHttp) + '/rest/';
    const { accessToken, refreshToken, clientId, clientSecret } = o.oauth;
    if (![accessToken, refreshToken, clientId, clientSecret].every((x) => x && typeof x == 'string'))
      throw configError('oauth needs accessToken, refreshToken, clientId and clientSecret');
    secrets.add(accessToken).add(refreshToken).add(clientSecret);
  } else throw configError('need webhookUrl, or portal and oauth');

  // ky (the prescribed HTTP layer) without its own retries, timeouts or throwing: the runtime owns those.
  const http = ky.create({ retry: 0, timeout: false, throwHttpErrors: false, ...(o.fetch ? { fetch: o.fetch } : {}) });
  const timeout = o.timeout ?? 60_000;
  const retry = { ...DEFAULT_RETRY, ...o.retry };
  const rl = o.rateLimit ?? 'standard';
  const bucket = rl ? createBucket(typeof rl === 'string' ? RATE_LIMIT_PRESETS[rl] : rl) : undefined;
  const budget = createOperatingBudget(o.operatingLimitSeconds);
  const classify = classifier(bits.errorClasses ?? {});
  const wire: Wire = { http, classify, scrub, log, onTime: budget.note };
  const oauthServer = o.oauthServer ?? OAUTH_SERVER;
  if (o.oauth) origin(oauthServer, 'oauthServer', o.allowInsecureHttp);
  const oauth = o.oauth ? createOAuthSession({ options: o.oauth, http, server: oauthServer, secrets, timeout, scrub, log, Fail: B24AuthRefreshError }) : undefined;

  // Without a generated meta a method is read or write by its verb (the generator's rule); `guessed`
  // tells `decode` that no spec is known (rather than that the result needs none).
  const meta = async (method: string, v: 2 | 3 = 2): Promise<MethodMeta> =>
    (await bits.resolveMeta?.(method, v)) ?? guessed({ method, apiVersion: v, kind: methodKind(method) });

  async function exec(meta: MethodMeta, params: unknown, co: CallOptions = {}): Promise<Envelope> {
    const method = meta.method;
    if (params != null && (typeof params !== 'object' || Array.isArray(params))) throw configError(`${method}: params must be an object`);
    const ms = co.timeout ?? timeout;
    const ctl = new AbortController();
    const signal = ctl.signal;
    const timedOut = {};
    const timed = ms > 0 && ms < 2 ** 31; // 0 or Infinity: no deadline
    const timer = timed ? setTimeout(() => ctl.abort(timedOut), ms) : undefined;
    const onAbort = () => ctl.abort(co.signal?.reason);
    if (co.signal?.aborted) onAbort();
    else co.signal?.addEventListener('abort', onAbort, { once: true });
    const deadline = timed ? Date.now() + ms : Infinity;
    const url = base + (meta.apiVersion === 3 ? 'api/' : '') + authPath + method;
    try {
      for (let attempt = 0, refreshed = false; ; ) {
        const wait = budget.wait(method);
        if (wait) {
          // Documented choice: wait for the reset if it fits the deadline, else fail now.
          if (Date.now() + wait > deadline)
            throw new B24Error('OPERATION_TIME_LIMIT', `operating time exhausted for ${Math.ceil(wait / 1000)} s; not sent`, 'transient', method);
          log?.(`b24: ${method} waits ${wait}ms for operating time`);
          await sleep(wait, signal);
        }
        const d = bucket?.reserve();
        if (d) await sleep(d, signal).catch((e) => (bucket!.release(), Promise.reject(e)));
        const token = oauth?.token;
        try {
          return await send(wire, url, token ? { ...(params as object), auth: token } : (params ?? {}), method, signal);
        } catch (e) {
          if (!(e instanceof B24Error) || signal.aborted) throw e;
          withReason(e, meta.reasons);
          // One refresh per call: a second expiry of the same token is reported, not looped on; a call
          // that outlived someone else's refresh just retries with the newer token.
          if (e.code === 'expired_token' && oauth && (!refreshed || oauth.token !== token)) {
            refreshed = true;
            await oauth.refresh(token!);
            continue;
          }
          if (e.code === 'QUERY_LIMIT_EXCEEDED') bucket?.fill();
          if (e.code === 'OPERATION_TIME_LIMIT') budget.block(method);
          if (attempt >= retry.limit || !mayRetry(e, meta, co.retryWrites ?? o.retryWrites ?? false)) throw e;
          const delay = backoff(retry, attempt++);
          log?.(`b24: ${method} ${e.code}, retry ${attempt} in ${Math.round(delay)}ms`);
          await sleep(delay, signal);
        }
      }
    } catch (e) {
      if (!signal.aborted) throw e;
      throw signal.reason === timedOut
        ? new B24TimeoutError('TIMEOUT', `${ms} ms passed`, 'transient', method)
        : new B24AbortError('ABORTED', 'aborted', 'permanent', method);
    } finally {
      clearTimeout(timer);
      co.signal?.removeEventListener('abort', onAbort);
    }
  }

  const core: Core = { meta, exec, classify, scrub, note: budget.note, E: { B24Error, B24ResponseError, configError, withReason }, D: { decodeWire, itemSpec, checkDecode } };
  const invoke = async (m: MethodMeta, params: unknown, co?: CallOptions) => {
    if (co?.decode) checkDecode(m);
    const r = (await exec(m, params, co)).result;
    return co?.decode ? decodeWire(m.decode, r) : r;
  };
  const call = async (method: string, params?: unknown, co?: CallOptions) => invoke(await meta(method), params, co);
  // batch and pagination load on first use: an app calling single methods never ships them.
  async function* pages(method: string, params?: unknown, co?: CallOptions) {
    yield* (await import('./paginate.js')).paginate(core, method, params, co);
  }

  const client: B24Client = {
    invoke,
    call,
    v3: { call: async (method: string, params?: unknown, co?: CallOptions) => invoke(await meta(method, 3), params, co) },
    batch: async (commands: BatchCommands<AnyMethods>, bo?: BatchOptions) => (await import('./batch.js')).batch(core, commands, bo) as any,
    paginate: pages,
    async listAll(method: string, params?: unknown, co?: CallOptions) {
      const all: unknown[] = [];
      for await (const item of pages(method, params, co)) all.push(item);
      return all;
    },
  };
  return client as unknown as B24Client<M, M3>;
}
