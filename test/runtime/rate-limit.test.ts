import { describe, expect, it } from 'vitest';
import { RATE_LIMIT_PRESETS } from '@b24gen/runtime';
import { createMemoryStore } from '../../runtime/src/limits/memory-store.js';
import { operatingBlockMs } from '../../runtime/src/operating-budget.js';
import { withPortal } from './helpers.js';

const params = (burst: number, drainPerSecond: number) => ({ burst, drainPerSecond, minRate: 0.25, recoverPerSecond: 0.05 });

describe('memory store: the leaky bucket (fake clock)', () => {
  it('lets a burst through, then paces at the drain rate; in-flight requests drain only from their answer', () => {
    let now = 0;
    const s = createMemoryStore(() => now);
    const p = params(4, 2); // one slot kept as head-room
    expect([s.take('k', 'a', 'm', p, 60_000), s.take('k', 'b', 'm', p, 60_000), s.take('k', 'c', 'm', p, 60_000)]).toEqual([0, 0, 0]);
    expect(s.take('k', 'd', 'm', p, 60_000)).toBe(501); // (3+1-3)/2 s, +1 ms margin
    now = 5000; // long past, but a, b, c are still in flight: they may reach the portal only now
    expect(s.take('k', 'd', 'm', p, 60_000)).toBe(501);
    s.settle('k', 'a', p, 0);
    s.settle('k', 'b', p, 0);
    s.settle('k', 'c', p, 0);
    now = 5501;
    expect(s.take('k', 'd', 'm', p, 60_000)).toBe(0);
    s.cancel('k', 'd');
    now = 7000;
    expect(s.take('k', 'e', 'm', p, 60_000)).toBe(0);
  });
  it('a request in flight past its deadline counts as arrived', () => {
    let now = 0;
    const s = createMemoryStore(() => now);
    const p = params(2, 1);
    expect(s.take('k', 'a', 'm', p, 100)).toBe(0);
    expect(s.take('k', 'b', 'm', p, 100)).toBe(1001);
    now = 1101; // found expired: a counts as arriving now
    expect(s.take('k', 'b', 'm', p, 100)).toBe(1001);
    now = 2102;
    expect(s.take('k', 'b', 'm', p, 100)).toBe(0);
  });
  it('a refusal fills the bucket, pauses every caller, and halves the pace once per pause; the pace recovers additively', () => {
    let now = 0;
    const s = createMemoryStore(() => now);
    const p = params(3, 1);
    s.take('k', 'a', 'm', p, 60_000);
    s.take('k', 'b', 'm', p, 60_000);
    s.settle('k', 'a', p, 300); // the portal said 503
    s.settle('k', 'b', p, 300); // same episode: no second halving
    expect(s.take('k', 'c', 'other.method', p, 60_000)).toBe(300); // paused, whatever the method
    now = 300;
    // level 3+1 (b arrived) over cap 2 at half pace: (4+1-2)/0.5 s
    expect(s.take('k', 'c', 'm', p, 60_000)).toBeGreaterThan(5000);
    now = 20_000; // ~20 s later the pace is back to 1 (0.5 + 0.05/s × 19.7 s)
    expect(s.take('k', 'c', 'm', p, 60_000)).toBe(0);
    s.take('k', 'd', 'm', p, 60_000);
    expect(s.take('k', 'e', 'm', p, 60_000)).toBe(1001);
  });
  it('method blocks: negative wait, only that method, extended never shortened, bounded map', () => {
    let now = 0;
    const s = createMemoryStore(() => now);
    const p = params(100, 10);
    s.block('k', 'crm.deal.list', 5000);
    s.block('k', 'crm.deal.list', 1000);
    expect(s.take('k', 'a', 'crm.deal.list', p, 1000)).toBe(-5000);
    expect(s.take('k', 'a', 'crm.deal.get', p, 1000)).toBe(0);
    for (let i = 0; i < 5000; i++) s.block('k', `m${i}`, 60_000);
    expect(s.take('k', 'b', 'crm.deal.list', p, 1000)).toBe(0); // evicted: the oldest go first
    expect(s.take('k', 'c', 'm4999', p, 1000)).toBe(-60_000);
  });
  it('presets follow limits.md', () => {
    expect(RATE_LIMIT_PRESETS.standard).toEqual({ burst: 50, drainPerSecond: 2 });
    expect(RATE_LIMIT_PRESETS.enterprise).toEqual({ burst: 250, drainPerSecond: 5 });
  });
});

