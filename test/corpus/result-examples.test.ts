/**
 * The docs' own response examples as the evidence for result types (issues: results true, results
 * complete): every v2 method's response example type-checks against its generated `…Result`
 * (≥ 97%), and the result types declare the field names the examples show (≥ 90%). Each failure
 * and each gap is explained in a checked-in list; an unexplained or stale entry fails the test.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkResponses } from '../../generator/src/report/response-check.js';
import { resultNames } from '../../generator/src/report/result-names.js';
import { PROJECT_ROOT } from '../support/docs.js';
import { CORPUS_PKG, loadCorpus } from './corpus-ir.js';
import { loadNamesExceptions, loadResponseExceptions } from './result-exceptions.js';

const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}%`;

describe('the docs response examples against the result types', () => {
  const { ir } = loadCorpus();
  const responses = checkResponses(ir, CORPUS_PKG, join(PROJECT_ROOT, 'tsconfig.json'));
  const explained = new Map(loadResponseExceptions().map((e) => [e.method, e]));

  it('type-check: ≥ 97% of the examples, per module reported', () => {
    console.log(`response examples: ${responses.passed}/${responses.cases} type-check (${pct(responses.passed, responses.cases)})`);
    for (const [mod, s] of Object.entries(responses.modules).sort()) console.log(`  ${mod.padEnd(20)} ${s.passed}/${s.cases}`);
    for (const f of responses.failures) console.log(`  ${f.docPath}:${f.line} ${f.method}: ${explained.get(f.method)?.reason ?? 'UNEXPLAINED'}\n    ${f.error.slice(0, 300)}`);
    expect(responses.cases).toBeGreaterThan(1300);
    expect(responses.passed / responses.cases).toBeGreaterThanOrEqual(0.97);
  });

  it('every failing example is explained, and no explanation is stale', () => {
    expect(responses.failures.filter((f) => !explained.has(f.method)).map((f) => `${f.method} (${f.docPath}:${f.line}): ${f.error}`)).toEqual([]);
    const failing = new Set(responses.failures.map((f) => f.method));
    expect([...explained.keys()].filter((k) => !failing.has(k))).toEqual([]);
  });

  const names = resultNames(ir);
  const gaps = new Map(loadNamesExceptions().map((e) => [e.method, e]));

  it('names: the result types declare ≥ 90% of the field names the examples show, per module reported', () => {
    console.log(`example field names declared: ${names.declared}/${names.shown} (${pct(names.declared, names.shown)}); methods complete ${names.complete}/${names.methods}; opaque results ${names.opaque.length}`);
    for (const [mod, s] of Object.entries(names.modules).sort()) console.log(`  ${mod.padEnd(20)} ${s.declared}/${s.shown}`);
    expect(names.shown).toBeGreaterThan(12000);
    expect(names.declared / names.shown).toBeGreaterThanOrEqual(0.9);
  });

  it('every gap in the names is explained (the same missing names), and none is stale', () => {
    const unexplained = names.gaps.filter((g) => JSON.stringify(gaps.get(g.method)?.missing) !== JSON.stringify(g.missing)).map((g) => `${g.method}: ${g.missing.join(', ')}`);
    expect(unexplained).toEqual([]);
    const current = new Set(names.gaps.map((g) => g.method));
    expect([...gaps.keys()].filter((k) => !current.has(k))).toEqual([]);
  });
}, 600_000);
