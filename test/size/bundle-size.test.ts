/**
 * `createClient` + one binding: the method registry is not reachable from it, code-split or as one
 * file (scripts/size.ts, `npm run size`). The goal is ≤ 8 KB gzip; with ky, the prescribed
 * HTTP layer (~5 KB gzip of it), the app measures ~9.0 KB split and ~11.3 KB as one file (24.9 KB
 * before the registry was cut off). The fences below catch regressions, not the goal.
 */
import { describe, expect, it } from 'vitest';
import { measureApp } from '../../scripts/size.js';

describe('bundle size of an app of createClient + a binding', () => {
  it('the registry stays out; sizes within the fences', async () => {
    for (const fn of ['bizprocActivityLog', 'crmItemList']) {
      const { split, one, registryInOneFile } = await measureApp(fn);
      console.log(`${fn}: code-split ${split.gz} B gzip, one file ${one.gz} B gzip`);
      expect(registryInOneFile, fn).toBe(false);
      expect(split.gz, fn).toBeLessThanOrEqual(9_728);
      expect(one.gz, fn).toBeLessThanOrEqual(12_288);
    }
  }, 120_000);
});
