/** Where the docs are: --docs, else B24_DOCS, else docs-input/b24restdocs, else ../shared/b24restdocs. */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocsRootError, docsRootCandidates, findDocsRoot, isDocsRoot } from '../../generator/src/load/docs-root.js';

let tmp = '';
let project = '';
const docs = (dir: string) => (mkdirSync(join(dir, 'api-reference'), { recursive: true }), dir);

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'b24gen-root-'));
  project = join(tmp, 'project');
  mkdirSync(project);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('docsRootCandidates', () => {
  it('the flag alone, else the env var alone, else the two defaults in order', () => {
    expect(docsRootCandidates({ flag: 'a', env: '/b', projectRoot: '/p' })).toEqual([resolve('a')]);
    expect(docsRootCandidates({ env: '/b', projectRoot: '/p' })).toEqual(['/b']);
    expect(docsRootCandidates({ projectRoot: '/p/proj' })).toEqual(['/p/proj/docs-input/b24restdocs', '/p/shared/b24restdocs']);
    expect(docsRootCandidates({ flag: '', env: '', projectRoot: '/p/proj' })).toEqual(['/p/proj/docs-input/b24restdocs', '/p/shared/b24restdocs']);
  });
});

describe('findDocsRoot', () => {
  it('order: docs-input before ../shared, and ../shared when docs-input is missing', () => {
    const shared = docs(join(tmp, 'shared/b24restdocs'));
    expect(findDocsRoot({ projectRoot: project })).toBe(shared);
    const input = docs(join(project, 'docs-input/b24restdocs'));
    expect(findDocsRoot({ projectRoot: project })).toBe(input);
    const env = docs(join(tmp, 'env-docs'));
    expect(findDocsRoot({ env, projectRoot: project })).toBe(env);
    const flag = docs(join(tmp, 'flag-docs'));
    expect(findDocsRoot({ flag, env, projectRoot: project })).toBe(flag);
  });

  it('an explicit flag or env var is never silently replaced by a default', () => {
    docs(join(project, 'docs-input/b24restdocs'));
    expect(() => findDocsRoot({ flag: join(tmp, 'nope'), projectRoot: project })).toThrow(DocsRootError);
    expect(() => findDocsRoot({ env: join(tmp, 'nope'), projectRoot: project })).toThrow(DocsRootError);
  });

  it('the error names every path tried and why', () => {
    const noApi = join(tmp, 'no-api');
    mkdirSync(noApi, { recursive: true });
    try {
      findDocsRoot({ flag: noApi, projectRoot: project });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DocsRootError);
      expect((e as DocsRootError).tried).toEqual([`${noApi} (no api-reference/)`]);
      expect((e as Error).message).toContain(noApi);
    }
    try {
      findDocsRoot({ flag: join(tmp, 'missing'), projectRoot: project });
    } catch (e) {
      expect((e as DocsRootError).tried).toEqual([`${join(tmp, 'missing')} (missing)`]);
    }
  });

  it('isDocsRoot needs an api-reference folder', () => {
    expect(isDocsRoot(docs(join(tmp, 'yes')))).toBe(true);
    expect(isDocsRoot(tmp + '/missing')).toBe(false);
  });
});
