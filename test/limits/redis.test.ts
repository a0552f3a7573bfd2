// Issue 13: the limiter shared on Redis (a real redis-server on 127.0.0.1), 4 worker processes
// against one fake portal; Redis killed mid-run; the Redis app token store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createRedisAppTokenStore, createRedisLimiterStore, REDIS_LIMITER_OPTIONS } from '@b24gen/runtime/redis';
import { sharedRun } from './runs.js';
import { redisBinary, startRedis, type RedisServer } from './redis-server.js';

const binary = redisBinary();
if (!binary) console.warn('SKIPPED: the Redis tests need the redis-server binary (Debian package redis-server; .ci/run installs it)');

const p = { burst: 50, drainPerSecond: 100, minRate: 0.25, recoverPerSecond: 0.05 };
// limits.md's standard bucket (50, 2 per s) with time 50 times faster: floor (1000 - 50) / 100 = 9.5 s
const run = (server: RedisServer, during?: () => Promise<void>) => sharedRun(server, { workers: 4, callers: 50, calls: 1000, burst: 50, drainPerSecond: 100 }, during);

describe.skipIf(!binary)('limiter store on Redis', () => {
  let server: RedisServer;
  let redis: Redis;
  beforeAll(async () => {
    server = await startRedis();
    redis = new Redis({ host: '127.0.0.1', port: server.port, ...REDIS_LIMITER_OPTIONS, lazyConnect: true });
    await redis.connect();
  });
  afterAll(async () => {
    redis?.disconnect();
    await server?.kill();
  });

  it('the scripts keep the memory store\'s model: burst, in flight, refusal, method blocks; every key has a TTL', async () => {
    const s = createRedisLimiterStore(redis, { prefix: 'unit:' });
    const key = 'https://unit.example{x}';
    const taken = [];
    for (let i = 0; i < 49; i++) taken.push(await s.take(key, `id${i}`, 'm', p, 60_000));
    expect(taken.every((x) => x === 0)).toBe(true);
    expect(await s.take(key, 'id49', 'm', p, 60_000)).toBeGreaterThan(0); // one slot of head-room
    await s.settle(key, 'id0', p, 300); // a 503: paused for every caller, whatever the method
    const w = await s.take(key, 'idx', 'other', p, 60_000);
    expect(w).toBeGreaterThan(200);
    expect(w).toBeLessThanOrEqual(300);
    await s.block(key, 'crm.deal.list', 5_000);
    await s.block(key, 'crm.deal.list', 1_000); // never shortened
    expect(await s.take(key, 'idy', 'crm.deal.list', p, 60_000)).toBeLessThanOrEqual(-4_900);
    const keys = await redis.keys('unit:*');
    expect(keys.sort()).toEqual(['unit:{https://unit.example_x_}:b', 'unit:{https://unit.example_x_}:f', 'unit:{https://unit.example_x_}:op:crm.deal.list']);
    for (const k of keys) expect(await redis.pttl(k)).toBeGreaterThan(0);
    expect(s.degraded).toBe(false);
  });

  it('4 processes × 50 callers, 1,000 calls: no QUERY_LIMIT_EXCEEDED reaches a caller, none lost or run twice', async () => {
    const { results, wallMs, titles, counters } = await run(server);
    const ok = results.reduce((a, r) => a + r.ok, 0);
    const rate = (1000 - 50) / (wallMs / 1000);
    console.log(`[redis] 1,000 calls in ${(wallMs / 1000).toFixed(2)} s: ${rate.toFixed(1)} calls/s after the burst = ${rate.toFixed(1)} % of the drain rate (100/s); ` +
      `portal refusals ${counters.limited}; failures ${JSON.stringify(results.map((r) => r.codes))} ${JSON.stringify(results.flatMap((r) => r.samples))}`);
    expect(results.map((r) => r.codes)).toEqual([{}, {}, {}, {}]);
    expect(ok).toBe(1000);
    expect(counters.executed['crm.deal.add']).toBe(1000);
    expect(new Set(titles).size).toBe(1000);
    expect(results.flatMap((r) => r.warnings)).toEqual([]);
    // The throughput goal (≥ 90 % of the drain rate) is a timing: `npm run bench` measures it.
  }, 120_000);

  it('Redis killed mid-run: every call still settles, on the local limiter, with one warning per process', async () => {
    const own = await startRedis();
    try {
      const { results, titles, counters } = await run(own, async () => {
        await new Promise((r) => setTimeout(r, 1_500));
        await own.kill();
      });
      const settled = results.reduce((a, r) => a + r.ok + r.failed, 0);
      console.log(`[redis killed] settled ${settled} of 1,000; ok ${results.reduce((a, r) => a + r.ok, 0)}; portal refusals ${counters.limited}; ` +
        `failures ${JSON.stringify(results.map((r) => r.codes))}; warnings ${results.map((r) => r.warnings.length)}`);
      expect(settled).toBe(1000);
      expect(counters.executed['crm.deal.add']).toBe(results.reduce((a, r) => a + r.ok, 0)); // refused calls were not run
      expect(new Set(titles).size).toBe(titles.length);
      for (const r of results) expect(r.warnings).toHaveLength(1);
    } finally {
      await own.kill();
    }
  }, 120_000);

  it('Redis not answering: a bounded wait, then the local store, with one warning', async () => {
    const warnings: string[] = [];
    const dead = new Redis({ host: '127.0.0.1', port: server.port, ...REDIS_LIMITER_OPTIONS, lazyConnect: true });
    const s = createRedisLimiterStore(dead, { onWarning: (m) => warnings.push(m) });
    const t0 = Date.now();
    expect(await s.take('k', 'a', 'm', p, 1000)).toBe(0); // never connected: local at once
    expect(await s.take('k', 'b', 'm', p, 1000)).toBe(0);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(s.degraded).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/unavailable/);
    dead.disconnect();
  });

  it('app token store: set, get, delete by member_id; no token in JSON; bad member ids are not looked up', async () => {
    const s = createRedisAppTokenStore(redis, { prefix: 'tok:' });
    await s.set('a1b2c3', 'apptoken0secret0value');
    expect(await s.get('a1b2c3')).toBe('apptoken0secret0value');
    expect(await redis.get('tok:a1b2c3')).toBe('apptoken0secret0value');
    expect(await s.get('other')).toBeUndefined();
    expect(JSON.stringify(s)).not.toContain('apptoken0secret0value');
    expect(await s.get('x'.repeat(500))).toBeUndefined();
    await expect(s.set('bad key\n', 't')).rejects.toThrow(TypeError);
    await s.delete('a1b2c3');
    expect(await s.get('a1b2c3')).toBeUndefined();
  });
});
