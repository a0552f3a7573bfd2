import ky from 'ky';
import type {
  AnyMethods, ArgsOf, B24Invoker, CallOptions, CallResult, ErrorCodeOf, GeneratedBits, ItemOf, KnownMethod, MethodMap, MethodMeta,
  MethodName, ParamsOf,
} from './contract.js';
import { decodeWire, itemSpec, type MaybeDecoded } from './decode.js';
import { methodNameProblem } from './method-name.js';
import { B24AbortError, B24Error, B24ResponseError, B24TimeoutError, configError, withReason, B24ListIncompleteError } from './errors.js';
import { methodKind } from './kind.js';
import { opaque, scrub as scrubWith } from './redact.js';
import { send, classifier, type Envelope, type Wire } from './transport.js';
import { RATE_LIMIT_PRESETS, type RateLimitOptions } from './rate-limit.js';
import type { Gate, LimiterOptions } from './limits/gate.js';
import type { LimiterStore } from './limits/store.js';
import type { OperatingTime } from './operating-budget.js';
import { backoff, DEFAULT_RETRY, mayRetry, sleep, type RetryOptions } from './retry.js';
import type { AuthProvider, AuthTarget } from './auth/provider.js';
import { oauthAuth, type OAuthOptions } from './auth/oauth.js';
import { originOf } from './auth/origin.js';
import { webhookAuth } from './auth/webhook.js';
import type { Core } from './batch.js';
import type { BatchRef } from './batch-ref.js';

interface CommonOptions {
  /** Allow plain http:// portals / OAuth servers (tests, local installs). Off: secrets would travel in clear. */
  allowInsecureHttp?: boolean | undefined;
  /** Client-side leaky bucket; `false` disables it. Default 'standard' (50, 2 per s). */
  rateLimit?: keyof typeof RATE_LIMIT_PRESETS | RateLimitOptions | false | undefined;
  /** Default deadline per call in ms, queueing and retries included (default 60 000; 0 = none; negative: B24ConfigError). */
  timeout?: number | undefined;
  /** Largest response body read, bytes (default 64 MiB): a larger one is a `RESPONSE_TOO_LARGE` error, read no further. */
  maxResponseBytes?: number | undefined;
  retry?: Partial<RetryOptions> | undefined;
  /** Retry writes after errors that leave their outcome unknown (default false). */
  retryWrites?: boolean | undefined;
  /** Operating-time budget per method in seconds per window (default 480, limits.md). */
  operatingLimitSeconds?: number | undefined;
  /**
   * Where the limiter keeps the bucket and the operating-time blocks (default: this client's memory).
   * `createRedisLimiterStore` (`@b24gen/runtime/redis`) shares them between processes.
   */
  limiterStore?: LimiterStore | undefined;
  /** Limiter tuning: queue bound, slow start, refusal retries, AIMD, the shared key (runtime/README.md). */
  limiter?: Partial<LimiterOptions> | undefined;
  /** Receives one line per request/retry; URLs and secrets are already redacted. */
  logger?: ((line: string) => void) | undefined;
  /** The fetch to send with (default: the global `fetch`, looked up per request). */
  fetch?: typeof fetch | undefined;
}
export type ClientOptions = CommonOptions &
  (
    | { /** Where and how calls authenticate: `webhookAuth`, `oauthAuth` (token store), a frame provider, your own. */ auth: AuthProvider; webhookUrl?: never; portal?: never; oauth?: never; oauthServer?: never }
    | { /** `https://portal/rest/{userId}/{code}/` (sugar for `auth: webhookAuth(url)`) */ webhookUrl: string; auth?: never; portal?: never; oauth?: never; oauthServer?: never }
    | { /** Sugar for `auth: oauthAuth({ portal, oauthServer, ...oauth })`. */ portal: string; oauth: OAuthOptions; /** Default https://oauth.bitrix.info/oauth/token/ */ oauthServer?: string | undefined; auth?: never; webhookUrl?: never }
  );

