// One token refresh at a time for every caller that saw the same token expire, shared by the OAuth
// and frame providers. Each caller waits with its own signal (its timeout or AbortSignal ends only
// its wait, never the run others share); a run is bounded by its own timeout; a failed run is
// remembered for a back-off, so callers arriving after it get the same error instead of each
// starting a refresh of its own.

/** Waits for `p` unless this caller's `signal` ends the wait first (the shared work goes on). */
export function until<T>(p: T | Promise<T>, signal?: AbortSignal): Promise<T> {
  return !signal
    ? Promise.resolve(p)
    : new Promise<T>((resolve, reject) => {
        const stop = () => reject(signal.reason);
        if (signal.aborted) return stop();
        signal.addEventListener('abort', stop, { once: true });
        Promise.resolve(p).then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
      });
}

export interface FlightOptions {
  /** Bound of one run, ms (0 or absent: none). The task's signal aborts then and the run fails with `timedOut()`. */
  timeout?: number | undefined;
  timedOut?: (() => Error) | undefined;
  /** How long a failure is handed to later callers, after `failures` failures in a row (default 1 s doubling, at most 60 s). */
  backoff?: ((failures: number) => number) | undefined;
}

export interface Flight {
  /**
   * Joins the run in flight, or starts one; while the back-off of the last failure lasts, rejects
   * at once with that same error. `signal` ends only this caller's wait.
   */
  join(signal?: AbortSignal): Promise<void>;
}

export function singleFlight(task: (signal: AbortSignal) => Promise<void>, o: FlightOptions = {}): Flight {
  let run: Promise<void> | undefined;
  let failed: { e: unknown; until: number } | undefined;
  let failures = 0;
  const start = async () => {
    const ctl = new AbortController();
    const ms = o.timeout ?? 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const work = Promise.resolve().then(() => task(ctl.signal)); // after `run` is set, even if the task throws at once
      await (ms > 0
        ? Promise.race([
            work,
            new Promise<never>((_, reject) => {
              timer = setTimeout(() => {
                const e = o.timedOut?.() ?? new Error(`no answer in ${ms} ms`);
                ctl.abort(e);
                reject(e);
              }, Math.min(ms, 2 ** 31 - 1));
            }),
          ])
        : work);
      failures = 0;
      failed = undefined;
    } catch (e) {
      failed = { e, until: Date.now() + (o.backoff ?? ((n) => Math.min(1000 * 2 ** (n - 1), 60_000)))(++failures) };
      throw e;
    } finally {
      clearTimeout(timer);
      run = undefined;
    }
  };
  return {
    join(signal) {
      if (failed && Date.now() < failed.until) return Promise.reject(failed.e);
      if (!run) (run = start()).catch(() => {}); // every caller may have stopped waiting: no unhandled rejection
      return until(run, signal);
    },
  };
}