describe('operating time (limits.md: 480 s per method per 10 min)', () => {
  it('blocks once time.operating reaches the limit, until operating_reset_at, clamped to the 10-minute window', () => {
    const now = 1_000_000;
    expect(operatingBlockMs({ operating: 100, operating_reset_at: 1100 }, 480, now)).toBe(0);
    expect(operatingBlockMs({ operating: 480.5, operating_reset_at: 1100 }, 480, now)).toBe(100_000);
    expect(operatingBlockMs({ operating: 480.5, operating_reset_at: 999 }, 480, now)).toBe(0); // past: released
    // A server's reset time far in the future (or infinite) blocks at most one window, and never overflows a timer.
    expect(operatingBlockMs({ operating: 500, operating_reset_at: 1e12 }, 480, now)).toBe(600_000);
    expect(operatingBlockMs({ operating: 500, operating_reset_at: Infinity }, 480, now)).toBe(600_000);
    expect(operatingBlockMs({ operating: 500, operating_reset_at: 'soon' as unknown as number }, 480, now)).toBe(0);
    expect(operatingBlockMs(undefined, 480, now)).toBe(0);
  });
});

describe('client-side bucket against the portal bucket', () => {
  it('a burst of concurrent calls gets no 503: the client queues them', async () => {
    // drain 10/s: the client's one slot of head-room absorbs 100 ms of arrival jitter (loaded CI)
    const { portal, webhook } = await withPortal({ burst: 5, drainPerSecond: 10 });
    try {
      const c = webhook({ rateLimit: { burst: 5, drainPerSecond: 10 } });
      const t0 = Date.now();
      const rs = await Promise.all(Array.from({ length: 12 }, () => c.call('user.current')));
      expect(rs).toHaveLength(12);
      expect(portal.counters.limited).toBe(0);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(750); // 8 over the (burst - 1) at 10/s
    } finally {
      await portal.close();
    }
  });
  it('without the client bucket the portal answers 503 QUERY_LIMIT_EXCEEDED, which is retried', async () => {
    const { portal, webhook } = await withPortal({ burst: 5, drainPerSecond: 20 });
    try {
      // No bucket: only the pause after each refusal paces the retries, so allow many.
      const c = webhook({ rateLimit: false, retry: { limit: 10, baseDelayMs: 10, maxDelayMs: 100 }, limiter: { refusals: 100 } });
      const rs = await Promise.all(Array.from({ length: 20 }, () => c.call('crm.deal.add', { fields: {} })));
      expect(new Set(rs).size).toBe(20);
      expect(portal.counters.limited).toBeGreaterThan(0);
      expect(portal.counters.executed['crm.deal.add']).toBe(20); // 503 means not executed: no duplicates
    } finally {
      await portal.close();
    }
  });
  it('a batch counts as one request', async () => {
    const { portal, webhook } = await withPortal({ burst: 3, drainPerSecond: 1 });
    try {
      const c = webhook({ rateLimit: { burst: 3, drainPerSecond: 1 } });
      const t0 = Date.now();
      const { results } = await c.batch(Array.from({ length: 50 }, () => ({ method: 'user.current' as const })));
      await c.call('user.current');
      expect(results.filter(Boolean)).toHaveLength(50);
      expect(Date.now() - t0).toBeLessThan(500);
      expect(portal.counters.requests).toBe(2);
    } finally {
      await portal.close();
    }
  });
});
