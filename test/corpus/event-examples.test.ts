/**
 * The docs' example payloads as a type test: every example an event page shows type-checks against
 * its generated payload type (`B24Events[KEY]`). Each failure must be explained in
 * event-example-exceptions.json, and no explained entry may be stale. Also prints the names share:
 * the field names the examples show that the payload types declare, per module.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventKey } from '../../generator/src/emit/events-file.js';
import { eventCoverage } from '../../generator/src/report/coverage.js';
import { CORPUS_PKG, loadCorpus } from './corpus-ir.js';
import { exceptionKey, loadEventExceptions } from './event-example-exceptions.js';
import { runEventOracle } from './event-examples-oracle.js';

/**
 * Measured at the pinned snapshot: 165/168 (98.2%) with the wire model on the payloads (159/168,
 * 94.6%, before it: `CALL_TYPE` sent as a numeric string where the docs list numbers, `[]` for an
 * empty object, `expires_in` a string on some pages). The 3 left contradict their tables. The goal is 97%.
 */
const FLOOR = 0.97;
/**
 * Measured: 3197/3205 (99.8%) of the names the examples show are declared (custom `UF_*` left out;
 * 98.5% before the auth keys the examples show, `expires` and `user_id`, joined B24EventAuth).
 */
const NAMES_FLOOR = 0.99;

describe('the docs event example payloads as a type test', () => {
  const { ir } = loadCorpus();
  const result = runEventOracle(ir, CORPUS_PKG);
  const share = result.passed / result.cases.length;
  const explained = new Map(loadEventExceptions().map((e) => [exceptionKey(e), e]));

  it('reports the share and every failure', () => {
    console.log(`event example payloads: ${result.passed}/${result.cases.length} type-check (${(100 * share).toFixed(1)}%)`);
    for (const f of result.failures) console.log(`  ${f.docPath}:${f.line} ${f.key}#${f.example}: ${explained.get(exceptionKey(f))?.reason ?? 'UNEXPLAINED'}\n    ${f.errors[0]?.split('\n')[0]}`);
    expect(result.cases.length).toBeGreaterThan(150);
    expect(share).toBeGreaterThanOrEqual(FLOOR);
  });

  it('every failure is explained', () => {
    const unexplained = result.failures.filter((f) => !explained.has(exceptionKey(f))).map((f) => `${f.key}#${f.example} (${f.docPath}:${f.line}): ${f.errors[0]}`);
    expect(unexplained).toEqual([]);
  });

  it('no explanation is stale (its example now type-checks), and each gives a reason in words', () => {
    const failing = new Set(result.failures.map(exceptionKey));
    expect([...explained.keys()].filter((k) => !failing.has(k))).toEqual([]);
    for (const e of explained.values()) expect(e.reason.length).toBeGreaterThan(20);
  });

  it('names share: the names the examples show are declared by the payload types (printed per module)', () => {
    const cov = eventCoverage(ir);
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
    console.log(`event example names declared: ${cov.namesShare.declared}/${cov.namesShare.shown} (${pct(cov.namesShare.share)})`);
    for (const [mod, s] of Object.entries(cov.namesShareByModule)) console.log(`  ${mod.padEnd(14)} ${s.declared}/${s.shown} (${pct(s.share)})`);
    console.log(`events with an example payload: ${cov.withExamples}/${cov.events}; empty payloads: ${cov.emptyPayloads.length}${cov.emptyPayloads.map((e) => `\n  ${e.name} ${e.docPath}`).join('')}`);
    expect(cov.namesShare.share).toBeGreaterThanOrEqual(NAMES_FLOOR);
    // Every event page documents some payload member (a table, or at least an example of `data`).
    expect(cov.emptyPayloads).toEqual([]);
  });

  it('every event carries its examples, and B24Events is keyed by the upper-case name', () => {
    for (const e of ir.events) expect(Array.isArray(e.examples), e.name).toBe(true);
    const events = readFileSync(join(CORPUS_PKG, 'events.ts'), 'utf8');
    const block = /export interface B24Events \{([\s\S]*?)\n\}/.exec(events)?.[1] ?? '';
    const keys = [...block.matchAll(/^ {2}'?([\w.]+)'?: /gm)].map((m) => m[1]!);
    expect(keys.length).toBe(new Set(ir.events.map((e) => eventKey(e.name))).size);
    for (const k of keys) expect(k).toBe(k.toUpperCase());
    expect(keys).toContain('ONCRMDEALADD');
    expect(events).toMatch(/ONCRMDEALADD: 'onCrmDealAdd';/);
  });
}, 300_000);
