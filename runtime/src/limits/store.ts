// Where the limiter keeps its counts. The default (memory-store.ts) lives in one client; a shared
// store (`@b24gen/runtime/redis`) lets every process of an integration obey the portal's one bucket
// and one operating-time budget per method (limits.md counts them per portal, not per process).

/** The portal's leaky bucket (limits.md: X `burst`, Y `drainPerSecond`) and the AIMD tuning. */
export interface BucketParams {
  readonly burst: number;
  readonly drainPerSecond: number;
  /** Lowest share of the drain rate a run of refusals lowers the pace to. */
  readonly minRate: number;
  /** Share of the drain rate regained per second without a refusal (additive increase). */
  readonly recoverPerSecond: number;
}

/**
 * All times are the store's own clock (a shared store uses one clock for every machine); durations
 * passed in are relative. Each method may answer synchronously or with a promise; a shared store
 * must never throw nor hang (it falls back to a local store instead).
 */
export interface LimiterStore {
  /**
   * Admits one request of `method` to bucket `key`: `0` = admitted, counted as in flight under `id`
   * until `settle`/`cancel` or `flightMs` passes; `> 0` = ms to wait (bucket full or paused) before
   * asking again; `< 0` = `method` is blocked by its operating time for `-n` ms.
   */
  take(key: string, id: string, method: string, p: BucketParams, flightMs: number): number | Promise<number>;
  /**
   * Request `id` ended (answered, failed or aborted): it counts as having reached the portal now.
   * `pauseMs > 0`: the portal refused it (503 QUERY_LIMIT_EXCEEDED): the bucket is full, every
   * caller pauses that long, and the pace is halved (once per pause).
   */
  settle(key: string, id: string, p: BucketParams, pauseMs: number): void | Promise<void>;
  /** An admitted request that was never sent. */
  cancel(key: string, id: string): void | Promise<void>;
  /** `method` may not be sent for `ms` (its operating time is spent); extends, never shortens. */
  block(key: string, method: string, ms: number): void | Promise<void>;
}

/** limits.md: the operating-time window. No block lasts longer, whatever a server says. */
export const OPERATING_WINDOW_MS = 600_000;
