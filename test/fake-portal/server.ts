// A fake Bitrix24 portal on node:http (127.0.0.1, port 0) implementing the documented protocol:
// `{ result, time }` envelopes, `{ error, error_description }` with documented statuses, a leaky
// bucket (503 QUERY_LIMIT_EXCEEDED), per-method operating time (429 OPERATION_TIME_LIMIT),
// webhook and OAuth auth with `expired_token` and a refresh endpoint, `batch`, list pagination,
// REST 3.0 under /rest/api/, and configurable fault injection. Started by the tests themselves.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface FakePortalOptions {
  /** Leaky bucket (limits.md); default: effectively unlimited so unrelated tests stay fast. */
  burst?: number;
  drainPerSecond?: number;
  /** Operating time per method: limit (s) per window (ms); cost (s) each call adds. */
  operatingLimit?: number;
  operatingWindowMs?: number;
  operatingCost?: number | ((method: string) => number);
  webhook?: { userId: number; code: string };
  oauth?: { clientId: string; clientSecret: string; accessToken: string; refreshToken: string };
  /** Artificial latency for every REST request, ms. */
  latencyMs?: number;
  /**
   * The bucket counts refused requests too (limits.md: "each incoming request increases the
   * counter"), so a client that keeps sending at the drain rate after a 503 never gets through.
   * Default off (the counter counts admitted requests only).
   */
  countRefused?: boolean;
  /**
   * Connection set-up, as a TLS handshake costs it: the first request on each new socket is held
   * this long (ms, or a random span `[min, max]`) before it reaches the bucket. Default 0.
   */
  acceptDelayMs?: number | [number, number];
  /**
   * How long an idle keep-alive socket stays open (ms; default Node's 5 s). Longer in tests where
   * sockets idle between calls: a client reusing one just as the server closes it gets a socket
   * error, which a write may not retry.
   */
  keepAliveMs?: number;
  /**
   * Answer as a portal does to an app page from another origin (an app in a frame): preflights
   * (OPTIONS → 204 with the allowed methods and headers) and `Access-Control-Allow-Origin` on every
   * response. Default off: a browser would refuse the responses.
   */
  cors?: boolean;
  /**
   * How batch substitutes `$result[...]` in command values (batch.md): 'decoded' (default: after
   * decoding each value, so literal and percent-encoded references both resolve), 'literal' (in the
   * raw command text only: a percent-encoded reference stays as it is), 'none' (never).
   */
  batchRefs?: 'decoded' | 'literal' | 'none';
  /**
   * Called before every list call (batch commands included) with the method, its params and the
   * running count of list calls: tests delete or add items between pages here.
   */
  beforeList?: (method: string, params: Json, call: number) => void;
  /** Rewrites a list answer (duplicate rows, a changing or non-numeric `total`). */
  afterList?: (method: string, params: Json, answer: { result: Json; next?: number; total?: Json }, call: number) => { result: Json; next?: number; total?: Json };
}

export type FaultKind =
  | 'status' //      reply `status` with `{ error: code, error_description }`, method not run
  | 'raw' //         reply `status` with the literal `body`
  | 'reset' //       destroy the socket without answering (before running the method)
  | 'reset-after' // run the method, then destroy the socket (outcome unknown to the client)
  | 'truncate' //    run the method, announce the full length, send half the body, close
  | 'invalid-json' // run the method, answer 200 with broken JSON
  | 'stall' //       wait `stallMs` (default: forever) before handling
  // Hostile answers (issue 14); REST requests and, through refreshFault(), the OAuth refresh:
  | 'redirect' //    answer `status` (301/302/303/307/308) with `Location: location`, method not run
  | 'huge' //        answer 200 with a valid envelope of `bytes` bytes, streamed in 64 KB chunks
  | 'endless' //     answer 200 headers and a body that never ends (a chunk every 20 ms)
  | 'deep' //        answer 200 with `result` nested `depth` arrays deep
  | 'proto'; //      run the method, answer with `__proto__` / `constructor` keys in the result

export interface Fault {
  kind: FaultKind;
  /** Which REST method (name) or path (regexp) to hit; default any REST request. */
  method?: string;
  path?: RegExp;
  times?: number;
  status?: number;
  code?: string;
  description?: string;
  body?: string;
  stallMs?: number;
  /** 'redirect': the Location header. */
  location?: string;
  /** 'huge': body size in bytes; `contentLength: false` streams it without announcing the length. */
  bytes?: number;
  contentLength?: boolean;
  /** 'deep': nesting depth of the result. */
  depth?: number;
}

