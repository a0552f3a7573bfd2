// `@b24gen/runtime/redis`: the Redis-backed stores (Node only; ioredis is an optional peer).
// Kept out of the main entry, which stays browser-safe.
//
// Why ioredis rather than node-redis: `defineCommand` registers a Lua script once and calls it by
// EVALSHA (re-sending it after a NOSCRIPT), which is what the limiter runs on every request; its
// Cluster client takes the same scripts (keys of one bucket share a hash tag); it is maintained
// under the Redis organisation; and its options give what a limiter needs when Redis is down
// (no offline queue, command timeout, background reconnects).
export { createRedisLimiterStore, REDIS_LIMITER_OPTIONS } from './limiter-store.js';
export type { RedisClient, RedisLimiterStore, RedisLimiterStoreOptions } from './limiter-store.js';
export { createRedisAppTokenStore } from './token-store.js';
export type { RedisAppTokenStoreOptions } from './token-store.js';
export type { LimiterStore, BucketParams } from '../limits/store.js';
