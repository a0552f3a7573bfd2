// Per-method resource budget (limits.md): the portal blocks a method once its aggregated
// `time.operating` passes 480 s per 10 min, until `time.operating_reset_at`. We remember the
// last figures per method and hold back calls of an exhausted method instead of burning requests.
export interface OperatingTime {
  operating?: number;
  operating_reset_at?: number;
}

export interface OperatingBudget {
  note(method: string, time: OperatingTime | undefined): void;
  /** The portal said OPERATION_TIME_LIMIT: treat the method as exhausted until its reset. */
  block(method: string): void;
  /** ms to wait before `method` may be called again (0 = go). */
  wait(method: string): number;
}

export function createOperatingBudget(limitSeconds = 480, now = Date.now): OperatingBudget {
  const used = new Map<string, { s: number; resetAt: number }>();
  return {
    note(method, time) {
      if (typeof time?.operating === 'number')
        used.set(method, { s: time.operating, resetAt: (time.operating_reset_at ?? 0) * 1000 });
    },
    block(method) {
      const b = used.get(method);
      if (b) b.s = Infinity;
    },
    wait(method) {
      const b = used.get(method);
      if (!b || b.s < limitSeconds) return 0;
      const ms = b.resetAt - now();
      if (ms > 0) return ms;
      used.delete(method); // part of the budget is released; the next response tells the rest
      return 0;
    },
  };
}
