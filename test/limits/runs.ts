// The multi-process runs shared by the tests and `npm run bench`: fresh processes against a fake
// portal whose bucket counts refused requests and whose new connections open slowly.
import { FakePortal } from '../fake-portal/server.js';
import { nextJson, script, startChild } from './spawn.js';
import type { RedisServer } from './redis-server.js';

export interface BurstRun { ok: number; failed: number; codes: Record<string, number>; wallMs: number; refusals: number; executed: number }

/** Issue 19: one fresh process sends `calls` concurrent calls; its bucket is the portal's. */
export async function burstRun(o: { burst: number; drainPerSecond: number; calls: number; acceptDelayMs: [number, number] }): Promise<BurstRun> {
  const portal = await FakePortal.start({ burst: o.burst, drainPerSecond: o.drainPerSecond, countRefused: true, acceptDelayMs: o.acceptDelayMs, keepAliveMs: 60_000 });
  try {
    const { lines, done } = startChild(script('burst-child.ts'), { webhookUrl: portal.webhookUrl, burst: o.burst, drainPerSecond: o.drainPerSecond, calls: o.calls, retryBaseMs: (500 * 20) / o.drainPerSecond });
    const r = await nextJson<Omit<BurstRun, 'refusals' | 'executed'>>(lines);
    await done;
    return { ...r, refusals: portal.counters.limited, executed: portal.counters.executed['crm.deal.add'] ?? 0 };
  } finally {
    await portal.close();
  }
}

export interface WorkerResult { ok: number; failed: number; codes: Record<string, number>; wallMs: number; warnings: string[]; samples: string[] }

/**
 * Issue 13: `workers` processes × `callers` callers share `calls` calls through the Redis store;
 * `during` runs once all have started. limits.md's standard bucket (50, 2 per s) with time 50 times faster.
 */
export async function sharedRun(server: RedisServer, o: { workers: number; callers: number; calls: number; burst: number; drainPerSecond: number }, during?: () => Promise<void>) {
  const portal = await FakePortal.start({ burst: o.burst, drainPerSecond: o.drainPerSecond, countRefused: true, acceptDelayMs: [5, 30], keepAliveMs: 60_000 });
  try {
    const kids = Array.from({ length: o.workers }, (_, k) =>
      startChild(script('redis-child.ts'), { webhookUrl: portal.webhookUrl, redisPort: server.port, burst: o.burst, drainPerSecond: o.drainPerSecond, calls: o.calls / o.workers, callers: o.callers, tag: `w${k}` }));
    for (const k of kids) await nextJson(k.lines); // connected and ready
    const t0 = performance.now();
    for (const k of kids) k.child.stdin!.write('go\n');
    const pending = Promise.all(kids.map((k) => nextJson<WorkerResult>(k.lines)));
    await during?.();
    const results = await pending;
    const wallMs = performance.now() - t0;
    await Promise.all(kids.map((k) => k.done));
    const titles = [...portal.deals.values()].map((d) => String(d.TITLE));
    return { results, wallMs, titles, counters: portal.counters, ok: results.reduce((a, r) => a + r.ok, 0) };
  } finally {
    await portal.close();
  }
}
