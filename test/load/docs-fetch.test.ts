/**
 * Docs on a fresh machine: the pinned commit fetched (shallow) from a local bare repository as the
 * origin (file://, no network), its content hash checked against the pin; moving the pin; the
 * one-line errors for an unknown commit, an unreachable origin, docs that do not match the pin.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../generator/src/cli/main.js';
import { checkoutHead, DocsFetchError, DocsPinError, fetchCommit, locateDocs, MANAGED_DOCS_DIR, movePin, verifyPin } from '../../generator/src/load/docs-fetch.js';
import { DocsRootError } from '../../generator/src/load/docs-root.js';
import { buildIr, docsContentHash, generate } from '../../generator/src/pipeline.js';
import { docsFiles, methodPath, methodPage, removeDir, tempDir, writeDocs, type FixtureMethod } from '../diff/fixture-docs.js';
import { bareOrigin, commitAll, git, gitDocs } from '../support/git-docs.js';

const v1: FixtureMethod[] = [
  { name: 'crm.foo.get', params: [{ name: 'ID', type: 'integer', required: true }], errors: [{ code: 'ERROR_FOO', message: 'Foo failed' }] },
  { name: 'task.bar.list', scope: 'task', params: [{ name: 'FILTER', type: 'object' }] },
];
const added: FixtureMethod = { name: 'crm.foo.add', params: [{ name: 'FIELDS', type: 'object', required: true }] };

let work = '';
let sha1 = '';
let sha2 = '';
let hash1 = '';
let hash2 = '';
let origin: ReturnType<typeof bareOrigin>;
const dirs: string[] = [];

beforeAll(() => {
  ({ dir: work, sha: sha1 } = gitDocs(docsFiles(v1)));
  hash1 = docsContentHash(work);
  writeDocs({ [methodPath(added.name)]: methodPage(added) }, work);
  sha2 = commitAll(work, 'add crm.foo.add');
  hash2 = docsContentHash(work);
  origin = bareOrigin(work);
  dirs.push(work);
});
afterAll(() => {
  origin?.remove();
  dirs.forEach(removeDir);
});

/** A project folder with a pin and no docs (and no ../shared beside it). */
function project(pin: { repository: string; commit: string; contentHash?: string }) {
  const root = join(tempDir('b24gen-project-'), 'project');
  mkdirSync(join(root, 'docs-input'), { recursive: true });
  writeFileSync(join(root, 'docs-input/source.json'), JSON.stringify(pin));
  dirs.push(join(root, '..'));
  return root;
}

describe('docsContentHash', () => {
  it('is the hash buildIr records as ir.source.contentHash', () => {
    expect(buildIr({ docsRoot: work, cacheFile: null }).ir.source.contentHash).toBe(hash2);
    expect(hash1).not.toBe(hash2);
  });
});

describe('fetchCommit', () => {
  it('fetches one commit shallowly into a new folder and checks it out; a second call moves it to another commit', () => {
    const dir = join(tempDir(), 'docs');
    dirs.push(join(dir, '..'));
    fetchCommit({ repository: origin.url, commit: sha1, dir });
    expect(checkoutHead(dir)).toBe(sha1);
    expect(git(dir, 'rev-parse', '--is-shallow-repository')).toBe('true');
    expect(existsSync(join(dir, methodPath('crm.foo.get')))).toBe(true);
    expect(existsSync(join(dir, methodPath(added.name)))).toBe(false);
    expect(docsContentHash(dir)).toBe(hash1);
    fetchCommit({ repository: origin.url, commit: sha2, dir });
    expect(checkoutHead(dir)).toBe(sha2);
    expect(existsSync(join(dir, methodPath(added.name)))).toBe(true);
  });

  it('an unknown commit: one line naming it and the repository; the new folder is removed', () => {
    const dir = join(tempDir(), 'docs');
    dirs.push(join(dir, '..'));
    const unknown = 'f'.repeat(40);
    expect(() => fetchCommit({ repository: origin.url, commit: unknown, dir })).toThrow(new DocsFetchError(`commit ${unknown} not found in ${origin.url}`));
    expect(existsSync(dir)).toBe(false);
  });

  it('not a full SHA, an unreachable origin, a folder that is not a checkout', () => {
    const dir = join(tempDir(), 'docs');
    dirs.push(join(dir, '..'));
    expect(() => fetchCommit({ repository: origin.url, commit: sha1.slice(0, 12), dir })).toThrow(/is not a full 40-character commit SHA/);
    expect(() => fetchCommit({ repository: 'file:///nonexistent/b24restdocs.git', commit: sha1, dir })).toThrow(/^could not fetch file:\/\/\/nonexistent\/b24restdocs\.git at [0-9a-f]{12} \(git: .+\)$/);
    writeDocs({ 'README.md': 'my own copy' }, dir);
    expect(() => fetchCommit({ repository: origin.url, commit: sha1, dir })).toThrow(/exists and is not a git checkout/);
  });
});

