// Per-method resource budget (limits.md): the portal blocks a method once its aggregated
// `time.operating` passes 480 s per 10 min, until `time.operating_reset_at`.
import { OPERATING_WINDOW_MS } from './limits/store.js';

export interface OperatingTime {
  operating?: number;
  operating_reset_at?: number;
}

/**
 * How long to hold a method back after an answer with these figures: until `operating_reset_at`
 * once `operating` reaches the limit. A reset time beyond the documented 10-minute window (or
 * infinite) is clamped to it: a server may not lock a method out for longer, nor overflow a timer;
 * one that is past, missing or not a number holds nothing back (the next answer tells).
 */
export function operatingBlockMs(time: OperatingTime | undefined, limitSeconds: number, now: number): number {
  if (!(typeof time?.operating === 'number' && time.operating >= limitSeconds)) return 0;
  const ms = Number(time.operating_reset_at) * 1000 - now;
  return ms > 0 ? Math.min(ms, OPERATING_WINDOW_MS) : 0;
}
