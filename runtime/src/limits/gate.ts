// The gate every request of a client passes: one FIFO queue in front of the store (bucket, pause
// after a refusal, per-method operating time) and a cap on requests in flight while connections
// are still opening (slow start). State changes reach every waiting caller, not only the one
// that was refused, because the queue asks the store again before each admission.
import { operatingBlockMs, type OperatingTime } from '../operating-budget.js';
import { OPERATING_WINDOW_MS, type LimiterStore } from './store.js';

export interface LimiterOptions {
  /** Most calls waiting in the queue; the next one fails with code `QUEUE_FULL` (default 10 000). */
  maxQueue: number;
  /**
   * Requests in flight before the first answers arrive (default 4): each answer allows one more,
   * until `burst`. Starts again after 4 s without requests (idle connections are closed by then).
   */
  slowStart: number;
  /** How often one call is sent again after the portal refused it (503, OPERATION_TIME_LIMIT) (default 10). */
  refusals: number;
  /** AIMD: the lowest pace after refusals, as a share of the drain rate (default 0.25). */
  minRate: number;
  /** AIMD: the share of the drain rate regained per second without a refusal (default 0.05). */
  recoverPerSecond: number;
  /** The bucket's key in a shared store (default: the portal's origin, + `#` + the OAuth client id). */
  key: string;
}
export const LIMITER_DEFAULTS = { maxQueue: 10_000, slowStart: 4, refusals: 10, minRate: 0.25, recoverPerSecond: 0.05 };

export interface GateConfig {
  store: LimiterStore;
  o: Partial<LimiterOptions> & { key: string };
  /** The bucket; `undefined` = no rate limit (the operating time is still kept). */
  bucket: { burst: number; drainPerSecond: number } | undefined;
  /** The pause before the n-th attempt after a refusal (the client's retry back-off). */
  backoff(n: number): number;
  /** The client's transient error for a call the gate did not send (passed in: keeps errors.ts out of a shared chunk). */
  fail(code: 'OPERATION_TIME_LIMIT' | 'QUEUE_FULL', message: string, method: string): Error;
  limitSeconds: number;
  log?: ((line: string) => void) | undefined;
}
export interface Gate {
  /** Waits for a slot; resolves with its id. Rejects on abort, a full queue, or an operating-time block past `deadline`. */
  enter(method: string, signal: AbortSignal, deadline: number): Promise<string>;
  /** The request of slot `id` ended; `code`: its error code, if any. */
  leave(id: string, method: string, code?: string): void;
  /** The `time` of an answer: blocks `method` once its operating time is spent. */
  note(method: string, time: OperatingTime | undefined): void;
  /** `LimiterOptions.refusals`. */
  readonly refusals: number;
}
interface Waiter { method: string; deadline: number; ok(id: string): void; no(e: unknown): void; dead?: boolean; t?: ReturnType<typeof setTimeout> }

const IDLE_MS = 4_000;

export function createGate({ store, o: given, bucket, backoff, fail, limitSeconds, log }: GateConfig): Gate {
  const o = { ...LIMITER_DEFAULTS, ...given };
  const key = o.key;
  const p = { burst: Infinity, drainPerSecond: 1, ...bucket, minRate: o.minRate, recoverPerSecond: o.recoverPerSecond };
  const q: Waiter[] = [];
  const tag = Math.random().toString(36).slice(2);
  let seq = 0, inFlight = 0, cap = Infinity, lastEnd = 0, streak = 0, pausedUntil = 0, running = false;
  let wake: (() => void) | undefined;
  // The latest answer's figures: an OPERATION_TIME_LIMIT answer carries its reset time (read just before).
  let last: [string, OperatingTime | undefined] = ['', undefined];
  async function pump(): Promise<void> {
    if (running) return;
    running = true;
    try {
      for (let w: Waiter | undefined; (w = q[0]); ) {
        if (w.dead) { q.shift(); continue; }
        if (inFlight >= cap) return; // leave() pumps again
        const id = tag + seq++;
        const ms = await store.take(key, id, w.method, p, Math.min(Math.max(w.deadline - Date.now(), 1000), OPERATING_WINDOW_MS));
        if (ms > 0 && !w.dead) {
          await new Promise<void>((r) => { const t = setTimeout(r, ms); wake = () => (clearTimeout(t), r()); });
          wake = undefined;
          continue;
        }
        q.shift();
        if (w.dead) { if (!ms) void store.cancel(key, id); continue; }
        if (!ms) {
          inFlight++;
          w.ok(id);
        } else if (Date.now() - ms > w.deadline) {
          // Documented choice: wait for the reset if it fits the deadline, else fail now.
          w.no(fail('OPERATION_TIME_LIMIT', `operating time exhausted for ${Math.ceil(-ms / 1000)} s; not sent`, w.method));
        } else {
          log?.(`b24: ${w.method} waits ${-ms}ms for operating time`);
          w.t = setTimeout(() => { if (!w.dead) q.unshift(w), void pump(); }, -ms);
        }
      }
    } finally {
      running = false;
    }
  }
  return {
    refusals: o.refusals,
    enter(method, signal, deadline) {
      if (q.length >= o.maxQueue) return Promise.reject(fail('QUEUE_FULL', `the limiter's queue holds ${o.maxQueue} calls; not sent`, method));
      if (bucket && !inFlight && !q.length && Date.now() - lastEnd > IDLE_MS) cap = o.slowStart;
      return new Promise((ok, no) => {
        const off = () => { w.dead = true; clearTimeout(w.t); no(signal.reason); };
        const w: Waiter = { method, deadline, ok: (id) => (signal.removeEventListener('abort', off), ok(id)), no };
        signal.addEventListener('abort', off, { once: true });
        q.push(w);
        void pump();
      });
    },
    leave(id, method, code) {
      inFlight--;
      lastEnd = Date.now();
      let pause = 0;
      if (code === 'QUERY_LIMIT_EXCEEDED') {
        // One episode, one longer back-off: the refusals of requests sent together count once.
        pause = pausedUntil - lastEnd;
        if (pause <= 0) {
          pause = backoff(streak++);
          pausedUntil = lastEnd + pause;
          log?.(`b24: QUERY_LIMIT_EXCEEDED: every call pauses ${Math.round(pause)}ms, pace lowered`);
        }
      } else if (code !== 'NETWORK_ERROR') {
        streak = 0;
        cap = cap + 1 >= p.burst ? Infinity : cap + 1; // an answer: the connection is open
      }
      void store.settle(key, id, p, pause);
      if (code === 'OPERATION_TIME_LIMIT')
        void store.block(key, method, Math.max(last[0] === method ? operatingBlockMs(last[1], 0, lastEnd) : 0, backoff(1)));
      wake?.();
      void pump();
    },
    note(method, time) {
      last = [method, time];
      const ms = operatingBlockMs(time, limitSeconds, Date.now());
      if (ms) void store.block(key, method, ms);
    },
  };
}