describe('locateDocs', () => {
  it('no docs found: fetches the pinned commit into docs-input/b24restdocs and checks its hash', () => {
    const root = project({ repository: origin.url, commit: sha1, contentHash: hash1 });
    const log: string[] = [];
    const found = locateDocs({ projectRoot: root, pin: { repository: origin.url, commit: sha1, contentHash: hash1 }, contentHash: docsContentHash, log: (l) => log.push(l) });
    expect(found).toEqual({ root: join(root, MANAGED_DOCS_DIR), explicit: false, fetched: true });
    expect(checkoutHead(found.root)).toBe(sha1);
    expect(log).toEqual([]); // not a terminal: silent (on a terminal: a note, then git's progress)
    // Found locally the next time.
    expect(locateDocs({ projectRoot: root, pin: { repository: origin.url, commit: sha1, contentHash: hash1 }, contentHash: docsContentHash })).toMatchObject({ fetched: false });
    // The pin moved (e.g. after a pull): the managed checkout follows it.
    const moved = locateDocs({ projectRoot: root, pin: { repository: origin.url, commit: sha2, contentHash: hash2 }, contentHash: docsContentHash });
    expect(moved.fetched).toBe(true);
    expect(checkoutHead(moved.root)).toBe(sha2);
  });

  it('fetched docs whose hash is not the pinned one: DocsPinError, one line', () => {
    const pin = { repository: origin.url, commit: sha1, contentHash: hash2 };
    const root = project(pin);
    const error = (() => {
      try {
        locateDocs({ projectRoot: root, pin, contentHash: docsContentHash });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(DocsPinError);
    expect(error!.message).not.toContain('\n');
    expect(error!.message).toContain(`docs content hash ${hash1} does not match the pin (${hash2.slice(0, 12)}…, commit ${sha1.slice(0, 12)}, docs-input/source.json)`);
  });

  it('offline: one line naming the paths tried, what failed, and how to point --docs / B24_DOCS', () => {
    const pin = { repository: 'file:///nonexistent/b24restdocs.git', commit: sha1, contentHash: hash1 };
    const root = project(pin);
    try {
      locateDocs({ projectRoot: root, pin, contentHash: docsContentHash });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DocsFetchError);
      const message = (e as Error).message;
      expect(message).not.toContain('\n');
      expect(message).toContain(`tried: ${join(root, 'docs-input/b24restdocs')} (missing)`);
      expect(message).toContain('could not fetch file:///nonexistent/b24restdocs.git');
      expect(message).toMatch(/point --docs DIR or B24_DOCS at a checkout of /);
    }
    expect(existsSync(join(root, MANAGED_DOCS_DIR))).toBe(false);
  });

  it('an explicit --docs or B24_DOCS is never replaced by a fetch', () => {
    const root = project({ repository: origin.url, commit: sha1, contentHash: hash1 });
    const pin = { repository: origin.url, commit: sha1, contentHash: hash1 };
    expect(() => locateDocs({ flag: join(root, 'nope'), projectRoot: root, pin, contentHash: docsContentHash })).toThrow(DocsRootError);
    expect(() => locateDocs({ env: join(root, 'nope'), projectRoot: root, pin, contentHash: docsContentHash })).toThrow(DocsRootError);
    expect(locateDocs({ flag: work, projectRoot: root, pin, contentHash: docsContentHash })).toEqual({ root: work, explicit: true, fetched: false });
    expect(existsSync(join(root, MANAGED_DOCS_DIR))).toBe(false);
  });

  it('generate with the pin check (docs from the default places): docs off the pin stop it before anything is written', () => {
    const out = join(tempDir(), 'generated');
    dirs.push(join(out, '..'));
    const pin = { repository: origin.url, commit: sha1, contentHash: hash1 };
    expect(() => generate({ docsRoot: work, outDir: out, cacheFile: null, check: (ir) => verifyPin(work, ir.source.contentHash, pin) })).toThrow(DocsPinError);
    expect(existsSync(out)).toBe(false);
    generate({ docsRoot: work, outDir: out, cacheFile: null, check: (ir) => verifyPin(work, ir.source.contentHash, { ...pin, contentHash: hash2 }) });
    expect(existsSync(join(out, 'package.json'))).toBe(true);
  });

  it('verifyPin: passes on the pinned hash (or a pin without one), one line otherwise', () => {
    const pin = { repository: origin.url, commit: sha1, contentHash: hash1 };
    expect(() => verifyPin(work, hash1, pin)).not.toThrow();
    expect(() => verifyPin(work, hash2, { repository: origin.url, commit: sha1 })).not.toThrow();
    expect(() => verifyPin(work, hash2, pin)).toThrow(DocsPinError);
  });
});

describe('movePin (b24gen docs --commit SHA|latest)', () => {
  it('latest: the origin HEAD, fetched, its hash recorded in the pin file', () => {
    const root = project({ repository: origin.url, commit: sha1, contentHash: hash1 });
    const pinFile = join(root, 'docs-input/source.json');
    const dir = join(root, MANAGED_DOCS_DIR);
    expect(movePin({ repository: origin.url, commit: 'latest', dir, pinFile, contentHash: docsContentHash })).toEqual({ repository: origin.url, commit: sha2, contentHash: hash2 });
    expect(JSON.parse(readFileSync(pinFile, 'utf8'))).toEqual({ repository: origin.url, commit: sha2, contentHash: hash2 });
    expect(checkoutHead(dir)).toBe(sha2);
    movePin({ repository: origin.url, commit: sha1, dir, pinFile, contentHash: docsContentHash });
    expect(JSON.parse(readFileSync(pinFile, 'utf8'))).toEqual({ repository: origin.url, commit: sha1, contentHash: hash1 });
  });

  it('an unknown commit leaves the pin alone', () => {
    const pin = { repository: origin.url, commit: sha1, contentHash: hash1 };
    const root = project(pin);
    const pinFile = join(root, 'docs-input/source.json');
    expect(() => movePin({ repository: origin.url, commit: 'e'.repeat(40), dir: join(root, MANAGED_DOCS_DIR), pinFile, contentHash: docsContentHash })).toThrow(/^commit e{40} not found in file:/);
    expect(JSON.parse(readFileSync(pinFile, 'utf8'))).toEqual(pin);
  });
});

describe('the docs verb', () => {
  const run = async (...argv: string[]) => {
    const err: string[] = [];
    const code = await main(argv, { out: () => {}, err: (t) => err.push(...t.split('\n')) });
    return { code, err };
  };

  it('without --commit, or with something that is not a SHA: exit 2 and one line, nothing fetched', async () => {
    const before = existsSync(join(process.cwd(), MANAGED_DOCS_DIR));
    expect(await run('docs')).toEqual({ code: 2, err: ['b24gen: docs needs --commit SHA (40 hex digits) or --commit latest'] });
    expect(await run('docs', '--commit', 'v1.2')).toEqual({ code: 2, err: ['b24gen: "v1.2" is not a full 40-character commit SHA (or "latest")'] });
    expect(existsSync(join(process.cwd(), MANAGED_DOCS_DIR))).toBe(before);
  });
});

