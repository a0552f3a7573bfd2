// One worker process of an integration sharing the portal's bucket through Redis (issue 13): waits
// for "go" on stdin, runs `calls` calls with `callers` concurrent callers, prints one JSON line.
import { createInterface } from 'node:readline';
import { Redis } from 'ioredis';
import { createClient, isB24Error } from '@b24gen/runtime';
import { createRedisLimiterStore, REDIS_LIMITER_OPTIONS } from '@b24gen/runtime/redis';

const c = JSON.parse(process.argv[2]!) as { webhookUrl: string; redisPort: number; burst: number; drainPerSecond: number; calls: number; callers: number; tag: string };
const redis = new Redis({ host: '127.0.0.1', port: c.redisPort, ...REDIS_LIMITER_OPTIONS, lazyConnect: true });
redis.on('error', () => {}); // reported through the store's one warning
await redis.connect();
const warnings: string[] = [];
const store = createRedisLimiterStore(redis, { onWarning: (m) => warnings.push(m) });
const b24 = createClient({
  webhookUrl: c.webhookUrl, allowInsecureHttp: true, rateLimit: { burst: c.burst, drainPerSecond: c.drainPerSecond }, limiterStore: store,
  retry: { baseDelayMs: (500 * 2) / c.drainPerSecond, maxDelayMs: (15_000 * 2) / c.drainPerSecond }, timeout: 300_000,
}, { resolveMeta: (method) => ({ method, apiVersion: 2, kind: 'write' }) });

console.log(JSON.stringify({ ready: true }));
for await (const l of createInterface({ input: process.stdin })) if (l === 'go') break;
const codes: Record<string, number> = {};
const samples: string[] = [];
let next = 0, ok = 0;
const t0 = performance.now();
await Promise.all(Array.from({ length: c.callers }, async () => {
  while (next < c.calls) {
    const i = next++;
    try {
      await b24.call('crm.deal.add', { fields: { TITLE: `${c.tag}-${i}` } });
      ok++;
    } catch (e) {
      const k = isB24Error(e) ? e.code : String(e);
      codes[k] = (codes[k] ?? 0) + 1;
      if (samples.length < 3) samples.push(String((e as Error).message).slice(0, 200));
    }
  }
}));
console.log(JSON.stringify({ ok, failed: c.calls - ok, codes, wallMs: performance.now() - t0, warnings, samples }));
redis.disconnect();
process.exit(0);
