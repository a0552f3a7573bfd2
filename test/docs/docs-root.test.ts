/**
 * Tests find the docs as the generator does, and a run without docs says so in one line: `npm test`
 * (vitest with no file filter) stops with exit code 2 before running anything.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDocsRoot } from '../../generator/src/load/docs-root.js';
import { DOCS_ROOT, PROJECT_ROOT, docsMissing } from '../support/docs.js';
import { selective } from '../support/docs-setup.js';

describe('the docs the tests read', () => {
  it('are where the generator finds them', () => {
    expect(docsMissing).toBeNull();
    expect(DOCS_ROOT).toBe(findDocsRoot({ env: process.env['B24_DOCS'] || undefined, projectRoot: PROJECT_ROOT }));
  });

  it('tells a whole run from a run of chosen files', () => {
    expect(selective(['node', 'vitest', 'run'])).toBe(false);
    expect(selective(['node', 'vitest', 'run', '--project', 'unit'])).toBe(false);
    expect(selective(['node', 'vitest', 'run', 'test/runtime'])).toBe(true);
    expect(selective(['node', 'vitest', 'run', '-t', 'batch'])).toBe(true);
  });

  it('missing, `npm test` prints one line and exits 2', () => {
    const vitest = join(PROJECT_ROOT, 'node_modules/vitest/vitest.mjs');
    const r = spawnSync(process.execPath, [vitest, 'run'], { cwd: PROJECT_ROOT, env: { ...process.env, B24_DOCS: join(PROJECT_ROOT, '.cache/no-docs-here') }, encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(2);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('b24gen tests:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^b24gen tests: no Bitrix24 docs checkout found .*no-docs-here \(missing\)\. To run the tests, put a checkout at docs-input\/b24restdocs/);
    expect(r.stderr).not.toMatch(/ENOENT|\n\s+at /);
  }, 120_000);
});
