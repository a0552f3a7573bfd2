/** The CLI verbs: each parses its own options and returns an exit code. */
import type { ParseArgsConfig } from 'node:util';
import { join, resolve } from 'node:path';
import { buildIr, generate, packageFiles, PROJECT_ROOT } from '../pipeline.js';
import { checkResponses, type ResponseCheck } from '../report/response-check.js';
import { writeFiles } from '../write/write-files.js';
import type { IrDocument } from '../ir/types.js';
import { ttyProgress } from './progress.js';
import { verifyPin, type LocatedDocs } from '../load/docs-fetch.js';
import { readPin } from '../load/docs-source.js';
import { docsVerb } from './verb-docs.js';
import { releaseVerb } from './verb-release.js';
import { diffVerb } from './verb-diff.js';
import { catalogVerb } from './verb-catalog.js';
import { openapiVerb } from './verb-openapi.js';
import { coverageReport, formatReport } from '../report/coverage.js';

export interface VerbContext {
  values: Record<string, string | boolean | Array<string | boolean> | undefined>;
  io: { out: (text: string) => void; err: (text: string) => void };
  docsRoot: () => string;
  /** The docs and how they were chosen (fetched when none is found; see load/docs-fetch.ts). */
  locateDocs: () => LocatedDocs;
  writeOut: (file: string, text: string) => void;
  cacheFile: string;
}

export interface Verb {
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run: (ctx: VerbContext) => Promise<number> | number;
}

const docs = { docs: { type: 'string' } } as const;
const noCache = { 'no-cache': { type: 'boolean' } } as const;

/** 1 when some page could not be fully read. */
export function exitCodeFor(ir: IrDocument): number {
  return ir.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

function summary(ir: IrDocument): string {
  const count = (s: string) => ir.diagnostics.filter((d) => d.severity === s).length;
  return `${ir.methods.length} methods, ${ir.events.length} events; diagnostics: ${count('error')} errors, ${count('warning')} warnings, ${count('info')} notes`;
}

export const VERBS: Record<string, Verb> = {
  report: {
    usage: 'report [--docs DIR] [--json] [--no-cache] [--examples]   coverage: page classes, per-method findings, result and event shares, diagnostics; --examples also type-checks the response examples (~1 min)',
    options: { ...docs, ...noCache, json: { type: 'boolean' }, examples: { type: 'boolean' } },
    run(ctx) {
      const { ir, extractions } = buildIr({ docsRoot: ctx.docsRoot(), cacheFile: ctx.values['no-cache'] ? null : ctx.cacheFile, onProgress: ttyProgress() });
      let responses: ResponseCheck | undefined;
      if (ctx.values.examples) {
        // The package goes inside the project, so that `@b24gen/runtime` resolves from the workspace.
        const dir = join(PROJECT_ROOT, '.cache/report-pkg');
        writeFiles(dir, packageFiles(ir));
        responses = checkResponses(ir, dir, join(PROJECT_ROOT, 'tsconfig.json'));
      }
      const report = coverageReport(ir, extractions, responses);
      ctx.io.out(ctx.values.json ? JSON.stringify(report, null, 2) : formatReport(report));
      return exitCodeFor(ir);
    },
  },
  generate: {
    usage: 'generate [--docs DIR] [--out DIR] [--no-cache]   regenerate the client package',
    options: { ...docs, ...noCache, out: { type: 'string' } },
    run(ctx) {
      const docs = ctx.locateDocs();
      const outDir = resolve(typeof ctx.values.out === 'string' ? ctx.values.out : join(PROJECT_ROOT, 'generated'));
      const pin = readPin();
      // Docs from the default places must be the pinned docs: CI regenerates from them and compares.
      const check = docs.explicit || !pin ? undefined : (ir: IrDocument) => verifyPin(docs.root, ir.source.contentHash, pin);
      const t0 = performance.now();
      const { ir, stats, write } = generate({ docsRoot: docs.root, outDir, cacheFile: ctx.values['no-cache'] ? null : ctx.cacheFile, onProgress: ttyProgress(), ...(check ? { check } : {}) });
      const secs = ((performance.now() - t0) / 1000).toFixed(1);
      ctx.io.err(`b24gen: ${summary(ir)}`);
      ctx.io.err(`b24gen: ${stats.pages} pages (${stats.parsed} parsed, ${stats.cached} from cache); ${write.written.length} files written, ${write.unchanged} unchanged, ${write.removed.length} removed, in ${secs} s → ${outDir}`);
      return exitCodeFor(ir);
    },
  },
  ir: {
    usage: 'ir [--docs DIR] [--out FILE] [--no-cache]        write the IR as JSON (stdout without --out)',
    options: { ...docs, ...noCache, out: { type: 'string' } },
    run(ctx) {
      const { ir } = buildIr({ docsRoot: ctx.docsRoot(), cacheFile: ctx.values['no-cache'] ? null : ctx.cacheFile, onProgress: ttyProgress() });
      const text = JSON.stringify(ir, null, 2) + '\n';
      if (typeof ctx.values.out === 'string') ctx.writeOut(ctx.values.out, text);
      else ctx.io.out(text.trimEnd());
      ctx.io.err(`b24gen: ${summary(ir)}`);
      return exitCodeFor(ir);
    },
  },
  diff: diffVerb,
  catalog: catalogVerb,
  openapi: openapiVerb,
  docs: docsVerb,
  release: releaseVerb,
};
