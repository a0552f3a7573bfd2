/**
 * `createClient` + one binding: the method registry is not reachable from it, code-split or as one
 * file (scripts/size.ts, `npm run size`). The goal is ≤ 8 KB gzip; with ky, the prescribed
 * HTTP layer (~5 KB gzip of it), the app measured ~9.0 KB split and ~11.3 KB as one file (24.9 KB
 * before the registry was cut off). Since: ~10.3 KB split (response size/depth and redirect guards,
 * auth providers, method-name checks; the limiter loads with the first call, +1.8 KB) and ~19.0 KB
 * as one file (REST 3.0 batch and lists, the shared limiter, OAuth token store). The fences below
 * catch regressions, not the goal.
 */
import { describe, expect, it } from 'vitest';
import { measureApp } from '../../scripts/size.js';

describe('bundle size of an app of createClient + a binding', () => {
  it('the registry stays out; sizes within the fences', async () => {
    for (const fn of ['bizprocActivityLog', 'crmItemList']) {
      const { split, one, registryInOneFile } = await measureApp(fn);
      console.log(`${fn}: code-split ${split.gz} B gzip, one file ${one.gz} B gzip`);
      expect(registryInOneFile, fn).toBe(false);
      expect(split.gz, fn).toBeLessThanOrEqual(10_752);
      expect(one.gz, fn).toBeLessThanOrEqual(19_968);
    }
  }, 120_000);
});
