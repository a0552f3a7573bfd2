/**
 * The release flow on crafted docs pairs: the first release records the baseline; then a breaking
 * removal → major, an added method → minor, a description change → patch, no change → no release.
 * Through the CLI: the pin follows the released docs, what to publish is printed; a dirty package
 * folder, docs of unknown commit and a tampered baseline are refused with one line and exit 2.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../generator/src/cli/main.js';
import { generate, GENERATOR_VERSION, loadTemplates } from '../../generator/src/pipeline.js';
import { bumpVersion, release, type ReleaseOptions } from '../../generator/src/release/release.js';
import { readReleaseState } from '../../generator/src/release/state.js';
import { docsFiles, removeDir, tempDir, writeDocs, type FixtureMethod } from '../diff/fixture-docs.js';
import { commitAll, git, gitDocs } from '../support/git-docs.js';

const base: FixtureMethod[] = [
  { name: 'crm.foo.get', params: [{ name: 'ID', type: 'integer', required: true, description: 'The foo identifier' }], result: [{ name: 'TITLE', type: 'string' }], errors: [{ code: 'ERROR_FOO', message: 'Foo failed' }] },
  { name: 'crm.foo.delete', params: [{ name: 'ID', type: 'integer', required: true }] },
  { name: 'task.bar.list', scope: 'task', params: [{ name: 'FILTER', type: 'object' }] },
];

const variants = {
  removal: base.filter((m) => m.name !== 'crm.foo.delete'),
  addition: [...base, { name: 'crm.foo.add', params: [{ name: 'FIELDS', type: 'object', required: true }] }],
  description: base.map((m) => (m.name === 'crm.foo.get' ? { ...m, params: [{ ...m.params![0]!, description: 'The identifier of the foo, from crm.foo.list' }] } : m)),
};

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

const templates = loadTemplates();
let baseDocs = { dir: '', sha: '' };
/** A package folder after the first release from `baseDocs`. */
let released = '';

function docs(methods: FixtureMethod[]) {
  const d = gitDocs(docsFiles(methods));
  dirs.push(d.dir);
  return d;
}

function copyOf(dir: string): string {
  const to = join(tempDir('b24gen-pkg-'), 'generated');
  dirs.push(join(to, '..'));
  cpSync(dir, to, { recursive: true });
  return to;
}

