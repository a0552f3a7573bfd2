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
import { runLimitsBench } from './limits-bench.js';

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
    const slow = await c.listAll('crm.deal.list', { select: ['ID', 'TITLE'], order: { ID: 'ASC' } }); // the caller's own id order: the ID cursor too
    const slowMs = performance.now() - t;
    console.log(`[list] 10,000 items: ID-cursor fast path ${fastReq} HTTP requests (floor 4) for ${fast.length} items in ${fastMs.toFixed(0)} ms;` +
      ` with order { ID: 'ASC' } given ${portal.counters.requests} requests for ${slow.length} items in ${slowMs.toFixed(0)} ms`);
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

/** Lists of 5,000 and 50,000 items (issue 11): ID-ordered, another order, REST 3.0; requests and wall time. */
export async function listSizes(): Promise<void> {
  const listMetas: Record<string, MethodMeta> = {
    ...metas,
    'tasks.task.list': { method: 'tasks.task.list', apiVersion: 3, kind: 'read', list: { paramCase: 'lower', itemsKey: 'items', idField: 'id', paging: 'pagination' } },
  };
  const listBits = { resolveMeta: (m: string, v: 2 | 3) => (v === 3 && m !== 'tasks.task.list' ? undefined : listMetas[m]) };
  for (const n of [5_000, 50_000]) {
    const portal = await FakePortal.start();
    try {
      portal.seedDeals(n);
      portal.seedTasks(n);
      const c = createClient({ webhookUrl: portal.webhookUrl, allowInsecureHttp: true, rateLimit: false, timeout: 300_000 }, listBits);
      const run = async (label: string, f: () => Promise<unknown[]>) => {
        portal.resetCounters();
        const t = performance.now();
        const items = await f();
        console.log(`  ${label}: ${items.length} items, ${portal.counters.requests} requests, ${(performance.now() - t).toFixed(0)} ms`);
      };
      console.log(`[list ${n.toLocaleString('en')}] (fake portal on 127.0.0.1; time is mostly the fake's own sorting)`);
      await run("order { ID: 'ASC' } (ID cursor)", () => c.listAll('crm.deal.list', { order: { ID: 'ASC' }, select: ['ID', 'TITLE'] }));
      await run("order { OPPORTUNITY: 'DESC' } (50 offsets per batch)", () => c.listAll('crm.deal.list', { order: { OPPORTUNITY: 'DESC' }, select: ['ID', 'TITLE'] }));
      await run('v3 tasks.task.list (id anchor, 50 offsets per v3 batch)', () => c.v3.listAll('tasks.task.list', { select: ['id', 'title'] }));
    } finally {
      await portal.close();
    }
  }
}

export async function runRuntimeBench(): Promise<void> {
  await listRequests();
  await listSizes();
  await overhead();
  await throughput();
  await runLimitsBench(); // fresh-process burst, Redis-shared bucket, Redis store overhead (bench/limits-bench.ts)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await runRuntimeBench();