export interface Counters {
  requests: number; //        all HTTP requests to /rest/
  byMethod: Record<string, number>; // top-level REST method per HTTP request
  executed: Record<string, number>; // methods actually run (batch commands included)
  statuses: Record<number, number>;
  limited: number; //          503 QUERY_LIMIT_EXCEEDED sent
  refreshes: number; //        successful OAuth refreshes
  refreshRequests: number;
  batchCommands: number;
  maxConcurrent: number;
}

type Json = any;
class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, readonly description: string) { super(code); }
}

/** PHP-style query parsing: `a[b][0]=1&c=2` → `{ a: { b: { 0: '1' } }, c: '2' }`. */
export function parsePhpQuery(q: string): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const part of q.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const rawKey = decodeURIComponent((eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, ' '));
    const value = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' '));
    const m = /^([^[]+)((?:\[[^\]]*\])*)$/.exec(rawKey);
    if (!m) continue;
    const path = [m[1]!, ...[...m[2]!.matchAll(/\[([^\]]*)\]/g)].map((x) => x[1]!)];
    let node: Json = out;
    path.forEach((k, i) => {
      const key = k === '' ? String(Object.keys(node).length) : k;
      if (i === path.length - 1) node[key] = value;
      else node = node[key] ??= {};
    });
  }
  return out;
}

interface Entity { [k: string]: Json }

