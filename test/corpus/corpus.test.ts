/**
 * The whole snapshot: every method page yields a binding, no page crashes the generator, the IR
 * matches its schema, and what the docs document is found (recounted by an independent scanner).
 */
import Ajv from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { methodNames } from '../../generator/src/emit/method-names.js';
import type { IrField, IrMethod } from '../../generator/src/ir/types.js';
import { DOCS_ROOT, PROJECT_ROOT } from '../support/docs.js';
import { CORPUS_PKG, loadCorpus } from './corpus-ir.js';
import { recount } from './raw-recount.js';

const { ir, classes } = loadCorpus();

function allNested(fields: readonly IrField[] | undefined, out: IrField[] = []): IrField[] {
  for (const f of fields ?? []) {
    const members = [...(f.fields ?? []), ...(f.variants ?? []).flatMap((v) => v.fields)];
    out.push(...members);
    allNested(members, out);
  }
  return out;
}

describe('the whole docs snapshot', () => {
  it('classes every page and finds the documented methods and events', () => {
    const count = (c: string) => classes.filter((p) => p.pageClass === c).length;
    console.log(`pages ${classes.length}: ${['method', 'event', 'overview', 'article', 'include'].map((c) => `${c} ${count(c)}`).join(', ')}; methods ${ir.methods.length} (${ir.methods.filter((m) => m.apiVersion === 3).length} REST 3.0), events ${ir.events.length}`);
    expect(classes.length).toBeGreaterThan(2300);
    expect(ir.methods.length).toBeGreaterThanOrEqual(1550);
    expect(ir.methods.filter((m) => m.apiVersion === 3).length).toBe(20);
    expect(ir.methods.some((m) => m.name === 'tasks.task.get' && m.apiVersion === 2)).toBe(true);
    expect(ir.methods.some((m) => m.name === 'tasks.task.get' && m.apiVersion === 3)).toBe(true);
    expect(ir.events.length).toBeGreaterThan(170);
  });

  it('no page crashes the generator, and every diagnostic names a file and line', () => {
    expect(ir.diagnostics.filter((d) => d.ruleId === 'extract-crash' || d.ruleId === 'parse-exception')).toEqual([]);
    for (const d of ir.diagnostics) expect(d.file).toMatch(/\.(md|yaml)$/);
  });

  it('discovers pages from the toc trees too: broken toc links and unlisted method pages are reported', () => {
    const broken = ir.diagnostics.filter((d) => d.ruleId === 'toc-broken-href').map((d) => d.file);
    expect(broken).toEqual(['api-reference/chat-bots/outdated/commands/events/b24-toc.yaml', 'api-reference/crm/auxiliary/enum/outdated/b24-toc.yaml']);
    const unlisted = new Set(ir.diagnostics.filter((d) => d.ruleId === 'toc-unlisted').map((d) => d.file));
    for (const p of ['api-reference/imopenlines/imconnector/imconnector-send-status-reading.md', 'api-reference/user/userfields/user-userfield-file-get.md']) expect(unlisted.has(p)).toBe(true);
  });

  it('every method page yields a binding in the emitted package', () => {
    const names = methodNames(ir.methods);
    const missing = ir.methods.filter((m) => !existsSync(join(CORPUS_PKG, `${names.get(m)!.module}.ts`)));
    expect(missing.map((m) => m.name)).toEqual([]);
    const index = readFileSync(join(CORPUS_PKG, 'index.ts'), 'utf8');
    for (const m of ir.methods) expect(index).toContain(`./${names.get(m)!.module}.js`);
    const methodPages = classes.filter((p) => p.pageClass === 'method').map((p) => p.docPath);
    const bound = new Set(ir.methods.map((m) => m.docPath));
    const unbound = methodPages.filter((p) => !bound.has(p));
    // Pages documenting a method another page documents too are reported as duplicates.
    for (const p of unbound) expect(ir.diagnostics.some((d) => d.file === p && d.ruleId === 'method-duplicate')).toBe(true);
  });

  it('the IR validates against its JSON Schema', () => {
    const schema = JSON.parse(readFileSync(join(PROJECT_ROOT, 'generator/src/ir/ir.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: false }).compile(schema);
    expect(validate(ir), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('finds ≥ 99% of top-level params with the right required flag, ≥ 97% of nested members, every error-table code', () => {
    let top = 0, topFound = 0, nested = 0, nestedFound = 0, codes = 0, codesFound = 0;
    const misses: string[] = [];
    for (const m of ir.methods as IrMethod[]) {
      const raw = recount(DOCS_ROOT, m.docPath);
      const params = m.paramSets ? m.paramSets.flatMap((s) => s.params) : m.params;
      const byName = new Map(params.map((p) => [p.name, p]));
      for (const r of raw.topLevel) {
        top++;
        const names = r.name.includes('.') ? [r.name.split('.')[0]!] : [r.name];
        const f = byName.get(names[0]!);
        // A required marker the docs relax in words ("at least one of", "required if") counts as read.
        if (f && (f.required === r.required || (r.required && !f.required))) topFound++;
        else misses.push(`${m.docPath}: param ${r.name}${r.required ? '*' : ''}`);
      }
      const nestedNames = new Set(allNested([...params, ...m.result.fields]).map((f) => f.name));
      const everyName = new Set([...nestedNames, ...params.map((p) => p.name)]);
      for (const r of raw.nested) {
        nested++;
        const base = r.name.split('.').at(-1)!;
        if (everyName.has(r.name) || everyName.has(base) || everyName.has(r.name.replace(/\*$/, ''))) nestedFound++;
        else misses.push(`${m.docPath}: member ${r.name}`);
      }
      const irCodes = new Set(m.errors.map((e) => e.code));
      for (const c of raw.errorCodes) {
        codes++;
        if (irCodes.has(c)) codesFound++;
        else misses.push(`${m.docPath}: error code ${c}`);
      }
    }
    const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(2)}%`;
    console.log(`top-level params ${topFound}/${top} (${pct(topFound, top)}); nested members ${nestedFound}/${nested} (${pct(nestedFound, nested)}); error codes ${codesFound}/${codes} (${pct(codesFound, codes)})`);
    console.log(misses.join('\n'));
    expect(topFound / top).toBeGreaterThanOrEqual(0.99);
    expect(nestedFound / nested).toBeGreaterThanOrEqual(0.97);
    expect(codesFound).toBe(codes);
  });
}, 300_000);
