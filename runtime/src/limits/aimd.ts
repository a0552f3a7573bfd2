// AIMD pace (as TCP's congestion control): the share of the portal's drain rate the limiter paces
// at. A refusal halves it (once per pause); every second without one gives back a fixed share.
import type { BucketParams } from './store.js';

/** The pace `dtMs` after it was `f`. */
export const recover = (f: number, dtMs: number, p: BucketParams): number => Math.min(1, f + (p.recoverPerSecond * dtMs) / 1000);
/** The pace after a refusal. */
export const decrease = (f: number, p: BucketParams): number => Math.max(p.minRate, f / 2);
