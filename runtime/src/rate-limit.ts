// The portal's leaky bucket (limits.md): every request adds 1 to a counter that drains
// `drainPerSecond` per second; above `burst` the portal answers 503 QUERY_LIMIT_EXCEEDED.
// The limiter that keeps to it: limits/ (gate, stores, AIMD).
export interface RateLimitOptions {
  burst: number;
  drainPerSecond: number;
}
export const RATE_LIMIT_PRESETS = {
  standard: { burst: 50, drainPerSecond: 2 },
  enterprise: { burst: 250, drainPerSecond: 5 },
} as const satisfies Record<string, RateLimitOptions>;
