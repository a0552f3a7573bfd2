import type { MethodMeta } from './contract.js';
import type { B24Error } from './errors.js';

export interface RetryOptions {
  /** Retries after the first attempt (default 4). */
  limit: number;
  baseDelayMs: number;
  maxDelayMs: number;
}
export const DEFAULT_RETRY: RetryOptions = { limit: 4, baseDelayMs: 500, maxDelayMs: 15_000 };

/** Exponential back-off with "equal jitter": half fixed, half random, so clients spread out. */
export const backoff = (r: RetryOptions, attempt: number): number =>
  Math.min(r.maxDelayMs, r.baseDelayMs * 2 ** attempt) * (0.5 + Math.random() / 2);

// The portal refused these before running the method, so repeating a write cannot duplicate it.
const NOT_EXECUTED = ['QUERY_LIMIT_EXCEEDED', 'OPERATION_TIME_LIMIT'];

/** Transient errors are retried for reads; for writes only if the server never ran the call. */
export const mayRetry = (e: B24Error, meta: MethodMeta, retryWrites: boolean): boolean =>
  e.errorClass === 'transient' && (meta.kind === 'read' || retryWrites || NOT_EXECUTED.includes(e.code));

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const done = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', done);
      resolve();
    }, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
