/**
 * The packages as users get them: `npm pack` of @b24gen/runtime and @b24gen/client (prepack builds
 * ESM JavaScript + .d.ts + declaration maps with tsc), publint and arethetypeswrong on the
 * tarballs, the tarballs installed into a fresh app outside the repo, and that app:
 * (a) a plain Node ESM script calling a binding against the fake portal on 127.0.0.1,
 * (b) the same from CommonJS through require() (Node ≥ 20.19 loads ES modules synchronously),
 * (c) strict TypeScript under moduleResolution nodenext and bundler (and a .cts file),
 * (d) one binding bundled for the browser with esbuild;
 * then `npm publish --dry-run` of both tarballs. Timings and sizes: `npm run bench:package`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakePortal } from '../fake-portal/server.js';
import { PROJECT_ROOT } from '../support/docs.js';
import { browserBundle, createApp, must, packWorkspaces, run, tsc, tsconfigName, type ConsumerApp, type Packed } from './consumer.js';

const BIN = join(PROJECT_ROOT, 'node_modules/.bin');
let packDir = '';
let packed: Packed;
let app: ConsumerApp;
let portal: FakePortal;
const t0 = performance.now();

beforeAll(async () => {
  portal = await FakePortal.start();
  portal.seedDeals(3);
  packDir = mkdtempSync(join(tmpdir(), 'b24gen-packs-'));
  packed = await packWorkspaces(packDir);
  app = await createApp(packed);
  console.log(`package smoke test: npm pack (with builds) ${(packed.ms / 1000).toFixed(1)} s, npm install ${(app.install.ms / 1000).toFixed(1)} s`);
}, 900_000);

afterAll(async () => {
  await portal?.close();
  app?.remove();
  if (packDir) rmSync(packDir, { recursive: true, force: true });
  console.log(`package smoke test: ${((performance.now() - t0) / 1000).toFixed(1)} s in all`);
});

const MINUTES = 60_000;

/** The tarball's file list and package.json, read back from the installed copy. */
const installed = (name: 'client' | 'runtime') => join(app.dir, 'node_modules/@b24gen', name);
const manifest = (name: 'client' | 'runtime') => JSON.parse(readFileSync(join(installed(name), 'package.json'), 'utf8')) as Record<string, any>;

