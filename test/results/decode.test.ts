/**
 * Decoding on real pages: each page's response example, decoded by the spec generated for its
 * method, type-checks against the logical type (`Decoded<…Result>`) and keeps every value
 * (numeric strings become the same numbers; nothing else changes).
 */
import { join } from 'node:path';
import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { decodeWire } from '../../runtime/src/decode.js';
import { buildIr, packageFiles } from '../../generator/src/pipeline.js';
import { emitModel, resultSpec } from '../../generator/src/emit/method-file.js';
import { methodNames } from '../../generator/src/emit/method-names.js';
import { entityTypeName } from '../../generator/src/emit/type-text.js';
import { writeFiles } from '../../generator/src/write/write-files.js';
import { DOCS_ROOT, PROJECT_ROOT } from '../support/docs.js';
import { RESULT_PAGES } from './pages.js';

const METHODS = ['crm.deal.get', 'crm.deal.list', 'tasks.task.get', 'user.get', 'crm.item.get', 'disk.folder.getchildren'];
/** Pages whose documented numbers arrive as numeric strings (tasks document ids as `string`, crm.item sends numbers, user.get has no table). */
const CONVERTS = new Set(['crm.deal.get', 'crm.deal.list', 'disk.folder.getchildren']);
const { ir } = buildIr({ docsRoot: DOCS_ROOT, cacheFile: null, pages: RESULT_PAGES });
const model = emitModel(ir.entities, entityTypeName);
const names = methodNames(ir.methods);
const PKG = join(PROJECT_ROOT, '.cache/decode-pkg');

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every leaf of `a` against `b`: equal, or a numeric string that became the same number. */
function sameValues(a: Json, b: Json, path: string, converted: string[]): void {
  if (typeof a === 'string' && typeof b === 'number') {
    expect(Number(a), path).toBe(b);
    converted.push(path);
    return;
  }
  if (Array.isArray(a) && b !== null && typeof b === 'object' && !Array.isArray(b) && a.length === 0) return; // [] → {}
  if (a === null || typeof a !== 'object') return expect(b, path).toBe(a);
  expect(b !== null && typeof b === 'object', path).toBe(true);
  for (const [k, v] of Object.entries(a)) sameValues(v, (b as Record<string, Json>)[k]!, `${path}.${k}`, converted);
}

describe('decoding the docs response examples', () => {
  const cases = METHODS.map((name) => {
    const m = ir.methods.find((x) => x.name === name && x.apiVersion === 2)!;
    const example = (m.responseExamples[0]!.value as { result: Json }).result;
    const frozen = JSON.stringify(example);
    const decoded = decodeWire<Json>(resultSpec(m, model) ?? undefined, example);
    return { m, example, frozen, decoded };
  });

  it.each(cases.map((c) => [c.m.name, c] as const))('%s: values round-trip, numeric strings of documented numbers become numbers', (_name, c) => {
    const converted: string[] = [];
    sameValues(c.example, c.decoded, 'result', converted);
    expect(JSON.stringify(c.example)).toBe(c.frozen); // the input is not changed
    if (CONVERTS.has(c.m.name)) expect(converted.length).toBeGreaterThan(0);
    else expect(converted).toEqual([]);
  });

  it('crm.deal.get: ID 410, OPPORTUNITY 1000000, LEAD_ID stays null', () => {
    const deal = cases[0]!.decoded as Record<string, Json>;
    expect(deal.ID).toBe(410);
    expect(deal.OPPORTUNITY).toBe(1000000);
    expect(deal.LEAD_ID).toBeNull();
    expect(deal.TITLE).toBe('New Deal #1');
    expect(deal.DATE_CREATE).toBe('2024-08-30T14:29:00+02:00'); // dates stay ISO strings
  });

  it('each decoded example type-checks against Decoded<…Result>, and the wire example against …Result', () => {
    writeFiles(PKG, packageFiles(ir));
    const lines = [
      "import type { Decoded } from '@b24gen/runtime';",
      'type Wire<T> = T extends readonly unknown[] | object ? { -readonly [K in keyof T]: Wire<T[K]> } : T;',
      'declare function wire<const T>(v: T): Wire<T>;',
    ];
    cases.forEach((c, i) => {
      const n = names.get(c.m)!;
      lines.push(`import type { ${n.type}Result as R${i} } from './${n.module}.js';`);
      lines.push(`const d${i} = wire(${JSON.stringify(c.decoded)});`, `export const decoded${i}: Decoded<R${i}> = d${i};`);
      lines.push(`const w${i} = wire(${JSON.stringify(c.example)});`, `export const wire${i}: R${i} = w${i};`);
    });
    const project = new Project({ tsConfigFilePath: join(PROJECT_ROOT, 'tsconfig.json'), skipAddingFilesFromTsConfig: true });
    const file = project.createSourceFile(join(PKG, '__decode__.ts'), lines.join('\n'), { overwrite: true });
    const errors = file.getPreEmitDiagnostics().map((d) => `${d.getLineNumber()}: ${JSON.stringify(d.getMessageText()).slice(0, 300)}`);
    expect(errors).toEqual([]);
  }, 120_000);
});
