/**
 * The report a maintainer acts on, on crafted docs pairs: a change of a shared include is one entry
 * listing its methods; a case-only rename is minor once the old name is an alias, and the alias
 * compiles; entries say where they are written on both sides; a side without git is named by its
 * content hash; a docs side read a second time comes from its page cache.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../generator/src/cli/main.js';
import type { DiffReport } from '../../generator/src/diff/format.js';
import { loadSide } from '../../generator/src/diff/load-side.js';
import { buildIr, packageFiles } from '../../generator/src/pipeline.js';
import { typeCheck } from '../hostile/generator-support.js';
import { docsFiles, methodPage, methodPath, removeDir, tempDir, writeDocs, type FixtureMethod } from './fixture-docs.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));
const track = (dir: string) => (dirs.push(dir), dir);

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function jsonDiff(a: string, b: string, ...more: string[]): Promise<DiffReport> {
  const r = await run('diff', '--from', a, '--to', b, '--format', 'json', '--no-cache', ...more);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as DiffReport;
}

/** 1-based line of the first line of `text` containing `needle`. */
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

const SHARED = 'api-reference/crm/_includes/shared-params.md';

/** A method page whose parameter table is the shared include. */
function pageWithShared(name: string): string {
  return methodPage({ name }).replace('No parameters.', '{% include [shared parameters](_includes/shared-params.md) %}');
}

function sharedTable(modes: string[]): string {
  const values = modes.map((v) => `- \`${v}\` — mode ${v}`).join('\n');
  return ['#|', '|| **Name**\n`type` | **Description** ||', '|| **ID***\n[`integer`](../../data-types.md) | Identifier ||', `|| **MODE**\n[\`string\`](../../data-types.md) | How to run\n\nPossible values:\n\n${values}\n ||`, '|#', ''].join('\n');
}

/** A page holding the shared table twice: as the members of FIELDS and of FILTER. */
function pageWithSharedTwice(name: string): string {
  const row = (n: string) => `|| **${n}**\n[\`object\`](../../data-types.md) | The ${n} [(details)](#${n.toLowerCase()}) ||`;
  const params = ['#|', '|| **Name**\n`type` | **Description** ||', row('FIELDS'), row('FILTER'), '|#'].join('\n');
  const sub = (n: string) => `### Object ${n} {#${n.toLowerCase()}}\n\n{% include [shared parameters](_includes/shared-params.md) %}`;
  return methodPage({ name }).replace('No parameters.', `${params}\n\n${sub('FIELDS')}\n\n${sub('FILTER')}`);
}

function sharedDocs(modes: string[]): string {
  const names = ['crm.alpha.get', 'crm.beta.get', 'crm.gamma.get', 'crm.delta.get'];
  const files: Record<string, string> = { ...docsFiles([]), [SHARED]: sharedTable(modes) };
  for (const n of names) files[methodPath(n)] = pageWithShared(n);
  files[methodPath('crm.epsilon.get')] = pageWithSharedTwice('crm.epsilon.get');
  return track(writeDocs(files));
}

describe('diff report: grouping', () => {
  it('a value added in a shared include on 5 pages is one entry with the 5 methods, located in the include', async () => {
    const a = sharedDocs(['A', 'B']);
    const b = sharedDocs(['A', 'B', 'C']);
    const report = await jsonDiff(a, b);
    // crm.epsilon.get holds the row twice (FIELDS.MODE and FILTER.MODE): one entry still, each path listed.
    expect(report.summary).toMatchObject({ entries: 1, changes: 6 });
    const [entry] = report.changes;
    expect(entry).toMatchObject({ kind: 'field-value-added', location: 'param', path: 'MODE', value: 'C', count: 5, name: 'crm.alpha.get' });
    expect(entry!.subjects!.map((s) => `${s.name} ${s.path}`)).toEqual(['crm.alpha.get MODE', 'crm.beta.get MODE', 'crm.delta.get MODE', 'crm.epsilon.get FIELDS.MODE', 'crm.epsilon.get FILTER.MODE', 'crm.gamma.get MODE']);
    const row = lineOf(sharedTable(['A']), '**MODE**');
    expect(entry!.toAt).toMatchObject({ path: SHARED, line: row });
    expect(entry!.fromAt).toMatchObject({ path: SHARED, line: row });
    // Each subject keeps its own page link.
    expect(entry!.subjects![1]!.toAt!.url).toBe('https://apidocs.bitrix24.com/api-reference/crm/crm-beta-get.html');
    expect(report.summary.byModule).toEqual({ crm: { entries: 1, breaking: 0 } });

    const md = (await run('diff', '--from', a, '--to', b, '--no-cache')).out;
    expect(md).toContain('### 5 methods: `crm.alpha.get`, `crm.beta.get`, `crm.delta.get`, `crm.epsilon.get`, `crm.gamma.get`');
    expect(md).toContain('(also as `FIELDS.MODE`, `FILTER.MODE`)');
    expect(md.match(/value `C` added/g)).toHaveLength(1);
  });

  it('the same change written on each page separately stays one entry per method', async () => {
    const m = (name: string, values: string[]): FixtureMethod => ({ name, params: [{ name: 'MODE', values }] });
    const a = track(writeDocs(docsFiles([m('crm.alpha.get', ['A']), m('crm.beta.get', ['A']), m('crm.gamma.get', ['A'])])));
    const b = track(writeDocs(docsFiles([m('crm.alpha.get', ['A', 'B']), m('crm.beta.get', ['A', 'B']), m('crm.gamma.get', ['A', 'B'])])));
    const report = await jsonDiff(a, b);
    expect(report.changes.map((c) => [c.name, c.count])).toEqual([['crm.alpha.get', 1], ['crm.beta.get', 1], ['crm.gamma.get', 1]]);
  });
});