describe('the tarballs', () => {
  it('package.json: exports with types and import conditions, subpath exports per method, files, sideEffects, repository, license, docs provenance', () => {
    const client = manifest('client');
    const runtime = manifest('runtime');
    for (const pkg of [client, runtime]) {
      expect(pkg.type).toBe('module');
      expect(pkg.sideEffects).toBe(false);
      expect(pkg.license).toBe('MIT');
      expect(pkg.repository).toMatchObject({ type: 'git', url: expect.stringMatching(/^git\+https:/) });
      expect(Array.isArray(pkg.files)).toBe(true);
      expect(pkg.exports['.']).toMatchObject({ types: './dist/index.d.ts', import: './dist/index.js' });
      expect(Object.keys(pkg.exports['.'])).toContain('types');
    }
    expect(client.exports['./methods/*']).toMatchObject({ types: './dist/methods/*.d.ts', import: './dist/methods/*.js' });
    const lock = JSON.parse(readFileSync(join(PROJECT_ROOT, 'generated/generation.lock.json'), 'utf8')) as { docs: { commit: string | null; contentHash: string } };
    expect(client.b24gen.docs).toMatchObject({ repository: 'https://github.com/bitrix24/b24restdocs', commit: lock.docs.commit, contentHash: lock.docs.contentHash });
    expect(client.dependencies['@b24gen/runtime']).toBe(runtime.version);
  });

  it('ship dist/ (JS, .d.ts, declaration maps) and sources, not build configs, tests or the release IR', async () => {
    const list = async (tgz: string) => (await must('tar', ['-tzf', tgz], { cwd: packDir })).stdout.split('\n').filter(Boolean).map((p) => p.replace(/^package\//, ''));
    const client = await list(packed.client);
    const runtime = await list(packed.runtime);
    for (const f of ['dist/index.js', 'dist/index.d.ts', 'dist/index.d.ts.map', 'dist/methods/crm/crm.deal.get.js', 'dist/methods/crm/crm.deal.get.d.ts', 'index.ts', 'LICENSE', 'README.md', 'generation.lock.json', 'error-catalog.json']) expect(client, f).toContain(f);
    for (const f of ['dist/index.js', 'dist/index.d.ts', 'dist/index.d.ts.map', 'src/index.ts', 'LICENSE', 'README.md']) expect(runtime, f).toContain(f);
    for (const f of [...client, ...runtime]) expect(f).not.toMatch(/^(tsconfig.*\.json|ir\.json\.gz|release\.json|node_modules\/|test\/)/);
  });

  it('publint: no errors, warnings or suggestions', { timeout: 3 * MINUTES }, async () => {
    const results = await Promise.all([packed.runtime, packed.client].map((tgz) => run(join(BIN, 'publint'), ['run', '--strict', tgz], { cwd: packDir })));
    for (const r of results) {
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toContain('All good!');
    }
  });

  it('arethetypeswrong: no problems (CJS resolving to ESM is intended: require(esm), checked below)', { timeout: 5 * MINUTES }, async () => {
    const attw = (tgz: string, ...extra: string[]) => run(join(BIN, 'attw'), [tgz, '--ignore-rules', 'cjs-resolves-to-esm', '--format', 'ascii', '--no-color', ...extra], { cwd: packDir });
    const [runtime, client] = await Promise.all([
      attw(packed.runtime),
      attw(packed.client, '--include-entrypoints', './methods/crm/crm.deal.get', './methods/bizproc/bizproc.activity.log'),
    ]);
    for (const r of [runtime, client]) {
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toContain('No problems found');
    }
  });
});

describe('a consumer app outside the repo', () => {
  it('(a) a plain Node ESM script calls a binding (root entry and subpath export) against a local server', async () => {
    const r = await run(process.execPath, ['esm.mjs'], { cwd: app.dir, env: { B24_WEBHOOK_URL: portal.webhookUrl } });
    expect(r.code, r.stderr).toBe(0);
    const title = portal.deals.get(1)!.TITLE as string;
    expect(JSON.parse(r.stdout)).toEqual({ title, subpath: title, code: 'NOT_FOUND' });
  });

  it('(b) require() from a .cjs script (Node ≥ 20.19: require of ES modules), without warnings', async () => {
    const r = await run(process.execPath, ['cjs.cjs'], { cwd: app.dir, env: { B24_WEBHOOK_URL: portal.webhookUrl } });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ title: 'from require()' });
    expect(r.stderr).toBe('');
  });

  it('(c) a strict TypeScript app type-checks under moduleResolution nodenext and bundler (root entry, subpath exports, a .cts file)', { timeout: 5 * MINUTES }, async () => {
    const configs = [
      tsconfigName('nodenext', 'root'),
      tsconfigName('nodenext', 'subpath'),
      tsconfigName('bundler', 'root'),
      tsconfigName('bundler', 'subpath'),
      tsconfigName('nodenext', 'cts'),
    ];
    const results = await Promise.all(configs.map((config) => tsc(app.dir, config)));
    results.forEach((r, i) => expect(r.code, `${configs[i]}\n${r.stdout}${r.stderr}`).toBe(0));
  });

  it('(d) esbuild bundles one binding and createClient for the browser', async () => {
    const b = await browserBundle(app.dir);
    expect(b.inputs.some((i) => i.includes('node_modules/@b24gen/client/dist/methods/bizproc/bizproc.activity.log.js'))).toBe(true);
    expect(b.inputs.some((i) => i.includes('node_modules/@b24gen/runtime/dist/'))).toBe(true);
    // Tree-shaken: no other method module in the eager chunks.
    expect(b.inputs.filter((i) => i.includes('/dist/methods/'))).toHaveLength(1);
    expect(b.text).not.toMatch(/\bnode:/);
    expect(b.text).toContain('bizproc.activity.log');
  });
});

describe('publishing', () => {
  it('npm publish --dry-run of both tarballs', { timeout: 3 * MINUTES }, async () => {
    const tarballs = [[packed.runtime, '@b24gen/runtime'], [packed.client, '@b24gen/client']] as const;
    const results = await Promise.all(tarballs.map(([tgz]) => run('npm', ['publish', '--dry-run', '--loglevel=warn', tgz], { cwd: packDir })));
    results.forEach((r, i) => {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout + r.stderr).toContain(`+ ${tarballs[i]![1]}@`);
    });
  });
});
