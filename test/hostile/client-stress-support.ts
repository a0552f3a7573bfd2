/**
 * Shared by `npm run stress` and the vitest version: many calls from concurrent callers through
 * webhook and OAuth clients against the fake portal while faults rain down (5xx, bursts of
 * QUERY_LIMIT_EXCEEDED, resets before and after running, truncated and invalid bodies, stalls,
 * protocol-contradicting 200s, error descriptions that echo secrets, `expired_token` mid-run), and
 * hostile answers (issue 14): redirects to another origin (a recorder that must receive nothing),
 * bodies over the size cap or never ending, JSON nested too deep, `__proto__` keys in results, and
 * refresh faults at each expiry (lost answer after rotation, reset, stall, error status, empty
 * token, redirect). A `REAUTHORIZATION_REQUIRED` is answered as an admin would: new tokens in the
 * app's token store, which the client picks up.
 * Every call must settle exactly once with data of the documented shape or a B24Error subclass;
 * writes (crm.deal.add, each with a unique TITLE) must run at most once server-side; no
 * unhandled rejection; no secret in any error or logger line; heap stays flat.
 */
import { B24Error, createClient, type ClientOptions } from '@b24gen/runtime';
import { FakePortal, type Fault } from '../fake-portal/server.js';
import { Recorder } from '../fake-portal/recorder.js';
import { generatedBits, type TestClient, type TestMethods, type TestMethodsV3 } from '../runtime/helpers.js';

export interface StressOptions {
  calls: number;
  concurrency: number;
  /** Per-call deadline (ms) and how long a stalled request hangs (ms). */
  timeoutMs: number;
  stallMs: number;
  /** Probability that a call is preceded by an injected fault. */
  faultRate?: number;
  /** Expire the OAuth access token this many times during the run. */
  expiries?: number;
  seed?: number;
  onProgress?: (done: number) => void;
}

export interface StressReport {
  calls: number;
  settledOnce: number;
  settledTwice: number;
  unsettled: number;
  resolved: number;
  rejected: number;
  rejectedByType: Record<string, number>;
  untypedRejections: string[];
  badData: string[];
  faultsInjected: number;
  faultsByKind: Record<string, number>;
  expiries: number;
  refreshes: number;
  writes: number;
  writesExecuted: number;
  writeDuplicates: number;
  unhandledRejections: number;
  leaks: string[];
  /** Requests the redirect target received (must be 0), prototypes polluted (must be false). */
  redirectLeaks: number;
  polluted: boolean;
  refreshFaults: Record<string, number>;
  reauthorizations: number;
  /** 14.8: a far-future operating_reset_at: the codes of two calls, how long they took, whether another method still ran, requests sent. */
  limits: { codes: string[]; settledMs: number; otherMethodOk: boolean; sentAfterBlock: number };
  logLines: number;
  errorsSwept: number;
  heapMB: number[];
  ms: number;
}

/** Small deterministic PRNG so a run can be replayed with its seed. */
function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0), s / 2 ** 32);
}

const gc = (globalThis as { gc?: () => void }).gc;
const heapMB = () => (gc?.(), Math.round((process.memoryUsage().heapUsed / 2 ** 20) * 10) / 10);

/** Every string an error shows: message, toString, stack, JSON, own props, the cause chain. */
export function errorTexts(e: unknown, depth = 0): string[] {
  if (depth > 5 || e == null) return [];
  if (typeof e !== 'object') return [String(e)];
  const err = e as Error & { cause?: unknown };
  const out = [String(err.message), String(err), String(err.stack), safeJson(err)];
  for (const k of Object.getOwnPropertyNames(err)) out.push(k + '=' + safeJson((err as any)[k]));
  if ('cause' in err) out.push(...errorTexts(err.cause, depth + 1));
  return out;
}
const safeJson = (v: unknown) => {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
};