const opts = (docsRoot: string, outDir: string, more: Partial<ReleaseOptions> = {}): ReleaseOptions => ({ docsRoot, outDir, templates, cacheFile: null, date: '2026-05-01', ...more });
const pkgVersion = (dir: string) => (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
const changelog = (dir: string) => readFileSync(join(dir, 'CHANGELOG.md'), 'utf8');

beforeAll(() => {
  baseDocs = docs(base);
  const out = join(tempDir('b24gen-pkg-'), 'generated');
  dirs.push(join(out, '..'));
  generate({ docsRoot: baseDocs.dir, outDir: out, cacheFile: null });
  const r = release(opts(baseDocs.dir, out));
  expect(r).toMatchObject({ previous: null, version: GENERATOR_VERSION, level: 'initial' });
  released = out;
});

describe('bumpVersion', () => {
  it('plain semver', () => {
    expect(bumpVersion('1.4.2', 'major')).toBe('2.0.0');
    expect(bumpVersion('1.4.2', 'minor')).toBe('1.5.0');
    expect(bumpVersion('1.4.2', 'patch')).toBe('1.4.3');
    expect(bumpVersion('1.4.2', 'none')).toBe('1.4.2');
    expect(bumpVersion('0.1.0', 'major')).toBe('1.0.0');
  });
});

describe('the first release', () => {
  it('records the baseline: release.json, the trimmed IR (gzipped), a CHANGELOG entry; generate keeps them', () => {
    const state = readReleaseState(released)!;
    expect(state).toMatchObject({ version: GENERATOR_VERSION, date: '2026-05-01', docs: { commit: baseDocs.sha }, generator: GENERATOR_VERSION });
    const ir = JSON.parse(gunzipSync(readFileSync(join(released, 'ir.json.gz'))).toString('utf8'));
    expect(ir.methods.map((m: { name: string }) => m.name).sort()).toEqual(['crm.foo.delete', 'crm.foo.get', 'task.bar.list']);
    expect(JSON.stringify(ir)).not.toContain('"description"');
    expect(ir.diagnostics).toEqual([]);
    expect(changelog(released)).toMatch(/^# Changelog\n[\s\S]*\n## 0\.1\.0 \(2026-05-01\)\n\nGenerated from the Bitrix24 REST docs at `[0-9a-f]{12}`: 3 methods, 0 events\.\nSemver: \*\*initial release\*\*/);
    // A plain regeneration leaves the release record alone and keeps the released version.
    const again = generate({ docsRoot: baseDocs.dir, outDir: released, cacheFile: null });
    expect(again.write).toMatchObject({ written: [], removed: [] });
    expect(pkgVersion(released)).toBe(GENERATOR_VERSION);
  });
});

describe('a docs update', () => {
  it('a breaking removal → major, listed under breaking changes', () => {
    const out = copyOf(released);
    const r = release(opts(docs(variants.removal).dir, out));
    expect(r).toMatchObject({ level: 'major', version: bumpVersion(GENERATOR_VERSION, 'major') });
    expect(r.report!.summary).toMatchObject({ breaking: 1, methodsRemoved: 1 });
    expect(pkgVersion(out)).toBe(r.version);
    expect(readReleaseState(out)!.version).toBe(r.version);
    expect(existsSync(join(out, 'methods/crm/crm.foo.delete.ts'))).toBe(false);
    const log = changelog(out);
    expect(log.indexOf(`## ${r.version} (2026-05-01)`)).toBeLessThan(log.indexOf(`## ${GENERATOR_VERSION} (`));
    expect(r.changelogEntry).toContain('Semver: **major**, API diff: 1 breaking, 0 other changes.');
    expect(r.changelogEntry).toContain('### Breaking changes\n\n- `crm.foo.delete`\n  - method removed: the binding and its types disappear');
  });

  it('an added method → minor', () => {
    const out = copyOf(released);
    const r = release(opts(docs(variants.addition).dir, out));
    expect(r).toMatchObject({ level: 'minor', version: bumpVersion(GENERATOR_VERSION, 'minor') });
    expect(r.changelogEntry).toContain('### Other changes\n\n- `crm.foo.add`\n  - method added');
    expect(r.changelogEntry).not.toContain('Breaking');
    expect(existsSync(join(out, 'methods/crm/crm.foo.add.ts'))).toBe(true);
  });

  it('a description change → patch (no API change, the doc comments changed)', () => {
    const out = copyOf(released);
    const r = release(opts(docs(variants.description).dir, out));
    expect(r.report!.changes).toEqual([]);
    expect(r).toMatchObject({ level: 'patch', version: bumpVersion(GENERATOR_VERSION, 'patch'), why: 'no API change; documentation comments or emitted code changed' });
    expect(readFileSync(join(out, 'methods/crm/crm.foo.get.ts'), 'utf8')).toContain('from crm.foo.list');
  });

  it('the same API and files at another commit → no new version, no changelog entry; --bump raises the level', () => {
    const out = copyOf(released);
    const same = docs(base);
    const r = release(opts(same.dir, out));
    expect(r).toMatchObject({ level: 'none', version: GENERATOR_VERSION, changelogEntry: null });
    expect(changelog(out)).toBe(changelog(released));
    const bumped = release(opts(same.dir, out, { bump: 'minor' }));
    expect(bumped).toMatchObject({ level: 'minor', version: bumpVersion(GENERATOR_VERSION, 'minor') });
    expect(bumped.why).toBe('no API change; raised to minor by --bump');
  });

  it('releases chain: the next diff starts from the last release', () => {
    const out = copyOf(released);
    release(opts(docs(variants.addition).dir, out));
    const r = release(opts(docs([...variants.addition, { name: 'crm.foo.copy' }]).dir, out));
    expect(r.report!.changes.map((c) => `${c.kind} ${c.name}`)).toEqual(['method-added crm.foo.copy']);
    expect(r.version).toBe(bumpVersion(bumpVersion(GENERATOR_VERSION, 'minor'), 'minor'));
    expect(changelog(out).match(/^## /gm)).toHaveLength(3);
  });
});

describe('the release verb', () => {
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(...t.split('\n')) });
    return { code, out: out.join('\n'), err };
  };

  /** A package folder in a git repository, committed, with a pin file beside it. */
  function repo() {
    const root = tempDir('b24gen-repo-');
    dirs.push(root);
    const out = join(root, 'generated');
    cpSync(released, out, { recursive: true });
    const pin = join(root, 'source.json');
    writeFileSync(pin, JSON.stringify({ repository: 'https://github.com/bitrix24/b24restdocs', commit: baseDocs.sha, contentHash: 'x' }));
    git(root, 'init', '--quiet');
    commitAll(root, 'release 0.1.0');
    return { root, out, pin };
  }

  it('regenerates, bumps, prints the entry and what to publish, moves the pin', async () => {
    const { out, pin } = repo();
    const next = docs(variants.addition);
    const r = await run('release', '--docs', next.dir, '--out', out, '--pin', pin, '--no-cache');
    expect(r.code, r.err.join('\n')).toBe(0);
    const version = bumpVersion(GENERATOR_VERSION, 'minor');
    expect(r.out).toMatch(new RegExp(`^## ${version.replace(/\./g, '\\.')} \\(\\d{4}-\\d\\d-\\d\\d\\)`));
    expect(r.err.find((l) => l.startsWith('b24gen: docs pin → '))).toContain(next.sha);
    expect(r.err).toContain(`  npm publish --workspace generated   # @b24gen/client@${version} (prepack builds dist/)`);
    expect(r.err.some((l) => l.includes(`@b24gen/client ${GENERATOR_VERSION} → ${version} (minor:`))).toBe(true);
    expect(JSON.parse(readFileSync(pin, 'utf8'))).toMatchObject({ commit: next.sha, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(pkgVersion(out)).toBe(version);
  });

  it('a dirty package folder: exit 2, one line, nothing written', async () => {
    const { out, pin } = repo();
    writeFileSync(join(out, 'index.ts'), '// edited by hand\n');
    const r = await run('release', '--docs', docs(variants.addition).dir, '--out', out, '--pin', pin, '--no-cache');
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/^b24gen: .*generated has 1 uncommitted change \(generated\/index\.ts\); commit or discard them before a release$/);
    expect(pkgVersion(out)).toBe(GENERATOR_VERSION);
  });

  it('docs of unknown commit, a tampered baseline, a bad --bump: exit 2 and one line each', async () => {
    const { out, pin } = repo();
    const plain = writeDocs(docsFiles(variants.addition));
    dirs.push(plain);
    const unknown = await run('release', '--docs', plain, '--out', out, '--pin', pin, '--no-cache');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toEqual([expect.stringMatching(/^b24gen: .*: unknown docs commit \(no \.git, no B24_DOCS_COMMIT, not the pinned snapshot\); release from a git checkout of /)]);

    const bump = await run('release', '--docs', plain, '--out', out, '--pin', pin, '--bump', 'huge');
    expect(bump).toMatchObject({ code: 2, err: ['b24gen: release --bump must be patch, minor or major, not "huge"'] });

    const { out: out2, pin: pin2, root } = repo();
    writeFileSync(join(out2, 'ir.json.gz'), 'not gzip');
    commitAll(root, 'tamper');
    const tampered = await run('release', '--docs', docs(variants.addition).dir, '--out', out2, '--pin', pin2, '--no-cache');
    expect(tampered.code).toBe(2);
    expect(tampered.err).toEqual([expect.stringMatching(/ir\.json\.gz does not match the sha256 in release\.json \(release 0\.1\.0\)$/)]);
  });
});