/** Fault kinds answered by FakePortal.hostile. */
const HOSTILE: Partial<Record<FaultKind, true>> = { redirect: true, huge: true, endless: true, deep: true };
const CHUNK = Buffer.alloc(64 * 1024, 'x');
/** JSON text of `v` with `__proto__` and `constructor` members first in every object (JSON.stringify cannot write them). */
function protoJson(v: Json): string {
  if (Array.isArray(v)) return `[${v.map(protoJson).join(',')}]`;
  if (!v || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  const own = Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${protoJson(x)}`);
  return `{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}${own.map((m) => ',' + m).join('')}}`;
}

export class FakePortal {
  readonly opts: Required<Omit<FakePortalOptions, 'operatingCost' | 'beforeList' | 'afterList'>> & Pick<FakePortalOptions, 'beforeList' | 'afterList'> & { operatingCost: number | ((m: string) => number) };
  /** List calls answered so far (for beforeList/afterList). */
  listCalls = 0;
  url = '';
  server: Server;
  counters!: Counters;
  faults: Fault[] = [];
  /** Entity stores; tests may seed them directly. */
  deals = new Map<number, Entity>();
  items = new Map<number, Entity>();
  tasks = new Map<number, Entity>();
  nextId = 1;
  /** Current and expired OAuth access tokens. */
  accessToken: string;
  refreshToken: string;
  expiredTokens = new Set<string>();
  /** Make the refresh endpoint fail with this error (e.g. 'invalid_grant'). */
  refreshFailure: string | undefined;
  refreshDelayMs = 0;
  /** Faults of the refresh endpoint (refreshFault()); 'reset-after' rotates the tokens, then resets. */
  refreshFaults: Fault[] = [];
  /** CORS preflights answered (option `cors`). */
  preflights = 0;
  private level = 0;
  private levelAt = Date.now();
  private operating = new Map<string, { list: { at: number; cost: number }[]; head: number; used: number }>();
  private sockets = new Set<Socket>();
  /** Sockets past their first request (acceptDelayMs). */
  private warm = new WeakSet<Socket>();
  private inFlight = 0;
  private tokenSeq = 0;

  constructor(o: FakePortalOptions = {}) {
    this.opts = {
      burst: o.burst ?? 1e9,
      drainPerSecond: o.drainPerSecond ?? 1e9,
      operatingLimit: o.operatingLimit ?? 480,
      operatingWindowMs: o.operatingWindowMs ?? 600_000,
      operatingCost: o.operatingCost ?? 0.001,
      webhook: o.webhook ?? { userId: 1, code: 'whsecret0xdeadbeef42' },
      oauth: o.oauth ?? { clientId: 'app.test.1', clientSecret: 'clientsecret0xC0FFEE', accessToken: 'access0token0first', refreshToken: 'refresh0token0first' },
      latencyMs: o.latencyMs ?? 0,
      countRefused: o.countRefused ?? false,
      acceptDelayMs: o.acceptDelayMs ?? 0,
      keepAliveMs: o.keepAliveMs ?? 0,
      cors: o.cors ?? false,
      batchRefs: o.batchRefs ?? 'decoded',
      beforeList: o.beforeList,
      afterList: o.afterList,
    };
    this.accessToken = this.opts.oauth.accessToken;
    this.refreshToken = this.opts.oauth.refreshToken;
    this.resetCounters();
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  static async start(o?: FakePortalOptions): Promise<FakePortal> {
    const p = new FakePortal(o);
    if (p.opts.keepAliveMs) p.server.keepAliveTimeout = p.opts.keepAliveMs;
    await new Promise<void>((r) => p.server.listen(0, '127.0.0.1', r));
    p.url = `http://127.0.0.1:${(p.server.address() as AddressInfo).port}`;
    return p;
  }
  get webhookUrl(): string {
    return `${this.url}/rest/${this.opts.webhook.userId}/${this.opts.webhook.code}/`;
  }
  get oauthServer(): string {
    return `${this.url}/oauth/token/`;
  }
  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
  resetCounters(): void {
    this.counters = { requests: 0, byMethod: {}, executed: {}, statuses: {}, limited: 0, refreshes: 0, refreshRequests: 0, batchCommands: 0, maxConcurrent: 0 };
  }
  fault(f: Fault): void {
    this.faults.push({ times: 1, ...f });
  }
  /** A fault of the OAuth refresh endpoint: reset, reset-after (rotate, then reset), stall, status, raw, redirect, huge, endless, deep. */
  refreshFault(f: Fault): void {
    this.refreshFaults.push({ times: 1, ...f });
  }
  /** The current access token expires now (the next call with it gets 401 expired_token). */
  expireAccessToken(): void {
    this.expiredTokens.add(this.accessToken);
    this.accessToken = `access0token0expired${++this.tokenSeq}`;
  }
  /** Empties the leaky bucket (e.g. between test phases). */
  drainBucket(): void {
    this.level = 0;
    this.levelAt = Date.now();
  }
  /** Adds `n` to the bucket's counter, as another app on the same portal would (limits.md). */
  spendBucket(n: number): void {
    this.level = Math.max(0, this.level - ((Date.now() - this.levelAt) / 1000) * this.opts.drainPerSecond) + n;
    this.levelAt = Date.now();
  }
  seedDeals(n: number, make: (i: number) => Entity = (i) => ({ TITLE: `Deal ${i}`, OPPORTUNITY: String(i * 10) })): void {
    for (let i = 0; i < n; i++) {
      const id = this.nextId++;
      this.deals.set(id, { ID: String(id), ...make(i) });
    }
  }
  seedTasks(n: number): void {
    for (let i = 0; i < n; i++) {
      const id = this.nextId++;
      this.tasks.set(id, { id, title: `Task ${i}` });
    }
  }
  seedItems(n: number): void {
    for (let i = 0; i < n; i++) {
      const id = this.nextId++;
      this.items.set(id, { id, title: `Item ${i}` });
    }
  }

  // ---------------------------------------------------------------- HTTP

  private takeFault(method: string, path: string): Fault | undefined {
    const f = this.faults.find((x) => (x.method === undefined || x.method === method) && (!x.path || x.path.test(path)));
    if (f && --f.times! <= 0) this.faults.splice(this.faults.indexOf(f), 1);
    return f;
  }

  private send(res: ServerResponse, status: number, body: Json): void {
    this.counters.statuses[status] = (this.counters.statuses[status] ?? 0) + 1;
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  private time(start: number, method?: string): Json {
    const finish = Date.now() / 1000;
    const t: Json = { start, finish, duration: finish - start, processing: finish - start, date_start: new Date(start * 1000).toISOString(), date_finish: new Date(finish * 1000).toISOString() };
    if (method) {
      const o = this.operatingOf(method);
      t.operating = o.used;
      t.operating_reset_at = o.resetAt;
    }
    return t;
  }

  /** Aggregated operating time of a method in the sliding window (entries are in time order). */
  private operatingOf(method: string): { used: number; resetAt: number } {
    const now = Date.now();
    let o = this.operating.get(method);
    if (!o) this.operating.set(method, (o = { list: [], head: 0, used: 0 }));
    while (o.head < o.list.length && now - o.list[o.head]!.at >= this.opts.operatingWindowMs) o.used -= o.list[o.head++]!.cost;
    if (o.head > 1024) (o.list = o.list.slice(o.head)), (o.head = 0);
    if (o.head === o.list.length) o.used = 0; // no float drift once empty
    return { used: o.used, resetAt: ((o.list[o.head]?.at ?? now) + this.opts.operatingWindowMs) / 1000 };
  }

  private async readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.opts.cors) {
      res.setHeader('access-control-allow-origin', '*');
      if (req.method === 'OPTIONS') {
        this.preflights++;
        res.writeHead(204, { 'access-control-allow-methods': 'GET, POST, OPTIONS', 'access-control-allow-headers': 'Content-Type, Authorization', 'access-control-max-age': '600' });
        return void res.end();
      }
    }
    const u = new URL(req.url ?? '/', 'http://x');
    const raw = await this.readBody(req);
    if (u.pathname === '/oauth/token/') return this.oauthToken(u, raw, res);
    const m = /^\/rest\/(api\/)?(?:(\d+)\/([^/]+)\/)?([^/]+?)(?:\.json)?$/.exec(u.pathname);
    if (!m) return this.send(res, 404, { error: 'NOT_FOUND', error_description: 'Not found' });
    const v3 = !!m[1];
    const method = m[4]!;
    const c = this.counters;
    c.requests++;
    c.byMethod[method] = (c.byMethod[method] ?? 0) + 1;
    this.inFlight++;
    c.maxConcurrent = Math.max(c.maxConcurrent, this.inFlight);
    res.on('close', () => this.inFlight--);
    const start = Date.now() / 1000;
    const fail = (e: ApiError) =>
      this.send(res, e.status, v3 ? { error: { code: e.code, message: e.description } } : { error: e.code, error_description: e.description, time: e.code === 'OPERATION_TIME_LIMIT' ? this.time(start, method) : undefined });

    const fault = this.takeFault(method, u.pathname);
    if (fault?.kind === 'stall') {
      if (fault.stallMs === undefined) return; // never answers; the socket is destroyed on close()
      await new Promise((r) => setTimeout(r, fault.stallMs));
    }
    if (fault?.kind === 'reset') return void req.socket.destroy();
    if (fault && fault.kind in HOSTILE) return this.hostile(res, fault);
    if (fault?.kind === 'status') return fail(new ApiError(fault.status ?? 500, fault.code ?? 'INTERNAL_SERVER_ERROR', fault.description ?? 'Internal server error'));
    if (fault?.kind === 'raw') {
      this.counters.statuses[fault.status ?? 200] = (this.counters.statuses[fault.status ?? 200] ?? 0) + 1;
      res.writeHead(fault.status ?? 200, { 'content-type': 'application/json' });
      return void res.end(fault.body ?? '');
    }
    const accept = this.opts.acceptDelayMs;
    if (accept && !this.warm.has(req.socket)) {
      this.warm.add(req.socket);
      await new Promise((r) => setTimeout(r, typeof accept === 'number' ? accept : accept[0] + Math.random() * (accept[1] - accept[0])));
    }
    if (this.opts.latencyMs) await new Promise((r) => setTimeout(r, this.opts.latencyMs));

    try {
      // Leaky bucket: drains continuously, refuses above `burst` (refused requests count with countRefused).
      const now = Date.now();
      this.level = Math.max(0, this.level - ((now - this.levelAt) / 1000) * this.opts.drainPerSecond);
      this.levelAt = now;
      if (this.level + 1 > this.opts.burst + 1e-9) {
        c.limited++;
        if (this.opts.countRefused) this.level += 1;
        throw new ApiError(503, 'QUERY_LIMIT_EXCEEDED', 'Too many requests');
      }
      this.level += 1;
      let params: Json = {};
      const ct = String(req.headers['content-type'] ?? '');
      if (raw) {
        try {
          params = ct.includes('json') ? JSON.parse(raw) : parsePhpQuery(raw);
        } catch {
          throw new ApiError(400, 'INVALID_REQUEST', 'Invalid JSON');
        }
      }
      Object.assign(params, parsePhpQuery(u.search.slice(1)));
      const bearer = /^Bearer (.+)$/i.exec(String(req.headers['authorization'] ?? ''))?.[1];
      this.authenticate(m[2], m[3], Array.isArray(params) ? bearer : (params.auth ?? bearer));
      delete params.auth;
      const result = method === 'batch' && !v3 ? this.batch(params) : this.run(method, params, v3);
      const body = v3 ? { result: result.result } : { ...result, time: this.time(start, method) };
      if (fault?.kind === 'reset-after') return void req.socket.destroy();
      if (fault?.kind === 'truncate') {
        const text = JSON.stringify(body);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.write(text.slice(0, text.length >> 1));
        return void setTimeout(() => req.socket.destroy(), 5);
      }
      if (fault?.kind === 'proto') return this.send(res, 200, `{"result":${protoJson(body.result)}${v3 ? '' : `,"time":${JSON.stringify((body as Json).time)}`}}`);
      if (fault?.kind === 'invalid-json') return this.send(res, 200, JSON.stringify(body).slice(0, -7) + '}}{');
      this.send(res, 200, body);
    } catch (e) {
      if (e instanceof ApiError) return fail(e);
      return fail(new ApiError(500, 'INTERNAL_SERVER_ERROR', String((e as Error).message)));
    }
  }

  private authenticate(userId: string | undefined, code: string | undefined, token: unknown): void {
    const w = this.opts.webhook;
    if (userId !== undefined) {
      if (Number(userId) !== w.userId || code !== w.code) throw new ApiError(401, 'NO_AUTH_FOUND', 'Wrong authorization data');
      return;
    }
    if (token === this.accessToken) return;
    if (typeof token === 'string' && this.expiredTokens.has(token)) throw new ApiError(401, 'expired_token', 'The access token provided has expired.');
    throw new ApiError(401, 'NO_AUTH_FOUND', 'Wrong authorization data');
  }

  private oauthToken(u: URL, raw: string, res: ServerResponse): void {
    this.counters.refreshRequests++;
    const q = { ...parsePhpQuery(raw), ...Object.fromEntries(u.searchParams) };
    const o = this.opts.oauth;
    const f = this.refreshFaults[0];
    if (f && --f.times! <= 0) this.refreshFaults.shift();
    if (f?.kind === 'stall' && f.stallMs === undefined) return; // never answers
    if (f?.kind === 'reset') return void res.socket?.destroy();
    if (f && f.kind in HOSTILE) return this.hostile(res, f);
    if (f?.kind === 'status') return this.send(res, f.status ?? 500, { error: f.code ?? 'server_error', error_description: f.description ?? 'Server error' });
    if (f?.kind === 'raw') return void (res.writeHead(f.status ?? 200, { 'content-type': 'application/json' }), res.end(f.body ?? ''));
    const reply = () => {
      if (f?.kind === 'reset-after') {
        // Rotates, as a portal that processed the request would, but the answer never arrives.
        if (q.refresh_token === this.refreshToken && q.client_secret === o.clientSecret) this.rotate();
        return void res.socket?.destroy();
      }
      if (this.refreshFailure) return this.send(res, 400, { error: this.refreshFailure, error_description: 'Refresh refused' });
      if (q.grant_type !== 'refresh_token' || q.client_id !== o.clientId || q.client_secret !== o.clientSecret)
        return this.send(res, 401, { error: 'invalid_client', error_description: 'Invalid client' });
      if (q.refresh_token !== this.refreshToken) return this.send(res, 400, { error: 'invalid_grant', error_description: 'Invalid refresh token' });
      this.rotate();
      this.send(res, 200, {
        access_token: this.accessToken, refresh_token: this.refreshToken, expires_in: 3600, domain: 'oauth.bitrix.info',
        member_id: 'member0test', client_endpoint: `${this.url}/rest/`, server_endpoint: `${this.url}/rest/`, scope: 'crm', status: 'L',
      });
    };
    const delay = f?.kind === 'stall' ? f.stallMs! : this.refreshDelayMs;
    if (delay) setTimeout(reply, delay);
    else reply();
  }

  /** New access and refresh tokens; the old ones stop working (refresh-token rotation). */
  private rotate(): void {
    this.expiredTokens.add(this.accessToken);
    this.tokenSeq++;
    this.accessToken = `access0token0n${this.tokenSeq}`;
    this.refreshToken = `refresh0token0n${this.tokenSeq}`;
    this.counters.refreshes++;
  }

  /** The hostile answers (HOSTILE kinds): a redirect, a huge or endless body, JSON nested too deep. */
  private hostile(res: ServerResponse, f: Fault): void {
    const status = f.kind === 'redirect' ? (f.status ?? 307) : 200;
    this.counters.statuses[status] = (this.counters.statuses[status] ?? 0) + 1;
    if (f.kind === 'redirect') return void (res.writeHead(status, { location: f.location ?? '/' }), res.end());
    if (f.kind === 'deep') return this.send(res, 200, `{"result":${'['.repeat(f.depth ?? 100_000)}${']'.repeat(f.depth ?? 100_000)}}`);
    const bytes = Math.max(f.bytes ?? 64 * 2 ** 20 + 1, 13);
    res.writeHead(200, { 'content-type': 'application/json', ...(f.kind === 'huge' && f.contentLength !== false ? { 'content-length': bytes } : {}) });
    res.write('{"result":"');
    if (f.kind === 'endless') {
      const t = setInterval(() => res.write(CHUNK.subarray(0, 1024)), 20);
      return void res.on('close', () => clearInterval(t));
    }
    let left = bytes - 13;
    const pump = (): void => {
      while (left > 0 && !res.destroyed) {
        const n = Math.min(CHUNK.length, left);
        left -= n;
        if (!res.write(CHUNK.subarray(0, n))) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end('"}');
    };
    pump();
  }

  // ---------------------------------------------------------------- methods

  /** Runs one method with operating-time accounting. Returns the envelope fields (result/next/total). */
  private run(method: string, p: Json, v3 = false): { result: Json; next?: number; total?: number } {
    const op = this.operatingOf(method);
    if (op.used >= this.opts.operatingLimit) throw new ApiError(429, 'OPERATION_TIME_LIMIT', 'Method is blocked due to operation time limit.');
    const cost = typeof this.opts.operatingCost === 'function' ? this.opts.operatingCost(method) : this.opts.operatingCost;
    const o = this.operating.get(method)!;
    o.list.push({ at: Date.now(), cost });
    o.used += cost;
    this.counters.executed[method] = (this.counters.executed[method] ?? 0) + 1;
    const fn = v3 ? this.v3Methods[method] : this.methods[method];
    this.currentMethod = method;
    if (!fn) throw new ApiError(404, 'ERROR_METHOD_NOT_FOUND', 'Method not found!');
    return fn(p);
  }

  private list(store: Map<number, Entity>, p: Json, upper: boolean, itemsKey?: string): { result: Json; next?: number; total?: number } {
    const call = ++this.listCalls;
    this.opts.beforeList?.(this.currentMethod, p, call);
    const answer = this.listAnswer(store, p, upper, itemsKey);
    return this.opts.afterList ? (this.opts.afterList(this.currentMethod, p, answer, call) as { result: Json; next?: number; total?: number }) : answer;
  }
  /** The method being run (for the list hooks). */
  private currentMethod = '';

  private listAnswer(store: Map<number, Entity>, p: Json, upper: boolean, itemsKey?: string): { result: Json; next?: number; total?: number } {
    const F = upper ? 'FILTER' : 'filter', O = upper ? 'ORDER' : 'order', S = upper ? 'SELECT' : 'select';
    const filter: Json = p[F] ?? {};
    const num = (x: Json) => (typeof x === 'number' ? x : Number(x));
    // Conditions parsed once per call, not per row (lists of 50,000 in the bench).
    const conds = Object.entries(filter).map(([k, v]) => {
      const mm = /^(>=|<=|>|<|!|=)?(.+)$/.exec(k)!;
      return { op: mm[1], field: mm[2]!, v, n: num(v), s: String(v) };
    });
    let rows = [...store.values()].filter((r) =>
      conds.every(({ op, field, n, s }) => {
        const a = r[field];
        switch (op) {
          case '>': return num(a) > n;
          case '>=': return num(a) >= n;
          case '<': return num(a) < n;
          case '<=': return num(a) <= n;
          case '!': return String(a) !== s;
          default: return String(a) === s;
        }
      }),
    );
    const order = Object.entries(p[O] ?? {}) as [string, string][];
    if (order.length) {
      const [k, dir] = order[0]!;
      const sgn = String(dir).toUpperCase() === 'DESC' ? -1 : 1;
      rows.sort((a, b) => (Number(a[k]) - Number(b[k])) * sgn);
    }
    const sel: string[] | undefined = Array.isArray(p[S]) ? p[S] : p[S] && typeof p[S] === 'object' ? Object.values(p[S]) : undefined;
    if (sel?.length && !sel.includes('*')) rows = rows.map((r) => Object.fromEntries(sel.filter((k) => k in r).map((k) => [k, r[k]])));
    const start = Number(p.start ?? 0);
    const wrap = (a: Json[]) => (itemsKey ? { [itemsKey]: a } : a);
    if (start === -1) return { result: wrap(rows.slice(0, 50)) };
    const page = rows.slice(start, start + 50);
    return { result: wrap(page), total: rows.length, ...(start + 50 < rows.length ? { next: start + 50 } : {}) };
  }

  private methods: Record<string, (p: Json) => { result: Json; next?: number; total?: number }> = {
    'crm.deal.add': (p) => {
      const id = this.nextId++;
      this.deals.set(id, { ...(p.fields ?? {}), ID: String(id) });
      return { result: id };
    },
    'crm.deal.get': (p) => {
      const d = this.deals.get(Number(p.id ?? p.ID));
      if (!d) throw new ApiError(400, 'NOT_FOUND', 'Not found');
      return { result: d };
    },
    'crm.deal.update': (p) => {
      const d = this.deals.get(Number(p.id ?? p.ID));
      if (!d) throw new ApiError(400, 'NOT_FOUND', 'Not found');
      Object.assign(d, p.fields ?? {});
      return { result: true };
    },
    'crm.deal.list': (p) => this.list(this.deals, p, false),
    /** Upper-case params, items under `items`, lower-case `id` (for paramCase/itemsKey tests). */
    'fake.item.list': (p) => this.list(this.items, p, true, 'items'),
    'bizproc.activity.log': (p) => {
      if (!p.LOG_MESSAGE) throw new ApiError(400, 'ERROR_EMPTY_LOG_MESSAGE', 'Empty log message');
      return { result: true };
    },
    'user.current': () => ({ result: { ID: '1', NAME: 'John', LAST_NAME: 'Doe', UF_DEPARTMENT: [1] } }),
    'department.get': (p) => ({ result: [{ ID: String(p.ID), NAME: `Department ${p.ID}`, SORT: 500 }], total: 1 }),
    /** Echoes its params back (to check encoding). */
    'fake.echo': (p) => ({ result: p }),
    /** Errors as the old CRM methods send them: no code (`error: ""`), the meaning in the description. */
    'fake.legacy.get': (p) => {
      throw new ApiError(400, '', p.id ? (p.id === 'denied' ? 'access DENIED' : 'Not found.') : 'ID is not defined or invalid');
    },
  };

  private v3Methods: Record<string, (p: Json) => { result: Json }> = {
    'tasks.task.add': (p) => {
      const id = this.nextId++;
      this.tasks.set(id, { id, title: String(p.fields?.title ?? '') });
      return { result: { item: this.tasks.get(id) } };
    },
    'tasks.task.get': (p) => {
      if (typeof p.id !== 'number') throw new ApiError(400, 'BITRIX_REST_V3_EXCEPTION_VALIDATION_REQUESTVALIDATIONEXCEPTION', 'Error validating request object');
      const t = this.tasks.get(p.id);
      if (!t) throw new ApiError(400, 'BITRIX_REST_V3_EXCEPTION_ENTITYNOTFOUNDEXCEPTION', `Record with ID = \`${p.id}\` not found`);
      return { result: { item: t } };
    },
    /** REST 3.0 list (rest-v3/index.md filters, main.eventlog.list pagination): `{ items }`, no total. */
    'tasks.task.list': (p) => ({ result: { items: this.v3List(p) } }),
    /** REST 3.0 tail (main.eventlog.tail): the method's own cursor `{ field, order, value, limit }`. */
    'tasks.task.tail': (p) => {
      const c = p.cursor ?? {};
      const field = c.field ?? 'id';
      const desc = String(c.order ?? 'ASC').toUpperCase() === 'DESC';
      const limit = Number(c.limit ?? 50);
      if (!(limit > 0)) throw new ApiError(400, 'BITRIX_REST_V3_EXCEPTION_INVALIDPAGINATIONEXCEPTION', 'Cannot recognize pagination parameter');
      const value = c.value ?? (desc ? Infinity : 0);
      const rows = [...this.tasks.values()].filter((t) => (desc ? t[field] < value : t[field] > value)).sort((a, b) => (a[field] - b[field]) * (desc ? -1 : 1));
      return { result: { items: rows.slice(0, limit) } };
    },
    /** REST 3.0 batch: a bare array of `{ method, query, as }`, `$ref`/`$refArray` substitution, all or nothing. */
    batch: (p) => this.batchV3(p),
  };

  /** The v3 list filter: `[field, op, value]` / `[field, value]` conditions, ANDed. */
  private v3List(p: Json): Json[] {
    const filter: Json[] = Array.isArray(p.filter) ? p.filter : [];
    const test = (t: Json, [field, op, value]: Json[]) => {
      if (value === undefined) (value = op), (op = Array.isArray(op) ? 'in' : '=');
      const a = t[field];
      switch (op) {
        case '>': return a > value;
        case '>=': return a >= value;
        case '<': return a < value;
        case '<=': return a <= value;
        case '!=': return a !== value;
        case 'in': return Array.isArray(value) && value.includes(a);
        default: return a === value;
      }
    };
    let rows = [...this.tasks.values()].filter((t) => filter.every((c) => Array.isArray(c) && test(t, c)));
    const [k, dir] = Object.entries(p.order ?? {})[0] ?? [];
    if (k) rows.sort((a, b) => (a[k as string] > b[k as string] ? 1 : a[k as string] < b[k as string] ? -1 : 0) * (String(dir).toUpperCase() === 'DESC' ? -1 : 1));
    const pg = p.pagination ?? {};
    const limit = Number(pg.limit ?? 50);
    if (!(limit > 0)) throw new ApiError(400, 'BITRIX_REST_V3_EXCEPTION_INVALIDPAGINATIONEXCEPTION', 'Cannot recognize pagination parameter');
    const offset = pg.offset !== undefined ? Number(pg.offset) : (Number(pg.page ?? 1) - 1) * limit;
    rows = rows.slice(offset, offset + limit);
    const sel: string[] | undefined = Array.isArray(p.select) && p.select.length ? p.select : undefined;
    return sel ? rows.map((r) => Object.fromEntries(sel.filter((f) => f in r).map((f) => [f, r[f]]))) : rows;
  }

  private batchV3(cmds: Json): { result: Json } {
    if (!Array.isArray(cmds)) throw new ApiError(400, 'BITRIX_REST_V3_EXCEPTION_VALIDATION_REQUESTVALIDATIONEXCEPTION', 'Error validating request object');
    const ctx: Record<string, Json> = Object.create(null);
    const bad = (what: string) => new ApiError(400, 'BITRIX_REST_V3_EXCEPTION_INVALIDSELECTEXCEPTION', `Unable to resolve reference \`${what}\``);
    const resolve = (v: Json): Json => {
      if (Array.isArray(v)) return v.map(resolve);
      if (v && typeof v === 'object') {
        if (typeof v.$ref === 'string') {
          const [alias, ...path] = v.$ref.split('.');
          let node = ctx[alias!];
          if (node && typeof node === 'object' && 'item' in node) node = node.item;
          for (const k of path) node = node && typeof node === 'object' && Object.prototype.hasOwnProperty.call(node, k) ? node[k] : undefined;
          if (node === undefined) throw bad(v.$ref);
          return node;
        }
        if (typeof v.$refArray === 'string') {
          const [alias, field] = v.$refArray.split('.');
          const items = ctx[alias!]?.items;
          if (!Array.isArray(items) || !field) throw bad(v.$refArray);
          return items.map((i: Json) => i?.[field]);
        }
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)]));
      }
      return v;
    };
    const results: Json[] = [];
    for (const c of cmds) {
      if (!c || typeof c.method !== 'string' || c.query === undefined) throw new ApiError(400, 'BITRIX_REST_V3_EXCEPTION_INVALIDSELECTEXCEPTION', 'Command has no method or query');
      this.counters.batchCommands++;
      const r = this.run(c.method, resolve(c.query), true).result; // an error fails the whole batch
      results.push(r);
      if (typeof c.as === 'string') ctx[c.as] = r;
    }
    return { result: results };
  }

  /** batch.md: sequential commands, `$result[name][...]` substitution, halt, 50-command cap. */
  private batch(p: Json): { result: Json } {
    const cmd: Record<string, string> = p.cmd ?? {};
    const keys = Object.keys(cmd);
    if (keys.length > 50) throw new ApiError(400, 'ERROR_BATCH_LENGTH_EXCEEDED', 'Max batch length exceeded');
    const halt = p.halt === true || p.halt === 1 || p.halt === '1';
    // Null-prototype maps: command keys such as `__proto__` or `constructor` are plain members.
    const map = (): Json => Object.create(null);
    const out = { result: map(), result_error: map(), result_total: map(), result_next: map(), result_time: map() };
    const lookup = (path: string[]): Json => {
      let node: Json = out.result;
      for (const k of path) {
        if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, k)) return undefined;
        node = node[k];
      }
      return node;
    };
    const refs = this.opts.batchRefs;
    const substitute = (v: Json): Json => {
      if (refs !== 'decoded') return v;
      if (typeof v === 'string') {
        return v.replace(/\$result((?:\[[^\]]*\])+)/g, (whole, path: string) => {
          const got = lookup([...path.matchAll(/\[([^\]]*)\]/g)].map((x) => x[1]!));
          return got === undefined || typeof got === 'object' ? whole : String(got);
        });
      }
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, substitute(x)]));
      return v;
    };
    for (const key of keys) {
      const s = String(cmd[key]);
      const q = s.indexOf('?');
      const method = q < 0 ? s : s.slice(0, q);
      // 'literal': references are replaced in the command's raw text, so only `$result[…]` written as is resolves.
      const rawQuery = refs !== 'literal' ? s.slice(q + 1) : s.slice(q + 1).replace(/\$result((?:\[[^\]]*\])+)/g, (whole, path: string) => {
        const got = lookup([...path.matchAll(/\[([^\]]*)\]/g)].map((x) => x[1]!));
        return got === undefined || typeof got === 'object' ? whole : encodeURIComponent(String(got));
      });
      const params = substitute(q < 0 ? {} : parsePhpQuery(rawQuery));
      this.counters.batchCommands++;
      const t0 = Date.now() / 1000;
      try {
        if (method === 'batch') throw new ApiError(400, 'ERROR_BATCH_METHOD_NOT_ALLOWED', 'Method is not allowed for batch usage');
        const r = this.run(method, params);
        out.result[key] = r.result;
        if (r.total !== undefined) out.result_total[key] = r.total;
        if (r.next !== undefined) out.result_next[key] = r.next;
        out.result_time[key] = this.time(t0, method);
      } catch (e) {
        const err = e instanceof ApiError ? e : new ApiError(500, 'INTERNAL_SERVER_ERROR', String(e));
        out.result_error[key] = { error: err.code, error_description: err.description };
        if (halt) break;
      }
    }
    // PHP's json_encode turns empty maps into [] — mimic that.
    for (const k of Object.keys(out) as (keyof typeof out)[]) if (!Object.keys(out[k]).length) out[k] = [];
    return { result: out };
  }
}