describe('diff report: locations and layout', () => {
  it('a changed row carries the page path and line on both sides, linked in Markdown', async () => {
    const from: FixtureMethod = { name: 'crm.foo.get', params: [{ name: 'ID', type: 'integer', required: true }, { name: 'MODE' }] };
    const to: FixtureMethod = { name: 'crm.foo.get', params: [{ name: 'ID', type: 'integer', required: true }, { name: 'NOTE' }, { name: 'MODE', type: 'integer' }] };
    const fromText = methodPage(from);
    const toText = methodPage(to);
    const a = track(writeDocs({ ...docsFiles([]), [methodPath('crm.foo.get')]: fromText }));
    const b = track(writeDocs({ ...docsFiles([]), [methodPath('crm.foo.get')]: toText }));
    const report = await jsonDiff(a, b);
    const page = methodPath('crm.foo.get');
    const changed = report.changes.find((c) => c.kind === 'field-type-changed')!;
    expect(changed.fromAt).toEqual({ path: page, line: lineOf(fromText, '**MODE**'), url: 'https://apidocs.bitrix24.com/api-reference/crm/crm-foo-get.html' });
    expect(changed.toAt).toMatchObject({ path: page, line: lineOf(toText, '**MODE**') });
    expect(changed.toAt!.line).toBe(changed.fromAt!.line + 2);
    // Breaking first, then the rest; the added row is located on the new side, the method's H1 on the old.
    expect(report.changes.map((c) => `${c.kind} ${c.path}`)).toEqual(['field-type-changed MODE', 'field-added NOTE']);
    expect(report.changes[1]!.toAt).toMatchObject({ line: lineOf(toText, '**NOTE**') });
    expect(report.changes[1]!.fromAt).toMatchObject({ path: page, line: 1 });

    const md = (await run('diff', '--from', a, '--to', b, '--no-cache')).out;
    const summary = md.indexOf('## Summary');
    expect(summary).toBeGreaterThan(0);
    expect(summary).toBeLessThan(md.indexOf('## Breaking changes'));
    expect(md.indexOf('## Breaking changes')).toBeLessThan(md.indexOf('## Other changes'));
    expect(md).toContain('| field-type-changed | 1 | 1 |');
    expect(md).toContain('| crm | 2 | 1 |');
    expect(md).toContain(`[${page}:${lineOf(fromText, '**MODE**')}](https://apidocs.bitrix24.com/api-reference/crm/crm-foo-get.html) → [${page}:${lineOf(toText, '**MODE**')}](https://apidocs.bitrix24.com/api-reference/crm/crm-foo-get.html)`);
  });

  it('the JSON side id is the content hash without git, the commit with it', async () => {
    const a = track(writeDocs(docsFiles([{ name: 'crm.foo.get' }])));
    const b = track(writeDocs(docsFiles([{ name: 'crm.foo.get' }, { name: 'crm.foo.add' }])));
    const commit = 'c0ffee'.padEnd(40, '0');
    mkdirSync(join(b, '.git'));
    writeFileSync(join(b, '.git/HEAD'), commit + '\n');
    const report = await jsonDiff(a, b);
    expect(report.from.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(report.from.id).toBe(`sha256:${report.from.contentHash}`);
    expect(report.from).not.toHaveProperty('commit');
    expect(JSON.stringify(report.from)).not.toContain('null');
    expect(report.to).toMatchObject({ id: commit, commit });
  });

  it('a docs side read again comes from its page cache; a changed page is the only one parsed', () => {
    const cacheDir = track(tempDir('b24gen-diff-cache-'));
    const docs = track(writeDocs(docsFiles([{ name: 'crm.foo.get' }, { name: 'crm.foo.add' }, { name: 'crm.foo.delete' }])));
    const cold = loadSide(docs, { cacheDir });
    expect(cold.stats).toMatchObject({ pages: 3, parsed: 3, cached: 0 });
    expect(loadSide(docs, { cacheDir }).stats).toMatchObject({ parsed: 0, cached: 3 });
    writeDocs({ [methodPath('crm.foo.add')]: methodPage({ name: 'crm.foo.add', params: [{ name: 'FIELDS', type: 'object' }] }) }, docs);
    const one = loadSide(docs, { cacheDir });
    expect(one.stats).toMatchObject({ parsed: 1, cached: 2 });
    expect(one.ir.methods.find((m) => m.name === 'crm.foo.add')!.params.map((p) => p.name)).toEqual(['FIELDS']);
  });
});

describe('diff report: case-only renames', () => {
  const old: FixtureMethod = { name: 'disk.file.copyto', scope: 'disk', params: [{ name: 'id', type: 'integer', required: true }, { name: 'targetFolderId', type: 'integer', required: true }], result: [{ name: 'result', type: 'object', fields: [{ name: 'ID', type: 'integer' }] }], errors: [{ code: 'ERROR_COPY', message: 'Copy failed' }] };
  const renamed: FixtureMethod = { ...old, name: 'disk.file.copyTo' };
  // The same page path on both sides, as a rename in place.
  const page = methodPath('disk.file.copyto');

  it('is minor once recorded as an alias; the generator emits the alias, deterministically, and it compiles', async () => {
    const a = track(writeDocs({ ...docsFiles([]), [page]: methodPage(old) }));
    const b = track(writeDocs({ ...docsFiles([]), [page]: methodPage(renamed) }));
    const work = track(tempDir());
    const aliases = join(work, 'method-aliases.json');

    const before = await jsonDiff(a, b, '--aliases', aliases);
    expect(before.changes.map((c) => [c.kind, c.name, c.previousName, c.level])).toEqual([['method-case-renamed', 'disk.file.copyTo', 'disk.file.copyto', 'major']]);
    expect(before.changes[0]!.reason).toMatch(/--record-aliases/);

    const recorded = await run('diff', '--from', a, '--to', b, '--format', 'json', '--no-cache', '--aliases', aliases, '--record-aliases');
    expect(recorded.err).toContain(`1 method aliases recorded in ${aliases}`);
    const after = JSON.parse(recorded.out) as DiffReport;
    expect(after.verdict).toBe('minor');
    expect(after.changes[0]).toMatchObject({ kind: 'method-case-renamed', level: 'minor', breaking: false, aliased: true });
    expect(readFileSync(aliases, 'utf8')).toBe('{\n  "disk.file.copyto": "disk.file.copyTo"\n}\n');
    // Recording again changes nothing; the file already keeps the alias, so the plain diff agrees.
    expect((await run('diff', '--from', a, '--to', b, '--no-cache', '--aliases', aliases, '--record-aliases')).err).toContain('0 method aliases recorded');
    expect((await jsonDiff(a, b, '--aliases', aliases)).verdict).toBe('minor');

    const ir = buildIr({ docsRoot: b, cacheFile: null, methodAliasesFile: aliases }).ir;
    expect(ir.methodAliases).toEqual([{ from: 'disk.file.copyto', to: 'disk.file.copyTo' }]);
    const files = packageFiles(ir);
    expect(packageFiles(buildIr({ docsRoot: b, cacheFile: null, methodAliasesFile: aliases }).ir)).toEqual(files);
    const module = files.get('methods/disk/disk.file.copyTo.ts')!;
    expect(module).toMatch(/@deprecated Use \{@link diskFileCopyTo\}\.\s*\*\/\s*export const diskFileCopyto: typeof diskFileCopyTo = diskFileCopyTo;/);
    expect(module).toContain('export type DiskFileCopytoParams = DiskFileCopyToParams;');
    expect(files.get('b24-methods.ts')).toContain(`'disk.file.copyto': B24Methods['disk.file.copyTo'];`);
    expect(files.get('registry.ts')).toMatch(/'2:disk\.file\.copyto': \{ method: 'disk\.file\.copyTo'/);

    const app = `import { createClient, diskFileCopyto, diskFileCopyTo, isDiskFileCopytoError, type B24Methods, type DiskFileCopytoParams } from './index.js';
const b24 = createClient({ webhookUrl: 'https://example.bitrix24.com/rest/1/x/' });
const params: DiskFileCopytoParams = { id: 1, targetFolderId: 2 };
export const same: typeof diskFileCopyTo = diskFileCopyto;
export async function run(e: unknown) {
  const viaAlias = await diskFileCopyto(b24, params);
  const byOldName = await b24.call('disk.file.copyto', { id: 1, targetFolderId: 2 });
  const key: B24Methods['disk.file.copyto']['params'] = params;
  return [viaAlias, byOldName, key, isDiskFileCopytoError(e, 'ERROR_COPY')];
}
`;
    expect(typeCheck(new Map([...files, ['app.ts', app]]))).toEqual([]);
    // The old key is typed as the new method: a wrong parameter does not compile.
    const wrong = typeCheck(new Map([...files, ['app.ts', `import { createClient } from './index.js';\nconst b24 = createClient({ webhookUrl: 'https://example.bitrix24.com/rest/1/x/' });\nexport const r = b24.call('disk.file.copyto', { id: 'x', targetFolderId: 2 });\n`]]), (p) => p === 'app.ts');
    expect(wrong.join('\n')).toMatch(/app\.ts/);
  }, 120_000);
});
