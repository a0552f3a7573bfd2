// A LimiterStore on Redis (ioredis): the bucket and the operating-time blocks shared by every
// process of an integration. Redis down, slow or not yet connected: each operation goes to a
// local in-memory store instead, within `commandTimeoutMs`, with one warning per outage; a call
// never waits on Redis longer than that, and never fails because of it.
import type { Cluster, Redis } from 'ioredis';
import { createMemoryStore } from '../limits/memory-store.js';
import type { BucketParams, LimiterStore } from '../limits/store.js';
import { BLOCK, SETTLE, TAKE } from './scripts.js';

export type RedisClient = Redis | Cluster;

export interface RedisLimiterStoreOptions {
  /** Prefix of every key (default `b24:limit:`). */
  prefix?: string | undefined;
  /** Longest wait for a Redis answer before the local store decides (default 500 ms). */
  commandTimeoutMs?: number | undefined;
  /** After a failure, how long the local store decides before Redis is asked again (default 2 000 ms). */
  retryAfterMs?: number | undefined;
  /** Told when Redis becomes unavailable, at most once a minute (default `console.warn`). */
  onWarning?: ((message: string) => void) | undefined;
}
/** A store that also says whether it is running on its local fallback. */
export interface RedisLimiterStore extends LimiterStore {
  readonly degraded: boolean;
}

/**
 * Recommended options for a dedicated ioredis connection: no offline queue (a command while
 * disconnected fails at once instead of waiting for a reconnect), a bounded command time, no
 * per-command retries; ioredis keeps reconnecting in the background.
 */
export const REDIS_LIMITER_OPTIONS = { enableOfflineQueue: false, commandTimeout: 500, maxRetriesPerRequest: 0, connectTimeout: 2_000 } as const;

type Scripted = { b24gTake(...a: (string | number)[]): Promise<number>; b24gSettle(...a: (string | number)[]): Promise<number>; b24gBlock(...a: (string | number)[]): Promise<number> };

export function createRedisLimiterStore(redis: RedisClient, options: RedisLimiterStoreOptions = {}): RedisLimiterStore {
  const { prefix = 'b24:limit:', commandTimeoutMs = 500, retryAfterMs = 2_000, onWarning = (m: string) => console.warn(m) } = options;
  // defineCommand: EVALSHA with the script's cached SHA, EVAL once after a NOSCRIPT (a restart).
  redis.defineCommand('b24gTake', { numberOfKeys: 3, lua: TAKE });
  redis.defineCommand('b24gSettle', { numberOfKeys: 2, lua: SETTLE });
  redis.defineCommand('b24gBlock', { numberOfKeys: 1, lua: BLOCK });
  const r = redis as unknown as Scripted & RedisClient;
  const local = createMemoryStore();
  let downUntil = 0;
  let degraded = false;
  let warnedAt = -Infinity;
  const fallBack = (why: string) => {
    const now = Date.now();
    downUntil = now + retryAfterMs;
    // One warning, not one per call (nor per flap of a struggling connection).
    if (!degraded && now - warnedAt > 60_000) {
      warnedAt = now;
      onWarning(`b24: the Redis limiter store is unavailable (${why}); limits are kept in this process until it is back`);
    }
    degraded = true;
  };
  async function run<T>(remote: () => Promise<T>, fallback: () => T): Promise<T> {
    if (redis.status !== 'ready') fallBack(`connection ${redis.status}`);
    else if (Date.now() >= downUntil) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        const v = await Promise.race([remote(), new Promise<never>((_, no) => (timer = setTimeout(() => no(new Error(`no answer in ${commandTimeoutMs} ms`)), commandTimeoutMs)))]);
        degraded = false;
        return v;
      } catch (e) {
        fallBack(String((e as Error)?.message ?? e).slice(0, 200));
      } finally {
        clearTimeout(timer);
      }
    }
    return fallback();
  }
  // One hash tag per bucket: its keys land in one cluster slot.
  const keys = (key: string) => `${prefix}{${key.replace(/[{}]/g, '_')}}`;
  const args = (p: BucketParams) => [Number.isFinite(p.burst) ? p.burst : 0, p.drainPerSecond, p.minRate, p.recoverPerSecond];
  return {
    get degraded() {
      return degraded;
    },
    take: (key, id, method, p, flightMs) =>
      run(() => r.b24gTake(`${keys(key)}:b`, `${keys(key)}:f`, `${keys(key)}:op:${method}`, id, ...args(p), Math.ceil(flightMs)), () => local.take(key, id, method, p, flightMs) as number),
    settle: (key, id, p, pauseMs) => run(async () => void (await r.b24gSettle(`${keys(key)}:b`, `${keys(key)}:f`, id, ...args(p), Math.ceil(pauseMs))), () => void local.settle(key, id, p, pauseMs)),
    cancel: (key, id) => run(async () => void (await redis.zrem(`${keys(key)}:f`, id)), () => void local.cancel(key, id)),
    block: (key, method, ms) => run(async () => void (await r.b24gBlock(`${keys(key)}:op:${method}`, Math.max(1, Math.ceil(ms)))), () => void local.block(key, method, ms)),
  };
}
