// An AppTokenStore on Redis: each portal's `application_token` under `prefix + member_id`, so every
// instance of an app verifies events with the token ONAPPINSTALL delivered to any of them.
import type { AppTokenStore } from '../events/token-store.js';
import type { RedisClient } from './limiter-store.js';

export interface RedisAppTokenStoreOptions {
  /** Prefix of every key (default `b24:app-token:`). */
  prefix?: string | undefined;
  /** Longest wait for a Redis answer; then the operation rejects (default 1 000 ms). */
  commandTimeoutMs?: number | undefined;
}

/** member_id as the portal sends it (a hex string); anything longer is no portal's, and is not looked up. */
const MEMBER_ID = /^[\w.-]{1,128}$/;

export function createRedisAppTokenStore(redis: RedisClient, options: RedisAppTokenStoreOptions = {}): AppTokenStore {
  const { prefix = 'b24:app-token:', commandTimeoutMs = 1_000 } = options;
  const bounded = async <T>(p: Promise<T>): Promise<T> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      return await Promise.race([p, new Promise<never>((_, no) => (timer = setTimeout(() => no(new Error(`Redis app token store: no answer in ${commandTimeoutMs} ms`)), commandTimeoutMs)))]);
    } finally {
      clearTimeout(timer);
    }
  };
  const key = (memberId: string) => {
    if (!MEMBER_ID.test(memberId)) throw new TypeError('Redis app token store: member_id must be 1-128 letters, digits, _ . -');
    return prefix + memberId;
  };
  return {
    async get(memberId) {
      if (!MEMBER_ID.test(memberId)) return undefined;
      return (await bounded(redis.get(key(memberId)))) ?? undefined;
    },
    async set(memberId, applicationToken) {
      if (!applicationToken || typeof applicationToken !== 'string') throw new TypeError('Redis app token store: the application token must be a non-empty string');
      await bounded(redis.set(key(memberId), applicationToken));
    },
    async delete(memberId) {
      await bounded(redis.del(key(memberId)));
    },
    // The store holds no token in memory; its JSON says only where tokens are kept.
    toJSON: () => ({ prefix }),
  } as AppTokenStore;
}
