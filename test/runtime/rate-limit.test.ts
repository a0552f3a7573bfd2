import { describe, expect, it } from 'vitest';
import { RATE_LIMIT_PRESETS } from '@b24gen/runtime';
import { createBucket } from '../../runtime/src/rate-limit.js';
import { createOperatingBudget } from '../../runtime/src/operating-budget.js';
import { withPortal } from './helpers.js';

describe('leaky bucket (fake clock)', () => {
  it('lets a burst through, then paces at the drain rate', () => {
    let now = 0;
    const b = createBucket({ burst: 4, drainPerSecond: 2 }, () => now); // one slot kept as head-room
    expect([b.reserve(), b.reserve(), b.reserve()]).toEqual([0, 0, 0]);
    expect(b.reserve()).toBe(501); // (4-3)/2 s, +1 ms margin
    expect(b.reserve()).toBe(1001); // FIFO: queued behind the previous one
    now = 5000; // fully drained
    expect(b.reserve()).toBe(0);
  });
  it('release gives a reservation back; fill aligns with a 503 from the portal', () => {
    let now = 0;
    const b = createBucket({ burst: 3, drainPerSecond: 1 }, () => now);
    b.reserve();
    b.reserve();
    b.release();
    expect(b.reserve()).toBe(0);
    b.fill();
    expect(b.reserve()).toBe(1001);
  });
  it('presets follow limits.md', () => {
    expect(RATE_LIMIT_PRESETS.standard).toEqual({ burst: 50, drainPerSecond: 2 });
    expect(RATE_LIMIT_PRESETS.enterprise).toEqual({ burst: 250, drainPerSecond: 5 });
  });
});

describe('operating budget (fake clock)', () => {
  it('holds a method back once time.operating reaches the limit, until operating_reset_at', () => {
    let now = 1_000_000;
    const b = createOperatingBudget(480, () => now);
    b.note('crm.deal.list', { operating: 100, operating_reset_at: 1100 });
    expect(b.wait('crm.deal.list')).toBe(0);
    b.note('crm.deal.list', { operating: 480.5, operating_reset_at: 1100 });
    expect(b.wait('crm.deal.list')).toBe(100_000);
    expect(b.wait('crm.deal.get')).toBe(0);
    now = 1_100_001;
    expect(b.wait('crm.deal.list')).toBe(0);
    b.note('x', { operating: 1, operating_reset_at: 1200 });
    b.block('x');
    expect(b.wait('x')).toBe(99_999);
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
    const { portal, webhook } = await withPortal({ burst: 5, drainPerSecond: 100 });
    try {
      const c = webhook({ rateLimit: false, retry: { limit: 10, baseDelayMs: 10, maxDelayMs: 100 } });
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