export async function runStress(o: StressOptions): Promise<StressReport> {
  const rnd = prng(o.seed ?? 1);
  const portal = await FakePortal.start();
  const elsewhere = await Recorder.start('localhost'); // another origin
  // Each client can only scrub what it knows: the webhook code, or the OAuth client secret and tokens.
  const webhookSecrets = new Set<string>([portal.opts.webhook.code]);
  const secrets = new Set<string>([portal.opts.oauth.clientSecret, portal.accessToken, portal.refreshToken]);
  // The client keeps the client secret and the newest tokens for scrubbing (a bounded set): tokens
  // three refreshes old no longer work. Echoes and the sweep use the same window.
  const live = () => new Set([portal.opts.oauth.clientSecret, ...[...secrets].slice(1).slice(-6)]);
  const lines = { webhook: [] as string[], oauth: [] as string[] };
  const errors = { webhook: [] as unknown[], oauth: [] as unknown[] };
  let unhandled = 0;
  const onUnhandled = () => void unhandled++;
  process.on('unhandledRejection', onUnhandled);

  const common = { allowInsecureHttp: true, rateLimit: false, timeout: o.timeoutMs, retry: { limit: 3, baseDelayMs: 2, maxDelayMs: 20 }, maxResponseBytes: 1_000_000 } as const;
  // The OAuth app keeps its tokens in a store (as a server app does); a re-authorisation writes there.
  let stored = { accessToken: portal.accessToken, refreshToken: portal.refreshToken };
  // A pair becomes the client's (and so scrubbable) when it loads it: only then may echoes show it.
  const store = { load: () => (secrets.add(stored.accessToken).add(stored.refreshToken), stored), save: (t: typeof stored) => void (stored = t) };
  const webhook: TestClient = createClient<TestMethods, TestMethodsV3>({ ...common, webhookUrl: portal.webhookUrl, logger: (l) => lines.webhook.push(l) } as ClientOptions, generatedBits);
  const oauth: TestClient = createClient<TestMethods, TestMethodsV3>(
    {
      ...common,
      portal: portal.url,
      oauthServer: portal.oauthServer,
      logger: (l: string) => lines.oauth.push(l),
      oauth: {
        store, clientId: portal.opts.oauth.clientId, clientSecret: portal.opts.oauth.clientSecret,
        onTokens: (t) => void secrets.add(t.accessToken).add(t.refreshToken),
      },
    } as ClientOptions,
    generatedBits,
  );
  portal.seedDeals(5);

  // ---- faults
  const faultsByKind: Record<string, number> = {};
  let injected = 0;
  const inject = () => {
    const r = rnd();
    const pickStatus = () => [500, 502, 503][Math.floor(rnd() * 3)]!;
    // A portal (or proxy) that echoes credentials back in its error text.
    const echo = `token ${[...live(), ...webhookSecrets].join(' ')} rejected at ${portal.webhookUrl}?auth=${[...secrets].at(-2)}`;
    const menu: [string, Fault][] = [
      ['5xx', { kind: 'status', status: pickStatus(), code: 'INTERNAL_SERVER_ERROR', description: echo }],
      ['5xx-html', { kind: 'raw', status: pickStatus(), body: `<html>Bad gateway ${echo}</html>` }],
      ['query-limit-burst', { kind: 'status', status: 503, code: 'QUERY_LIMIT_EXCEEDED', description: 'Too many requests', times: 1 + Math.floor(rnd() * 6) }],
      ['reset', { kind: 'reset' }],
      ['reset-after', { kind: 'reset-after' }],
      ['truncate', { kind: 'truncate' }],
      ['invalid-json', { kind: 'invalid-json' }],
      ['stall', { kind: 'stall', stallMs: o.stallMs }],
      ['error-with-200', { kind: 'raw', status: 200, body: JSON.stringify({ error: 'ERROR_CORE', error_description: echo }) }],
      ['v3-error-with-200', { kind: 'raw', status: 200, body: JSON.stringify({ error: { code: 'X', message: echo } }) }],
      ['missing-result', { kind: 'raw', status: 200, body: JSON.stringify({ time: { start: 1 } }) }],
      ['json-array', { kind: 'raw', status: 200, body: '[1,2,3]' }],
      ['null-body', { kind: 'raw', status: 200, body: 'null' }],
      ['empty-body', { kind: 'raw', status: 200, body: '' }],
      ['auth-401', { kind: 'status', status: 401, code: 'NO_AUTH_FOUND', description: echo }],
      ['redirect', { kind: 'redirect', status: [301, 302, 303, 307, 308][Math.floor(rnd() * 5)], location: `${elsewhere.url}/rest/1/${portal.opts.webhook.code}/crm.deal.add?auth=${[...secrets].at(-2)}` }],
      ['huge', { kind: 'huge', bytes: 1_500_000, contentLength: rnd() < 0.5 }],
      ['endless', { kind: 'endless' }],
      ['deep', { kind: 'deep', depth: 50_000 }],
      ['proto', { kind: 'proto' }],
    ];
    const [kind, f] = menu[Math.floor(r * menu.length)]!;
    faultsByKind[kind] = (faultsByKind[kind] ?? 0) + (f.times ?? 1);
    injected += f.times ?? 1;
    portal.fault(f);
  };

  // ---- calls
  const settled = new Uint8Array(o.calls);
  const titles: string[] = [];
  const badData: string[] = [];
  const untyped: string[] = [];
  const byType: Record<string, number> = {};
  let resolved = 0;
  let rejected = 0;
  let expiries = 0;
  const expireAt = new Set(Array.from({ length: o.expiries ?? 3 }, (_, i) => Math.floor(((i + 1) * o.calls) / ((o.expiries ?? 3) + 1))));
  const heap: number[] = [heapMB()];
  const sampleEvery = Math.max(1, Math.floor(o.calls / 10));

  // At each expiry the refresh may meet a fault of its own.
  const refreshFaults: Record<string, number> = {};
  const refreshMenu: [string, Fault][] = [
    ['none', { kind: 'status', times: 0 }],
    ['lost-after-rotation', { kind: 'reset-after' }],
    ['reset', { kind: 'reset' }],
    ['stall', { kind: 'stall', stallMs: Math.min(o.stallMs, 2 * o.timeoutMs) }],
    ['error-500', { kind: 'status', status: 500, code: 'server_error' }],
    ['empty-token', { kind: 'raw', status: 200, body: JSON.stringify({ access_token: '', refresh_token: 'x'.repeat(32) }) }],
    ['redirect', { kind: 'redirect', status: 307, location: `${elsewhere.url}/oauth/token/` }],
  ];
  let reauthorizations = 0;
  const one = (i: number): Promise<void> => {
    if (expireAt.has(i)) {
      portal.expireAccessToken();
      expiries++;
      const [kind, f] = refreshMenu[Math.floor(rnd() * refreshMenu.length)]!;
      refreshFaults[kind] = (refreshFaults[kind] ?? 0) + 1;
      if (f.times !== 0) portal.refreshFault(f);
    }
    if (rnd() < (o.faultRate ?? 0.3)) inject();
    const which = rnd() < 0.5 ? 'oauth' : 'webhook';
    const client = which === 'oauth' ? oauth : webhook;
    const what = rnd();
    let p: Promise<unknown>;
    let check: (v: unknown) => boolean;
    if (what < 0.35) {
      const title = `stress-${o.seed ?? 1}-${i}`;
      titles.push(title);
      p = client.call('crm.deal.add', { fields: { TITLE: title } });
      check = (v) => typeof v === 'number';
    } else if (what < 0.6) {
      p = client.call('crm.deal.get', { id: 1 });
      check = (v) => !!v && typeof v === 'object' && (v as { ID?: unknown }).ID === '1';
    } else if (what < 0.8) {
      p = client.call('user.current');
      check = (v) => !!v && typeof v === 'object' && (v as { NAME?: unknown }).NAME === 'John';
    } else {
      p = client.call('crm.deal.list', { filter: { '<=ID': 3 } });
      check = (v) => Array.isArray(v);
    }
    return p.then(
      (v) => {
        settled[i]!++;
        resolved++;
        if (!check(v)) badData.push(`call ${i}: ${safeJson(v).slice(0, 120)}`);
      },
      (e) => {
        settled[i]!++;
        rejected++;
        errors[which].push(e);
        // What an admin does after REAUTHORIZATION_REQUIRED: authorise the app again; the new
        // tokens land in the store (here: the portal's current pair), where the client finds them.
        if ((e as B24Error)?.code === 'REAUTHORIZATION_REQUIRED' && stored.refreshToken !== portal.refreshToken) {
          reauthorizations++;
          stored = { accessToken: portal.accessToken, refreshToken: portal.refreshToken };
        }
        if (!(e instanceof B24Error)) untyped.push(`call ${i}: ${String(e)}`);
        else byType[(e as Error).name + ' ' + (e as B24Error).code] = (byType[(e as Error).name + ' ' + (e as B24Error).code] ?? 0) + 1;
      },
    );
  };

  const t0 = Date.now();
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < o.calls) {
      const i = next++;
      await one(i);
      done++;
      if (done % sampleEvery === 0) {
        heap.push(heapMB());
        o.onProgress?.(done);
      }
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  const ms = Date.now() - t0;

  // ---- limits a server could abuse (14.8): an operating_reset_at in the year 2100 on one method.
  // The call settles typed at once (no setTimeout overflow, no wait for a server-chosen time), the
  // method is then blocked locally for at most the documented 10-minute window, other methods go on.
  const limits = await (async () => {
    portal.fault({
      kind: 'raw', status: 429, method: 'department.get', times: 1,
      body: JSON.stringify({ error: 'OPERATION_TIME_LIMIT', error_description: 'Method is blocked', time: { operating: 900, operating_reset_at: 4_102_444_800 } }),
    });
    const started = Date.now();
    const codes: string[] = [];
    for (let k = 0; k < 2; k++) codes.push(await webhook.call('department.get', { ID: 1 }).then(() => 'ok', (e) => String((e as B24Error)?.code)));
    const settledMs = Date.now() - started;
    const other = await webhook.call('user.current').then((v) => (v as { NAME?: unknown }).NAME === 'John', () => false);
    return { codes, settledMs, otherMethodOk: other, sentAfterBlock: portal.counters.byMethod['department.get'] ?? 0 };
  })();
  // Let stray timers and sockets finish, then sweep.
  await new Promise((r) => setTimeout(r, 50));
  heap.push(heapMB());

  // ---- writes: each unique TITLE ran at most once
  const ran = new Map<string, number>();
  for (const d of portal.deals.values()) if (typeof d.TITLE === 'string') ran.set(d.TITLE, (ran.get(d.TITLE) ?? 0) + 1);
  let executed = 0;
  let dups = 0;
  for (const t of titles) {
    const n = ran.get(t) ?? 0;
    if (n > 0) executed++;
    if (n > 1) dups++;
  }

  // ---- secrets
  const leaks: string[] = [];
  const sweep = (where: string, own: Set<string>, text: string) => {
    for (const s of own) if (s && text.includes(s)) leaks.push(`${where} shows ${s.slice(0, 4)}…: ${text.slice(0, 160)}`);
  };
  for (const [who, own] of [['webhook', webhookSecrets], ['oauth', live()]] as const) {
    for (const l of lines[who]) sweep(`${who} log`, own, l);
    for (const e of errors[who]) for (const t of errorTexts(e)) sweep(`${who} error`, own, t);
  }

  const leftover = portal.faults.reduce((a, f) => a + (f.times ?? 1), 0);
  const report: StressReport = {
    calls: o.calls,
    settledOnce: [...settled].filter((n) => n === 1).length,
    settledTwice: [...settled].filter((n) => n > 1).length,
    unsettled: [...settled].filter((n) => n === 0).length,
    resolved, rejected, rejectedByType: byType, untypedRejections: untyped, badData,
    faultsInjected: injected - leftover, faultsByKind, expiries, refreshes: portal.counters.refreshes,
    writes: titles.length, writesExecuted: executed, writeDuplicates: dups,
    unhandledRejections: unhandled, leaks,
    redirectLeaks: elsewhere.requests.length, polluted: ({} as { polluted?: unknown }).polluted !== undefined || 'polluted' in Object.prototype,
    refreshFaults, reauthorizations, limits, logLines: lines.webhook.length + lines.oauth.length, errorsSwept: errors.webhook.length + errors.oauth.length, heapMB: heap, ms,
  };
  process.off('unhandledRejection', onUnhandled);
  await portal.close();
  await elsewhere.close();
  return report;
}