export type { BatchRef } from './batch-ref.js';
/** Params of a batch command: any value may be a `batchRef(…)` reference to an earlier command's result. */
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
/** A REST 3.0 batch command: `as` names it for `batchRef` (keyed commands are named by their key). */
export type BatchCommandV3<M> = { [K in MethodName<M>]: Cmd<M, K> & { readonly as?: string } }[MethodName<M>];
export type BatchCommandsV3<M> = Readonly<Record<string, BatchCommandV3<M>>> | readonly BatchCommandV3<M>[];
/** A REST 3.0 batch is all or nothing: every command has its result, or the call throws. */
export interface BatchResultV3<M, C, D extends boolean = false> {
  results: { -readonly [N in keyof C]: CmdResult<M, C[N], D> };
}
/** Every item of a list method, page after page (`paginate`) or at once (`listAll`); v2 and REST 3.0 alike. */
export interface ListCalls<M> {
  paginate<K extends string = MethodName<M>, D extends boolean = false>(
    method: KnownMethod<M, K>,
    ...args: ArgsOf<M, K & MethodName<M>, D>
  ): AsyncGenerator<MaybeDecoded<ItemOf<M, K & MethodName<M>>, D>, void, undefined>;
  listAll<K extends string = MethodName<M>, D extends boolean = false>(
    method: KnownMethod<M, K>,
    ...args: ArgsOf<M, K & MethodName<M>, D>
  ): Promise<MaybeDecoded<ItemOf<M, K & MethodName<M>>, D>[]>;
}
/** REST 3.0 (`/rest/api/...`): calls, batch (bare-array body, all or nothing) and lists. */
export interface V3Client<M3> extends CallByName<M3>, ListCalls<M3> {
  batch<const C extends BatchCommandsV3<M3>, D extends boolean = false>(commands: C, options?: CallOptions<D>): Promise<BatchResultV3<M3, C, D>>;
}
export interface B24Client<M extends MethodMap<M> = AnyMethods, M3 extends MethodMap<M3> = AnyMethods> extends B24Invoker, CallByName<M>, ListCalls<M> {
  /** REST 3.0 (`/rest/api/...`). */
  readonly v3: V3Client<M3>;
  batch<const C extends BatchCommands<M>, D extends boolean = false>(commands: C, options?: BatchOptions<D>): Promise<BatchResult<M, C, D>>;
}

/**
 * `p`, unless `signal` aborts first: a provider's shared work (a refresh) goes on for the others.
 * auth/single-flight.ts has the same wait (`until`); it stays a lazy chunk, and importing it here
 * would load it up front (esbuild puts a module both sides use into an eager shared chunk).
 */
const race = <T>(p: Promise<T>, signal: AbortSignal) =>
  new Promise<T>((ok, no) => {
    const stop = () => no(signal.reason);
    if (signal.aborted) stop();
    signal.addEventListener('abort', stop, { once: true });
    p.then(ok, no).finally(() => signal.removeEventListener('abort', stop));
  });
