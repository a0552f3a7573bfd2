// Issue 19: a burst of 200 concurrent calls from a fresh process (no connection open yet) against
// a portal whose bucket counts refused requests too and whose new connections open slowly.
// limits.md's bucket as the issue ran it (20 burst, 20 per s) with time 5 times faster: 20, 100 per s;
// the floor is (200 - 20) / 100 = 1.8 s. `npm run bench` reports the wall time against it.
import { describe, expect, it } from 'vitest';
import { burstRun, type BurstRun } from './runs.js';

const RUNS = 20, BURST = 20, DRAIN = 100, CALLS = 200;

describe('cold start: 200 concurrent calls from a fresh process (issue 19)', () => {
  it(`${RUNS} of ${RUNS} runs: no call fails at the caller, none runs twice, no 503 storm`, async () => {
    const runs: BurstRun[] = [];
    for (let i = 0; i < RUNS; i += 2) runs.push(...(await Promise.all([0, 1].map(() => burstRun({ burst: BURST, drainPerSecond: DRAIN, calls: CALLS, acceptDelayMs: [20, 80] })))));
    const floor = ((CALLS - BURST) / DRAIN) * 1000;
    console.log(`[cold start] ${RUNS} runs; refusals per run ${runs.map((r) => r.refusals).join(' ')}; failures ${runs.reduce((a, r) => a + r.failed, 0)};` +
      ` wall/floor ${runs.map((r) => (r.wallMs / floor).toFixed(2)).join(' ')} (floor ${floor} ms; timing goals in npm run bench)`);
    for (const r of runs) {
      expect(r.codes).toEqual({});
      expect(r.ok).toBe(CALLS);
      expect(r.executed).toBe(CALLS); // a refused call is not run; none ran twice
      // A storm refuses hundreds (the issue: 360 failed calls); a run here may see a few at most.
      expect(r.refusals).toBeLessThanOrEqual(BURST);
    }
  }, 600_000);
});
