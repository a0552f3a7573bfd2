/**
 * Regeneration is deterministic: the same docs give byte-identical output and a second run writes
 * nothing; one changed page rewrites only its method's module and the package files that depend
 * on it; generation.lock.json records the provenance.
 */
import { readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate, GENERATOR_VERSION } from '../../generator/src/pipeline.js';
import { docsFiles, methodPath, methodPage, removeDir, tempDir, writeDocs, type FixtureMethod } from '../diff/fixture-docs.js';

const methods: FixtureMethod[] = [
  { name: 'crm.foo.get', params: [{ name: 'ID', type: 'integer', required: true }], result: [{ name: 'result', type: 'object', fields: [{ name: 'ID', type: 'integer' }] }], errors: [{ code: 'ERROR_FOO', message: 'Foo failed' }] },
  { name: 'crm.foo.add', params: [{ name: 'FIELDS', type: 'object', required: true, fields: [{ name: 'TITLE' }] }] },
  { name: 'task.bar.list', scope: 'task', params: [{ name: 'FILTER', type: 'object' }] },
];

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

function snapshot(root: string): Map<string, { text: string; mtimeMs: number }> {
  const out = new Map<string, { text: string; mtimeMs: number }>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else out.set(relative(root, full).split(sep).join('/'), { text: readFileSync(full, 'utf8'), mtimeMs: statSync(full).mtimeMs });
    }
  };
  walk(root);
  return out;
}

/** Sets every file's mtime to a fixed past time, so a rewrite is visible whatever the clock resolution. */
function ageFiles(root: string): void {
  const past = new Date('2020-01-01T00:00:00Z');
  for (const rel of snapshot(root).keys()) utimesSync(join(root, rel), past, past);
}

function setup() {
  const docs = writeDocs(docsFiles(methods));
  const out = tempDir('b24gen-out-');
  const cache = join(tempDir('b24gen-cache-'), 'pages.json');
  dirs.push(docs, out, join(cache, '..'));
  return { docs, out, cache };
}

describe('regeneration', () => {
  it('twice from the same docs: byte-identical, the second run writes 0 files and keeps mtimes', () => {
    const { docs, out, cache } = setup();
    const first = generate({ docsRoot: docs, outDir: out, cacheFile: cache });
    expect(first.write.written.length).toBeGreaterThan(5);
    ageFiles(out);
    const before = snapshot(out);
    const second = generate({ docsRoot: docs, outDir: out, cacheFile: cache });
    expect(second.write).toEqual({ written: [], unchanged: before.size, removed: [] });
    expect(second.stats.cached).toBe(second.stats.pages);
    expect(snapshot(out)).toEqual(before);
    // Without the page cache too, into a fresh folder: the same bytes.
    const other = tempDir('b24gen-out-');
    dirs.push(other);
    generate({ docsRoot: docs, outDir: other, cacheFile: null });
    expect(new Map([...snapshot(other)].map(([k, v]) => [k, v.text]))).toEqual(new Map([...before].map(([k, v]) => [k, v.text])));
  });

  it('one changed page rewrites only its module and the package files that depend on it', () => {
    const { docs, out, cache } = setup();
    generate({ docsRoot: docs, outDir: out, cacheFile: cache });
    const before = snapshot(out);
    const moduleOf = (name: string) => [...before.keys()].find((k) => k.startsWith('methods/') && k.endsWith(`/${name}.ts`))!;
    expect(moduleOf('crm.foo.get')).toBeDefined();

    // A description change: the module's TSDoc changes; the lock file's content hash, the README and package.json (which show it)
    // and the OpenAPI document (which carries every description) follow.
    const changed = structuredClone(methods);
    changed[0]!.params![0]!.description = 'The identifier of the foo';
    writeDocs({ [methodPath('crm.foo.get')]: methodPage(changed[0]!) }, docs);
    ageFiles(out);
    const r1 = generate({ docsRoot: docs, outDir: out, cacheFile: cache });
    expect(r1.stats.parsed).toBe(1);
    expect(r1.write.written.sort()).toEqual(['README.md', 'generation.lock.json', 'openapi.json', 'package.json', moduleOf('crm.foo.get')].sort());
    expect(r1.write.removed).toEqual([]);
    const after1 = snapshot(out);
    for (const [rel, v] of after1) if (!r1.write.written.includes(rel)) expect(v.mtimeMs, rel).toBe(new Date('2020-01-01T00:00:00Z').getTime());

    // A new error code: the module, the error catalog (json, md, ts), the OpenAPI document (its error responses) and the provenance change; nothing else.
    changed[0]!.errors!.push({ code: 'ERROR_BAR', message: 'Bar failed' });
    writeDocs({ [methodPath('crm.foo.get')]: methodPage(changed[0]!) }, docs);
    const r2 = generate({ docsRoot: docs, outDir: out, cacheFile: cache });
    // A new code also joins the union of known codes (error-codes.ts).
    expect(r2.write.written.sort()).toEqual(['README.md', 'error-catalog.json', 'error-catalog.md', 'error-catalog.ts', 'error-codes.ts', 'generation.lock.json', 'openapi.json', 'package.json', moduleOf('crm.foo.get')].sort());
    expect(JSON.parse(readFileSync(join(out, 'error-catalog.json'), 'utf8')).entries.map((e: { code: string }) => e.code)).toContain('ERROR_BAR');
  });

  it('a removed page removes its module', () => {
    const { docs, out, cache } = setup();
    generate({ docsRoot: docs, outDir: out, cacheFile: cache });
    removeDir(join(docs, methodPath('task.bar.list')));
    const r = generate({ docsRoot: docs, outDir: out, cacheFile: cache });
    expect(r.write.removed).toHaveLength(1);
    expect(r.write.removed[0]).toMatch(/task\.bar\.list\.ts$/);
  });

  it('generation.lock.json records docs repository, commit where known, content hash, generator version', () => {
    const { docs, out, cache } = setup();
    const r = generate({ docsRoot: docs, outDir: out, cacheFile: cache });
    const lock = JSON.parse(readFileSync(join(out, 'generation.lock.json'), 'utf8'));
    expect(lock).toEqual({
      generator: { name: 'b24gen', version: GENERATOR_VERSION },
      irSchemaVersion: r.ir.schemaVersion,
      docs: { repository: expect.stringMatching(/^https:\/\//), commit: r.ir.source.commit, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(lock.docs.contentHash).toBe(r.ir.source.contentHash);
    // A docs checkout with a .git HEAD: its commit is recorded.
    const sha = 'a'.repeat(40);
    writeDocs({ '.git/HEAD': `${sha}\n` }, docs);
    generate({ docsRoot: docs, outDir: out, cacheFile: cache });
    expect(JSON.parse(readFileSync(join(out, 'generation.lock.json'), 'utf8')).docs.commit).toBe(sha);
  });
});
