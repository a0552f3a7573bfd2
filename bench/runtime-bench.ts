// Runtime benchmarks against the fake portal (test/fake-portal/server.ts):
//  1. sustained calls/s as a share of the bucket's drain rate, and 503s that reached the caller
//     (goal ≥ 95 % and 0) — a time-scaled bucket (burst 20, 20/s) so the window stays short;
//  2. HTTP requests to read 10,000 list items (floor: 4 = 50 list calls × 50 items per batch);
//  3. the client's per-call overhead over a bare fetch (bucket disabled).
// Run: npx tsx bench/runtime-bench.ts
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import ky from 'ky';
import { createClient, isB24Error, type MethodMeta } from '@b24gen/runtime';
import { FakePortal } from '../test/fake-portal/server.js';

const metas: Record<string, MethodMeta> = {
  'user.current': { method: 'user.current', apiVersion: 2, kind: 'read' },
  'crm.deal.list': { method: 'crm.deal.list', apiVersion: 2, kind: 'read', list: { paramCase: 'lower', idField: 'ID' } },
};
const bits = { resolveMeta: (m: string) => metas[m], errorClasses: { QUERY_LIMIT_EXCEEDED: 'transient' as const } };

async function throughput(): Promise<void> {
  const burst = 20, drainPerSecond = 20, windowMs = 5_000, workers = 8;
  const portal = await FakePortal.start({ burst, drainPerSecond });
  try {
    const c = createClient({ webhookUrl: portal.webhookUrl, allowInsecureHttp: true, rateLimit: { burst, drainPerSecond }, timeout: 30_000 }, bits);
    let limitedAtCaller = 0;
    const one = () => c.call('user.current').catch((e) => { if (isB24Error(e, 'QUERY_LIMIT_EXCEEDED')) limitedAtCaller++; else throw e; });
    await Promise.all(Array.from({ length: burst }, one)); // spend the burst: what follows is the sustained rate
    const t0 = performance.now();
    let done = 0;
    await Promise.all(Array.from({ length: workers }, async () => {
      while (performance.now() - t0 < windowMs) {
        await one();
        if (performance.now() - t0 <= windowMs) done++;
      }
    }));
    const rate = done / (windowMs / 1000);
    console.log(`[throughput] bucket burst ${burst}, drain ${drainPerSecond}/s (time-scaled standard plan), window ${windowMs / 1000} s, ${workers} concurrent callers`);
    console.log(`  sustained ${rate.toFixed(2)} calls/s = ${((rate / drainPerSecond) * 100).toFixed(1)} % of drain rate (goal ≥ 95 %)`);
    console.log(`  503 QUERY_LIMIT_EXCEEDED: ${portal.counters.limited} sent by the portal, ${limitedAtCaller} reached the caller (goal 0)`);
  } finally {
    await portal.close();
  }
}

async function listRequests(): Promise<void> {
  const portal = await FakePortal.start();
  try {
    portal.seedDeals(10_000);
    const c = createClient({ webhookUrl: portal.webhookUrl, allowInsecureHttp: true, rateLimit: false }, bits);
    let t = performance.now();
    const fast = await c.listAll('crm.deal.list', { select: ['ID', 'TITLE'] });
    const fastMs = performance.now() - t;
    const fastReq = portal.counters.requests;
    portal.resetCounters();
    t = performance.now();
    const slow = await c.listAll('crm.deal.list', { select: ['ID', 'TITLE'], order: { ID: 'ASC' } }); // caller-chosen order: start/next
    const slowMs = performance.now() - t;
    console.log(`[list] 10,000 items: ID-cursor fast path ${fastReq} HTTP requests (floor 4) for ${fast.length} items in ${fastMs.toFixed(0)} ms;` +
      ` start/next path ${portal.counters.requests} requests for ${slow.length} items in ${slowMs.toFixed(0)} ms`);
  } finally {
    await portal.close();
  }
}

async function overhead(): Promise<void> {
  const portal = await FakePortal.start();
  try {
    const c = createClient({ webhookUrl: portal.webhookUrl, allowInsecureHttp: true, rateLimit: false }, bits);
    const url = portal.webhookUrl + 'user.current';
    const bare = async () => {
      const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      JSON.parse(await r.text());
    };
    const http = ky.create({ retry: 0, timeout: false, throwHttpErrors: false });
    const viaKy = async () => JSON.parse(await (await http.post(url, { json: {} })).text()); // the transport alone
    const viaCall = () => c.call('user.current', {});
    const viaInvoke = () => c.invoke(metas['user.current']!, {});
    const time = async (f: () => Promise<unknown>, n: number) => {
      const t = performance.now();
      for (let i = 0; i < n; i++) await f();
      return ((performance.now() - t) * 1000) / n; // µs per call
    };
    // Interleaved rounds, best per variant: other processes on the machine only ever add time.
    const n = 500, rounds = 9;
    const variants = { bare, ky: viaKy, call: viaCall, invoke: viaInvoke };
    for (const f of Object.values(variants)) await time(f, 300); // warm-up
    const best: Record<string, number> = { bare: Infinity, ky: Infinity, call: Infinity, invoke: Infinity };
    const names = Object.keys(variants) as (keyof typeof variants)[];
    for (let r = 0; r < rounds; r++)
      for (let i = 0; i < names.length; i++) {
        const k = names[(i + r) % names.length]!;
        best[k] = Math.min(best[k]!, await time(variants[k], n));
      }
    const d = (k: string) => `${best[k]!.toFixed(0)} µs (+${(best[k]! - best.bare!).toFixed(0)} µs)`;
    console.log(`[overhead] sequential calls to the fake portal, best of ${rounds} interleaved rounds × ${n}: bare fetch ${best.bare!.toFixed(0)} µs/call,` +
      ` client.call ${d('call')}, invoke ${d('invoke')}; the transport alone (ky.post) ${d('ky')}`);
  } finally {
    await portal.close();
  }
}

export async function runRuntimeBench(): Promise<void> {
  await listRequests();
  await overhead();
  await throughput();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await runRuntimeBench();