/** A deadline in ms: a number ≥ 0 (0: none). */
const checkTimeout = (ms: number) => {
  if (!(ms >= 0)) throw configError('timeout must be a number of ms ≥ 0 (0: no deadline)');
  return ms;
};

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
  // The options object is read here and never kept: the client holds no reference to it.
  const o = options;
  const log = o.logger;
  const insecure = o.allowInsecureHttp;
  const max = o.maxResponseBytes ?? 64 * 2 ** 20;
  const auth: AuthProvider =
    o.auth ??
    (o.webhookUrl !== undefined
      ? webhookAuth(o.webhookUrl, o)
      : o.portal !== undefined && o.oauth
        ? oauthAuth({ ...o.oauth, portal: o.portal, oauthServer: o.oauthServer, allowInsecureHttp: insecure, fetch: o.fetch, logger: log, maxResponseBytes: max })
        : undefined)!;
  if (typeof auth?.current != 'function') throw configError('need auth, webhookUrl, or portal and oauth');
  const scrub = (s: string) => scrubWith(s, auth.secrets());

  // ky (the prescribed HTTP layer) without its own retries, timeouts, throwing or redirects: the
  // runtime owns those, and follows no redirect (a body, a token or a webhook code never reach another origin).
  const http = ky.create({ retry: 0, timeout: false, throwHttpErrors: false, redirect: 'manual', ...(o.fetch ? { fetch: o.fetch } : {}) });
  const timeout = checkTimeout(o.timeout ?? 60_000);
  const retry = { ...DEFAULT_RETRY, ...o.retry };
  const rl = o.rateLimit ?? 'standard';
  // The limiter (limits/) loads with the first call: an app's first chunk stays small.
  let gate: Gate | undefined, gating: Promise<Gate> | undefined;
  const gateOf = async (): Promise<Gate> =>
    gate ??
    (await (gating ??= Promise.all([import('./limits/gate.js'), o.limiterStore ?? import('./limits/memory-store.js').then((m) => m.createMemoryStore())]).then(
      ([m, store]) =>
        (gate = m.createGate({
          store, o: { key: auth.id ?? auth.kind, ...o.limiter }, backoff: (n) => backoff(retry, n),
          fail: (code, msg, method) => new B24Error(code, msg, 'transient', method), limitSeconds: o.operatingLimitSeconds ?? 480, log,
          bucket: rl ? (typeof rl === 'string' ? RATE_LIMIT_PRESETS[rl] : rl) : undefined,
        })),
    )));
  const note = (method: string, time: OperatingTime | undefined) => gate?.note(method, time);
  const classify = classifier(bits.errorClasses ?? {});
  const wire: Wire = { http, classify, scrub, log, onTime: note, max };

  // Without a generated meta a method is read or write by its verb (the generator's rule); `guessed`
  // tells `decode` that no spec is known (rather than that the result needs none).
  const meta = async (method: string, v: 2 | 3 = 2): Promise<MethodMeta> =>
    (await bits.resolveMeta?.(method, v)) ?? guessed({ method, apiVersion: v, kind: methodKind(method) });

  async function exec(meta: MethodMeta, params: unknown, co: CallOptions = {}): Promise<Envelope> {
    const method = meta.method;
    // The name goes into the URL path: `?`, `/`, `#` or whitespace there would call something else.
    const bad = methodNameProblem(method);
    if (bad) throw configError(bad);
    if (params != null && (typeof params !== 'object' || Array.isArray(params))) throw configError(`${method}: params must be an object`);
    const ms = checkTimeout(co.timeout ?? timeout);
    const ctl = new AbortController();
    const signal = ctl.signal;
    const timedOut = {};
    const timed = ms > 0 && ms < Infinity; // 0 or Infinity: no deadline
    const timer = timed ? setTimeout(() => ctl.abort(timedOut), Math.min(ms, 2 ** 31 - 1)) : undefined;
    const onAbort = () => ctl.abort(co.signal?.reason);
    if (co.signal?.aborted) onAbort();
    else co.signal?.addEventListener('abort', onAbort, { once: true });
    const deadline = timed ? Date.now() + ms : Infinity;
    try {
      for (let attempt = 0, refreshed = false, refused = 0; ; ) {
        // Bucket, pause after a refusal, operating time, slow start: limits/gate.ts.
        const g = await gateOf();
        const slot = await g.enter(method, signal, deadline);
        let env: Envelope;
        let t: AuthTarget | undefined;
        try {
          t = await race(Promise.resolve(auth.current()), signal);
          const v3 = meta.apiVersion === 3;
          const url = originOf(t.origin, `${auth.kind} auth`, insecure) + '/rest/' + (v3 ? 'api/' : '') + (t.pathPrefix ?? '') + method;
          // Tokens go where the protocol puts them: `auth` in the body, and on REST 3.0 also
          // `Authorization: Bearer`; never in a URL.
          const token = t.accessToken;
          env = await send(wire, url, token ? { ...(params as object), auth: token } : (params ?? {}), method, signal, token && v3 ? { authorization: 'Bearer ' + token } : undefined);
        } catch (e) {
          g.leave(slot, method, e instanceof B24Error ? e.code : 'NETWORK_ERROR');
          if (!(e instanceof B24Error) || signal.aborted) throw e;
          withReason(e, meta.reasons);
          // One refresh per call: a second expiry of the same token is reported, not looped on; a call
          // that outlived someone else's refresh just retries with the newer token.
          if (e.code === 'expired_token' && auth.refresh && t?.accessToken && (!refreshed || (await race(Promise.resolve(auth.current()), signal)).accessToken !== t.accessToken)) {
            refreshed = true;
            await race(auth.refresh(t, signal), signal);
            continue;
          }
          // Refused before running: the gate paused every caller (or the method); back into the queue.
          if (e.code === 'QUERY_LIMIT_EXCEEDED' || e.code === 'OPERATION_TIME_LIMIT') {
            if (refused++ >= g.refusals) throw e;
            log?.(`b24: ${method} ${e.code}, refused ${refused}, queued again`);
            continue;
          }
          if (attempt >= retry.limit || !mayRetry(e, meta, co.retryWrites ?? o.retryWrites ?? false)) throw e;
          const delay = backoff(retry, attempt++);
          log?.(`b24: ${method} ${e.code}, retry ${attempt} in ${Math.round(delay)}ms`);
          await sleep(delay, signal);
          continue;
        }
        g.leave(slot, method);
        return env;
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

  const core: Core = { meta, exec, classify, scrub, note, E: { B24Error, B24ResponseError, configError, withReason, B24ListIncompleteError }, D: { decodeWire, itemSpec, checkDecode }, guessed: (m) => GUESSED.has(m), nameProblem: methodNameProblem };
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
  async function* pagesV3(method: string, params?: unknown, co?: CallOptions) {
    yield* (await import('./v3-paginate.js')).paginateV3(core, method, params, co);
  }
  /** Every item; a list that cannot be read whole throws B24ListIncompleteError holding all that was fetched. */
  async function collect(items: AsyncGenerator<unknown>) {
    const all: unknown[] = [];
    try {
      for await (const item of items) all.push(item);
    } catch (e) {
      if (e instanceof B24ListIncompleteError) (e as { items: unknown[] }).items = all.concat(e.items);
      throw e;
    }
    return all;
  }

  const client: B24Client = {
    invoke,
    call,
    v3: {
      call: async (method: string, params?: unknown, co?: CallOptions) => invoke(await meta(method, 3), params, co),
      batch: async (commands: BatchCommandsV3<AnyMethods>, co?: CallOptions) => (await import('./v3-batch.js')).batchV3(core, commands as any, co) as any,
      paginate: pagesV3,
      listAll: (method: string, params?: unknown, co?: CallOptions) => collect(pagesV3(method, params, co)),
    },
    batch: async (commands: BatchCommands<AnyMethods>, bo?: BatchOptions) => (await import('./batch.js')).batch(core, commands, bo) as any,
    paginate: pages,
    listAll: (method: string, params?: unknown, co?: CallOptions) => collect(pages(method, params, co)) as any,
  };
  return opaque(client, 'B24Client ' + auth.kind) as unknown as B24Client<M, M3>;
}
