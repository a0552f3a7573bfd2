/**
 * `npm run fuzz [-- --runs N --seed S --check-every K]`: mutates real docs pages (copied to a temp
 * docs dir) and runs each through parse + extract with two untouched witness pages; every K-th run
 * also emits and type-checks the package. Guaranteed breakage (an unclosed note, an unterminated
 * table at a block boundary) must be reported with the page and a line.
 * Prints: mutations tried, exceptions escaped (must be 0), pages with diagnostics, compile failures.
 * Exit code 1 when an exception escaped, a witness page lost its API, breakage went unreported or
 * the emitted code did not compile.
 */
import fc from 'fast-check';
import { parseArgs } from 'node:util';
import {
  CORPUS, apiByPage, blockBoundaries, lineOf, makeDocsDir, mutationsArb, readPage, runPipeline, typeCheck, type Mutation,
} from './generator-support.js';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '400' }, seed: { type: 'string' }, 'check-every': { type: 'string', default: '40' } },
});
const runs = Number(values.runs);
const seed = values.seed !== undefined ? Number(values.seed) : Date.now() % 2 ** 31;
const checkEvery = Number(values['check-every']);
const WITNESSES = ['api-reference/bizproc/bizproc-activity/bizproc-activity-log.md', 'api-reference/tasks/tasks-task-add.md'];

const docs = makeDocsDir(CORPUS);
const originals = new Map<string, string>(CORPUS.map((p) => [p, readPage(p)]));
const baselineRun = runPipeline(docs.root, CORPUS);
const baseline = apiByPage(baselineRun.ir);
const baseDiag = new Map<string, number>();
for (const d of baselineRun.diagnostics) baseDiag.set(d.file, (baseDiag.get(d.file) ?? 0) + 1);

type Case = { page: string; muts: Mutation[]; kind: 'random' | 'note' | 'table'; r: number };
const caseArb: fc.Arbitrary<Case> = fc.record({
  page: fc.constantFrom(...CORPUS),
  muts: mutationsArb,
  kind: fc.constantFrom<Case['kind']>('random', 'random', 'random', 'random', 'note', 'table'),
  r: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
});

const stats = { tried: 0, escaped: 0, withDiagnostics: 0, newDiagnostics: 0, missedBreakage: 0, witnessLost: 0, compileRuns: 0, compileFailures: 0, maxMs: 0 };
const failures: string[] = [];
const t0 = Date.now();
const cases = fc.sample(caseArb, { numRuns: runs, seed });
for (const [i, c] of cases.entries()) {
  const orig = originals.get(c.page)!;
  let text: string;
  let expectLine = 0;
  let expectRule: RegExp | undefined;
  let label: string;
  if (c.kind === 'random') {
    text = c.muts.reduce((t, m) => m.apply(t), orig);
    label = c.muts.map((m) => m.name).join(' + ');
  } else {
    const cuts = blockBoundaries(orig);
    const pos = cuts[Math.floor(c.r * cuts.length)]!;
    if (c.kind === 'note') {
      text = orig.slice(0, pos) + '\n{% note warning %}\n\nNever closed.\n\n' + orig.slice(pos);
      expectRule = /^yfm-tag-unclosed$/;
    } else {
      text = orig.slice(0, pos) + '\n#|\n|| Name | Type ||\n|| **a** | string ||\n';
      expectLine = lineOf(text, pos) + 1;
      expectRule = /^yfm-table/;
    }
    label = `${c.kind} at offset ${pos}`;
  }
  stats.tried++;
  docs.write(c.page, text);
  const pages = [...new Set([c.page, ...WITNESSES])];
  const emit = checkEvery > 0 && i % checkEvery === 0;
  const s = Date.now();
  try {
    const r = runPipeline(docs.root, pages, emit);
    const api = apiByPage(r.ir);
    for (const w of WITNESSES)
      if (w !== c.page && JSON.stringify(api.get(w)) !== JSON.stringify(baseline.get(w))) {
        stats.witnessLost++;
        failures.push(`witness ${w} changed after ${c.page}: ${label}`);
      }
    const mine = r.diagnostics.filter((d) => d.file === c.page);
    if (mine.length) stats.withDiagnostics++;
    if (mine.length > (baseDiag.get(c.page) ?? 0)) stats.newDiagnostics++;
    if (expectRule && !mine.some((d) => expectRule!.test(d.ruleId ?? '') && d.line > 0 && (!expectLine || d.line === expectLine))) {
      stats.missedBreakage++;
      failures.push(`unreported ${label} in ${c.page}`);
    }
    if (emit) {
      stats.compileRuns++;
      const names = new Set(r.ir.methods.filter((m) => m.docPath === c.page).map((m) => m.name));
      const errors = typeCheck(r.files!, (p) => !p.startsWith('methods') || [...names].some((n) => p.endsWith(`/${n}.ts`)));
      if (errors.length) {
        stats.compileFailures++;
        failures.push(`compile failure after ${label} on ${c.page}:\n  ${errors.slice(0, 5).join('\n  ')}`);
      }
    }
  } catch (e) {
    stats.escaped++;
    failures.push(`EXCEPTION after ${label} on ${c.page}: ${(e as Error)?.stack ?? e}`);
  } finally {
    docs.write(c.page, orig);
  }
  stats.maxMs = Math.max(stats.maxMs, Date.now() - s);
  if ((i + 1) % 50 === 0) process.stderr.write(`  ${i + 1}/${runs} (${Math.round((Date.now() - t0) / 1000)} s)\n`);
}
docs.dispose();

console.log(`fuzz-generator  seed=${seed}  pages=${CORPUS.length}  ${Math.round((Date.now() - t0) / 1000)} s`);
console.log(`  mutations tried:            ${stats.tried}`);
console.log(`  exceptions escaped:         ${stats.escaped}`);
console.log(`  pages with diagnostics:     ${stats.withDiagnostics} (with more than the unmutated page: ${stats.newDiagnostics})`);
console.log(`  guaranteed breakage missed: ${stats.missedBreakage}`);
console.log(`  witness pages changed:      ${stats.witnessLost}`);
console.log(`  compile runs / failures:    ${stats.compileRuns} / ${stats.compileFailures}`);
console.log(`  slowest run:                ${stats.maxMs} ms`);
for (const f of failures.slice(0, 20)) console.log('  ! ' + f);
process.exitCode = stats.escaped || stats.missedBreakage || stats.witnessLost || stats.compileFailures ? 1 : 0;