export function formatReport(r: StressReport): string {
  const top = Object.entries(r.rejectedByType).sort((a, b) => b[1] - a[1]);
  return [
    `stress-client  ${r.calls} calls in ${(r.ms / 1000).toFixed(1)} s`,
    `  calls made:                 ${r.calls} (resolved ${r.resolved}, rejected ${r.rejected})`,
    `  calls settled exactly once: ${r.settledOnce} (twice: ${r.settledTwice}, never: ${r.unsettled})`,
    `  faults injected (consumed): ${r.faultsInjected}  ${JSON.stringify(r.faultsByKind)}`,
    `  token expiries / refreshes: ${r.expiries} / ${r.refreshes}`,
    `  rejections not B24Error:    ${r.untypedRejections.length}`,
    `  data of the wrong shape:    ${r.badData.length}`,
    `  unhandled rejections:       ${r.unhandledRejections}`,
    `  writes / executed / dups:   ${r.writes} / ${r.writesExecuted} / ${r.writeDuplicates}`,
    `  leaks found:                ${r.leaks.length} (swept ${r.errorsSwept} errors, ${r.logLines} log lines)`,
    `  redirect target received:  ${r.redirectLeaks} requests; prototype polluted: ${r.polluted}`,
    `  refresh faults:             ${JSON.stringify(r.refreshFaults)}; re-authorisations ${r.reauthorizations}`,
    `  reset_at in 2100 (14.8):    ${r.limits.codes.join(', ')} in ${r.limits.settledMs} ms; sent ${r.limits.sentAfterBlock}; other method ok: ${r.limits.otherMethodOk}`,
    `  heap MB (gc ${gc ? 'on' : 'off'}):         ${r.heapMB.join(' ')}`,
    `  rejections by type:         ${top.map(([k, n]) => `${k}=${n}`).join(', ')}`,
    ...r.untypedRejections.slice(0, 5).map((s) => '  ! untyped ' + s),
    ...r.badData.slice(0, 5).map((s) => '  ! bad data ' + s),
    ...r.leaks.slice(0, 5).map((s) => '  ! leak ' + s),
  ].join('\n');
}
