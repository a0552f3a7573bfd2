// The default limiter store: one client's memory. The model is the portal's bucket seen from the
// worst case: a request may reach the portal any time between sending and its answer, so it
// counts as "arriving now" while in flight and drains only from its answer on. Crediting drain
// for requests still on their way (behind a TLS handshake, say) is what overflowed the portal
// on a cold start: the late ones arrive together with the prompt ones.
import { decrease, recover } from './aimd.js';
import type { BucketParams, LimiterStore } from './store.js';

interface Bucket { l: number; t: number; f: number; p: number; fl: Map<string, number> }
/** Bound on buckets and method blocks kept (a store shared by many portals' clients). */
const MAX = 1024;

export function createMemoryStore(now: () => number = Date.now): LimiterStore {
  const buckets = new Map<string, Bucket>();
  const blocks = new Map<string, number>(); // key + method -> blocked until
  const at = (key: string, p: BucketParams): Bucket => {
    const n = now();
    let b = buckets.get(key);
    if (!b) {
      if (buckets.size >= MAX) for (const [k, x] of buckets) if (!x.fl.size && x.p <= n) buckets.delete(k);
      buckets.set(key, (b = { l: 0, t: n, f: 1, p: 0, fl: new Map() }));
    }
    const f = recover(b.f, n - b.t, p);
    b.l = Math.max(0, b.l - ((n - b.t) / 1000) * p.drainPerSecond * f);
    b.t = n;
    b.f = f;
    // In flight longer than its deadline: it reached the portal, or never will; count it.
    for (const [id, end] of b.fl) if (end <= n) b.fl.delete(id), b.l++;
    return b;
  };
  return {
    take(key, id, method, p, flightMs) {
      const n = now();
      const k = key + '\n' + method;
      const until = blocks.get(k) ?? 0;
      if (until > n) return n - until;
      blocks.delete(k);
      const b = at(key, p);
      if (b.p > n) return b.p - n;
      const over = b.l + b.fl.size + 1 - (p.burst > 1 ? p.burst - 1 : p.burst); // one slot of head-room for jitter
      if (over > 1e-9) return Math.ceil((over / (p.drainPerSecond * b.f)) * 1000) + 1;
      b.fl.set(id, n + flightMs);
      return 0;
    },
    settle(key, id, p, pauseMs) {
      const b = at(key, p);
      if (b.fl.delete(id)) b.l++;
      if (pauseMs > 0) {
        b.l = Math.max(b.l, p.burst); // the portal's word: its bucket is full
        const n = now();
        if (b.p <= n) (b.f = decrease(b.f, p)), (b.p = n + pauseMs);
      }
    },
    cancel(key, id) {
      buckets.get(key)?.fl.delete(id);
    },
    block(key, method, ms) {
      const k = key + '\n' + method;
      const until = now() + ms;
      if (until <= (blocks.get(k) ?? 0)) return;
      blocks.delete(k);
      if (blocks.size >= MAX) blocks.delete(blocks.keys().next().value!); // the oldest
      blocks.set(k, until);
    },
  };
}
