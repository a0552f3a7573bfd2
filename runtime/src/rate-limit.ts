// Client-side mirror of the portal's leaky bucket (limits.md): every request adds 1 to a counter
// that drains `drainPerSecond` per second; the portal answers 503 QUERY_LIMIT_EXCEEDED above
// `burst`. Reserving a slot up front gives FIFO order and O(1) bookkeeping.
export interface RateLimitOptions {
  burst: number;
  drainPerSecond: number;
}
export const RATE_LIMIT_PRESETS = {
  standard: { burst: 50, drainPerSecond: 2 },
  enterprise: { burst: 250, drainPerSecond: 5 },
} as const satisfies Record<string, RateLimitOptions>;

export interface Bucket {
  /** Reserves a slot; returns how many ms to wait before sending. */
  reserve(): number;
  /** Gives a reservation back (the caller gave up while waiting). */
  release(): void;
  /** The portal said the bucket is full (503): align our counter with it. */
  fill(): void;
}

export function createBucket({ burst, drainPerSecond }: RateLimitOptions, now = Date.now): Bucket {
  // The portal counts arrivals, not sends: one slot of head-room absorbs up to 1/drain s of
  // network jitter (a delayed burst followed by a prompt request would otherwise earn a 503).
  const cap = burst > 1 ? burst - 1 : burst;
  let level = 0;
  let t = now();
  const leak = () => {
    const n = now();
    level = Math.max(0, level - ((n - t) / 1000) * drainPerSecond);
    t = n;
  };
  return {
    reserve() {
      leak();
      level += 1;
      // +1 ms: timers may fire a little early; arriving early is what earns a 503.
      return level > cap ? Math.ceil(((level - cap) / drainPerSecond) * 1000) + 1 : 0;
    },
    release() {
      level = Math.max(0, level - 1);
    },
    fill() {
      leak();
      level = Math.max(level, cap);
    },
  };
}
