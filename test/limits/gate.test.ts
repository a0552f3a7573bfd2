// The limiter's reactions (issues 19, 14.8) in one process against the fake portal: a 503 pauses
// every caller and is retried; the queue is bounded; slow start caps requests in flight until
// answers arrive; a far-future operating_reset_at neither hangs nor overflows a timer.
import { describe, expect, it } from 'vitest';
import { B24AbortError, isB24Error } from '@b24gen/runtime';
import { rejection, withPortal } from '../runtime/helpers.js';

describe('limiter: refusals from the portal', () => {
  it('another app spent the bucket (refusals count too): every caller pauses, the refused calls are retried, none fails', async () => {
    const { portal, webhook, lines } = await withPortal({ burst: 10, drainPerSecond: 50, countRefused: true });
    try {
      const c = webhook({ rateLimit: { burst: 10, drainPerSecond: 50 }, retry: { limit: 2, baseDelayMs: 40, maxDelayMs: 400 } });
      portal.spendBucket(30); // over full, and our client does not know it
      const rs = await Promise.all(Array.from({ length: 60 }, (_, i) => c.call('crm.deal.add', { fields: { TITLE: `t${i}` } })));
      expect(new Set(rs).size).toBe(60);
      expect(portal.counters.executed['crm.deal.add']).toBe(60);
      expect(portal.counters.limited).toBeGreaterThan(0);
      // A few episodes of the requests already sent (slow start: 4), not a storm.
      expect(portal.counters.limited).toBeLessThanOrEqual(20);
      expect(lines.some((l) => /QUERY_LIMIT_EXCEEDED: every call pauses/.test(l))).toBe(true);
    } finally {
      await portal.close();
    }
  });
  it('refused more often than `limiter.refusals`: the caller gets QUERY_LIMIT_EXCEEDED', async () => {
    const { portal, webhook } = await withPortal();
    try {
      portal.fault({ kind: 'status', status: 503, code: 'QUERY_LIMIT_EXCEEDED', description: 'Too many requests', times: 100 });
      const c = webhook({ limiter: { refusals: 3 }, retry: { limit: 2, baseDelayMs: 2, maxDelayMs: 5 } });
      const e = await rejection(c.call('user.current'));
      expect(isB24Error(e, 'QUERY_LIMIT_EXCEEDED')).toBe(true);
      expect(portal.counters.requests).toBe(4);
    } finally {
      await portal.close();
    }
  });
});

describe('limiter: bounds (issue 14.8)', () => {
  it('a full queue gives a typed QUEUE_FULL error at once; the queued calls go on', async () => {
    const { portal, webhook } = await withPortal();
    try {
      const c = webhook({ rateLimit: { burst: 2, drainPerSecond: 50 }, limiter: { maxQueue: 5 } });
      const all = await Promise.allSettled(Array.from({ length: 10 }, () => c.call('user.current')));
      const full = all.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
      expect(full.length).toBeGreaterThan(0);
      for (const e of full) {
        expect(isB24Error(e, 'QUEUE_FULL')).toBe(true);
        expect(e.errorClass).toBe('transient');
      }
      expect(all.filter((r) => r.status === 'fulfilled').length + full.length).toBe(10);
      expect(portal.counters.requests).toBe(10 - full.length);
    } finally {
      await portal.close();
    }
  });
  it('an abort while queued ends that call only', async () => {
    const { portal, webhook } = await withPortal();
    try {
      const c = webhook({ rateLimit: { burst: 2, drainPerSecond: 5 } });
      const ac = new AbortController();
      const first = c.call('user.current');
      const queued = c.call('user.current', {}, { signal: ac.signal });
      const after = c.call('user.current');
      ac.abort();
      expect(await rejection(queued)).toBeInstanceOf(B24AbortError);
      await Promise.all([first, after]);
      expect(portal.counters.requests).toBe(2);
    } finally {
      await portal.close();
    }
  });
  it('a server operating_reset_at far in the future: no timer overflow, no lock-out past the 10-minute window', async () => {
    const { portal, webhook } = await withPortal();
    try {
      const time = { start: 1, finish: 2, duration: 1, processing: 1, operating: 1000, operating_reset_at: 1e12 };
      portal.fault({ kind: 'raw', status: 429, method: 'crm.deal.list', body: JSON.stringify({ error: 'OPERATION_TIME_LIMIT', error_description: 'blocked', time }) });
      const c = webhook();
      const t0 = Date.now();
      // The 429 blocks the method for 10 minutes at most: beyond this call's deadline, so it fails now, typed.
      const e = await rejection(c.call('crm.deal.list', {}, { timeout: 5_000 }));
      expect(isB24Error(e, 'OPERATION_TIME_LIMIT')).toBe(true);
      expect(e.description).toMatch(/exhausted for (59\d|600) s; not sent/);
      expect(Date.now() - t0).toBeLessThan(3_000);
      expect(portal.counters.byMethod['crm.deal.list']).toBe(1);
      expect(await c.call('user.current')).toMatchObject({ ID: '1' }); // other methods go on
    } finally {
      await portal.close();
    }
  });
});

describe('limiter: slow start', () => {
  it('at most `slowStart` requests in flight until answers arrive, then more', async () => {
    const { portal, webhook } = await withPortal({ acceptDelayMs: 60 });
    try {
      let inFlight = 0, firstAnswer = false, beforeFirst = 0, max = 0;
      const counting: typeof fetch = async (...a) => {
        inFlight++;
        if (!firstAnswer) beforeFirst = Math.max(beforeFirst, inFlight);
        max = Math.max(max, inFlight);
        try {
          return await fetch(...a);
        } finally {
          inFlight--;
          firstAnswer = true;
        }
      };
      const c = webhook({ rateLimit: { burst: 50, drainPerSecond: 50 }, fetch: counting });
      await Promise.all(Array.from({ length: 40 }, () => c.call('user.current')));
      expect(beforeFirst).toBe(4);
      expect(max).toBeGreaterThan(4);
    } finally {
      await portal.close();
    }
  });
});
