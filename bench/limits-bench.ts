// The limiter under a portal that behaves as limits.md says (issues 13, 19):
//  1. fresh-process burst: 200 concurrent calls from a new process, bucket 20 / 20 per s (the
//     issue's runs, real time), refusals counted by the portal, new connections opening slowly
//     (20-80 ms): runs, refusals, failures at the caller, wall time against the floor (180 / 20 = 9 s);
//  2. Redis-shared bucket: 4 processes × 50 callers, 1,000 calls, bucket 50 / 2 per s with time 50
//     times faster (50 / 100 per s): aggregate throughput after the burst against the drain rate;
//  3. the Redis store's per-call overhead (take + settle, the two round trips a call adds), p50/p99.
// Run: npx tsx --conditions=b24gen-source bench/limits-bench.ts   (B24_BENCH_BURST_RUNS: runs, default 20; B24_BENCH_BURST_PARALLEL: at a time, default 4)
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import { createRedisLimiterStore, REDIS_LIMITER_OPTIONS } from '@b24gen/runtime/redis';
import { createMemoryStore } from '../runtime/src/limits/memory-store.js';
import type { LimiterStore } from '../runtime/src/limits/store.js';
import { burstRun, sharedRun, type BurstRun } from '../test/limits/runs.js';
import { redisBinary, startRedis } from '../test/limits/redis-server.js';

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
const pct = (a: number[], q: number) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(a.length * q))]!;

async function freshBurst(): Promise<void> {
  const runs = Number(process.env.B24_BENCH_BURST_RUNS ?? 20), parallel = Number(process.env.B24_BENCH_BURST_PARALLEL ?? 4);
  const o = { burst: 20, drainPerSecond: 20, calls: 200, acceptDelayMs: [20, 80] as [number, number] };
  const floor = ((o.calls - o.burst) / o.drainPerSecond) * 1000;
  const all: BurstRun[] = [];
  for (let i = 0; i < runs; i += parallel) all.push(...(await Promise.all(Array.from({ length: Math.min(parallel, runs - i) }, () => burstRun(o)))));
  const ratio = all.map((r) => r.wallMs / floor);
  console.log(`[fresh-process burst] ${runs} runs (${parallel} at a time), each a new process: 200 concurrent calls, bucket 20 / 20 per s counting refusals, new connections 20-80 ms`);
  console.log(`  refusals (503 sent by the portal): ${all.reduce((a, r) => a + r.refusals, 0)} in all, per run max ${Math.max(...all.map((r) => r.refusals))}; ` +
    `calls failing at the caller: ${all.reduce((a, r) => a + r.failed, 0)} (goal 0 in ${runs} of ${runs}); executed twice: ${all.filter((r) => r.executed !== o.calls).length} runs off`);
  console.log(`  wall time / floor (${floor / 1000} s): median ${median(ratio).toFixed(3)}, max ${Math.max(...ratio).toFixed(3)}; ` +
    `runs within 10 %: ${ratio.filter((x) => x <= 1.1).length} of ${runs}`);
}

async function overheadOf(store: LimiterStore, n: number): Promise<number[]> {
  const p = { burst: 1e9, drainPerSecond: 1e9, minRate: 0.25, recoverPerSecond: 0.05 };
  const us: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await store.take('bench', `id${i}`, 'user.current', p, 60_000);
    await store.settle('bench', `id${i}`, p, 0);
    us.push((performance.now() - t) * 1000);
  }
  return us;
}

async function redisShared(): Promise<void> {
  if (!redisBinary()) return console.log('[redis] skipped: no redis-server binary (Debian package redis-server)');
  const server = await startRedis();
  const redis = new Redis({ host: '127.0.0.1', port: server.port, ...REDIS_LIMITER_OPTIONS, lazyConnect: true });
  try {
    await redis.connect();
    const o = { workers: 4, callers: 50, calls: 1000, burst: 50, drainPerSecond: 100 };
    const r = await sharedRun(server, o);
    const rate = (o.calls - o.burst) / (r.wallMs / 1000);
    console.log(`[redis-shared bucket] ${o.workers} processes × ${o.callers} callers, ${o.calls} calls, bucket 50 / 2 per s time-scaled ×50 (50 / 100 per s), refusals counted`);
    console.log(`  aggregate ${rate.toFixed(1)} calls/s after the burst = ${((rate / o.drainPerSecond) * 100).toFixed(1)} % of the drain rate (goal ≥ 90 %); ` +
      `${r.ok} ok, portal refusals ${r.counters.limited}, QUERY_LIMIT_EXCEEDED at callers ${r.results.reduce((a, x) => a + (x.codes.QUERY_LIMIT_EXCEEDED ?? 0), 0)}, ` +
      `executed ${r.counters.executed['crm.deal.add']} (distinct ${new Set(r.titles).size})`);
    const store = createRedisLimiterStore(redis, { prefix: 'bench:' });
    await overheadOf(store, 300); // warm-up (script load, JIT)
    const viaRedis = await overheadOf(store, 3000);
    const inMemory = await overheadOf(createMemoryStore(), 3000);
    console.log(`[redis store overhead] per call (take + settle, sequential, 3,000 calls): Redis p50 ${median(viaRedis).toFixed(0)} µs, p99 ${pct(viaRedis, 0.99).toFixed(0)} µs;` +
      ` in-memory p50 ${median(inMemory).toFixed(1)} µs, p99 ${pct(inMemory, 0.99).toFixed(1)} µs`);
  } finally {
    redis.disconnect();
    await server.kill();
  }
}

export async function runLimitsBench(): Promise<void> {
  await freshBurst();
  await redisShared();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await runLimitsBench();
