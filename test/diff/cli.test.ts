/** `b24gen diff`: docs folders and IR files as inputs, md and json outputs, exit codes. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../generator/src/cli/main.js';
import type { DiffReport } from '../../generator/src/diff/format.js';
import { buildIr } from '../../generator/src/pipeline.js';
import { docsFiles, removeDir, tempDir, writeDocs, type FixtureMethod } from './fixture-docs.js';

const from: FixtureMethod[] = [
  { name: 'crm.foo.get', params: [{ name: 'ID', type: 'integer', required: true }], errors: [{ code: 'ERROR_FOO', message: 'Foo failed' }] },
  { name: 'crm.foo.delete', params: [{ name: 'ID', type: 'integer', required: true }] },
];
const to: FixtureMethod[] = [
  { name: 'crm.foo.get', params: [{ name: 'ID', type: 'integer', required: true }, { name: 'LANG' }], errors: [{ code: 'ERROR_FOO', message: 'Foo failed' }] },
  { name: 'crm.foo.add', params: [{ name: 'FIELDS', type: 'object', required: true }] },
];

let a = '';
let b = '';
let work = '';
beforeAll(() => {
  a = writeDocs(docsFiles(from));
  b = writeDocs(docsFiles(to));
  work = tempDir();
  writeFileSync(join(work, 'a.ir.json'), JSON.stringify(buildIr({ docsRoot: a, cacheFile: null }).ir));
  writeFileSync(join(work, 'b.ir.json'), JSON.stringify(buildIr({ docsRoot: b, cacheFile: null }).ir));
});
afterAll(() => [a, b, work].forEach(removeDir));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('b24gen diff', () => {
  it('json: documented shape, semver verdict, exit 0 even with breaking changes', async () => {
    const r = await run('diff', '--from', a, '--to', b, '--format', 'json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as DiffReport;
    expect(report.formatVersion).toBe(2);
    expect(report.verdict).toBe('major');
    expect(report.summary).toMatchObject({ breaking: 1, nonBreaking: 2, methodsAdded: 1, methodsRemoved: 1 });
    // Breaking entries first, then the others.
    expect(report.changes.map((c) => [c.kind, c.name, c.breaking])).toEqual([
      ['method-removed', 'crm.foo.delete', true],
      ['method-added', 'crm.foo.add', false],
      ['field-added', 'crm.foo.get', false],
    ]);
    expect(report.from).toMatchObject({ kind: 'docs', methods: 2, events: 0 });
  });

  it('markdown through templates/diff.md.hbs', async () => {
    const r = await run('diff', '--from', a, '--to', b);
    expect(r.code).toBe(0);
    expect(r.out).toContain('**Semver verdict for the generated client: major**');
    expect(r.out).toMatch(/## Breaking changes\n\n### `crm.foo.delete`\n\n- method removed — /);
    expect(r.out).toMatch(/## Other changes[\s\S]*### `crm.foo.get`\n\n- optional parameter `LANG` added \(minor\)/);
    expect(r.out).not.toMatch(/\n{3}/);
  });

  it('IR files give the same changes as the docs folders, and mix with them', async () => {
    const docs = JSON.parse((await run('diff', '--from', a, '--to', b, '--format', 'json')).out) as DiffReport;
    const irs = JSON.parse((await run('diff', '--from', join(work, 'a.ir.json'), '--to', join(work, 'b.ir.json'), '--format', 'json')).out) as DiffReport;
    expect(irs.changes).toEqual(docs.changes);
    expect(irs.from.kind).toBe('ir');
    const mixed = JSON.parse((await run('diff', '--from', join(work, 'a.ir.json'), '--to', b, '--format', 'json')).out) as DiffReport;
    expect(mixed.changes).toEqual(docs.changes);
  });

  it('no changes: verdict none', async () => {
    const r = await run('diff', '--from', a, '--to', join(work, 'a.ir.json'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('verdict for the generated client: none');
    expect(r.out).toContain('No API changes.');
  });

  it('usage and I/O errors: exit 2 with one clear line', async () => {
    const missing = await run('diff', '--from', join(work, 'nope'), '--to', b);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe(`b24gen: ${join(work, 'nope')}: no such file or folder`);
    expect((await run('diff', '--from', a)).code).toBe(2);
    expect((await run('diff', '--from', a, '--to', b, '--format', 'xml')).code).toBe(2);
    writeFileSync(join(work, 'bad.json'), '{ nope');
    const bad = await run('diff', '--from', join(work, 'bad.json'), '--to', b);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/not valid JSON/);
    writeFileSync(join(work, 'old.json'), JSON.stringify({ schemaVersion: '0.1.0', methods: [], events: [] }));
    const old = await run('diff', '--from', join(work, 'old.json'), '--to', b);
    expect(old.err).toMatch(/schema version 0\.1\.0 is not compatible/);
    const notDocs = await run('diff', '--from', work, '--to', b);
    expect(notDocs.err).toMatch(/not a docs checkout/);
    expect(notDocs.err.split('\n')).toHaveLength(1);
  });
});
