/**
 * Property tests on REAL docs pages (copied to a temp docs dir at run time): a mutated page never
 * makes the generator throw, the other pages still generate, breakage that the mutation guarantees
 * is reported with the page and a line, and the emitted TypeScript still compiles.
 * Small on purpose (numRuns 10–25); `npm run fuzz` is the big version.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CORPUS, apiByPage, blockBoundaries, lineOf, makeDocsDir, mutationsArb, readPage, runPipeline, typeCheck,
} from './generator-support.js';

/** Pages mutated in the unit version (the biggest page, crm-item-add, is left to `npm run fuzz`). */
const TARGETS = CORPUS.filter((p) => !p.endsWith('crm-item-add.md'));
/** Untouched pages run next to the mutated one: their API must survive. */
const WITNESSES = ['api-reference/bizproc/bizproc-activity/bizproc-activity-log.md', 'api-reference/tasks/tasks-task-add.md'];

let docs: ReturnType<typeof makeDocsDir>;
const originals = new Map<string, string>();
let baseline: Map<string, string[]>;

beforeAll(() => {
  docs = makeDocsDir(CORPUS);
  for (const p of CORPUS) originals.set(p, readPage(p));
  baseline = apiByPage(runPipeline(docs.root, CORPUS).ir);
  for (const w of WITNESSES) expect(baseline.get(w)?.length).toBeGreaterThan(0);
});
afterAll(() => docs?.dispose());

/** Runs the mutated page with the witnesses; restores the page afterwards. */
function runMutated(page: string, text: string, emit = false) {
  docs.write(page, text);
  try {
    const pages = [...new Set([page, ...WITNESSES])];
    const r = runPipeline(docs.root, pages, emit);
    const api = apiByPage(r.ir);
    for (const w of WITNESSES) if (w !== page) expect(api.get(w), `${w} after mutating ${page}`).toEqual(baseline.get(w));
    for (const d of r.diagnostics) {
      expect(typeof d.file).toBe('string');
      expect(Number.isInteger(d.line) && d.line >= 0).toBe(true);
    }
    return r;
  } finally {
    docs.write(page, originals.get(page)!);
  }
}

const pageArb = fc.constantFrom(...TARGETS);

describe('mutated real pages', () => {
  it('never throw and leave the other pages alone', () => {
    fc.assert(
      fc.property(pageArb, mutationsArb, (page, muts) => {
        const text = muts.reduce((t, m) => m.apply(t), originals.get(page)!);
        runMutated(page, text);
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('an unclosed {% note %} is reported with the page and a line', () => {
    fc.assert(
      fc.property(pageArb, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (page, r) => {
        const orig = originals.get(page)!;
        const cuts = blockBoundaries(orig);
        const pos = cuts[Math.floor(r * cuts.length)]!;
        const r2 = runMutated(page, orig.slice(0, pos) + '\n{% note warning %}\n\nNever closed.\n\n' + orig.slice(pos));
        const hits = r2.diagnostics.filter((d) => d.file === page && d.ruleId === 'yfm-tag-unclosed');
        expect(hits.length, `no yfm-tag-unclosed for ${page} at offset ${pos}`).toBeGreaterThan(0);
        for (const h of hits) expect(h.line).toBeGreaterThan(0);
      }),
      { numRuns: 15 },
    );
  }, 120_000);

  it('an unterminated #| table is reported at its line', () => {
    fc.assert(
      fc.property(pageArb, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (page, r) => {
        const orig = originals.get(page)!;
        const cuts = blockBoundaries(orig);
        const pos = cuts[Math.floor(r * cuts.length)]!;
        const text = orig.slice(0, pos) + '\n#|\n|| Name | Type ||\n|| **a** | string ||\n';
        const line = lineOf(text, pos) + 1;
        const r2 = runMutated(page, text);
        const hits = r2.diagnostics.filter((d) => d.file === page && /^yfm-table/.test(d.ruleId ?? ''));
        expect(hits.map((h) => h.line), `no table diagnostic for ${page} cut at line ${line}`).toContain(line);
      }),
      { numRuns: 15 },
    );
  }, 120_000);

  it('the emitted package still compiles after a mutation (a few runs)', () => {
    fc.assert(
      fc.property(pageArb, mutationsArb, (page, muts) => {
        const text = muts.reduce((t, m) => m.apply(t), originals.get(page)!);
        const r = runMutated(page, text, true);
        const mine = new Set(r.ir.methods.filter((m) => m.docPath === page).map((m) => m.name));
        // The mutated page's modules plus the shared files it feeds (events, method maps, index).
        const errors = typeCheck(r.files!, (p) => !p.startsWith('methods') || [...mine].some((n) => p.endsWith(`/${n}.ts`)));
        expect(errors, muts.map((m) => m.name).join(' + ')).toEqual([]);
      }),
      { numRuns: 3 },
    );
  }, 120_000);
});
