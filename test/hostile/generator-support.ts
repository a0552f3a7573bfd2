/**
 * Shared by the hostile-input tests and `npm run fuzz`: a small corpus of REAL docs pages copied
 * into a temp docs dir at run time (never committed), page mutations as fast-check arbitraries,
 * one pipeline run (buildIr + packageFiles) that must never throw, and a type-check of the
 * emitted package.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import fc from 'fast-check';
import { Project, ts } from 'ts-morph';
import { buildIr, packageFiles, loadTemplates } from '../../generator/src/pipeline.js';
import type { IrDocument } from '../../generator/src/ir/types.js';
import type { Diagnostic } from '../../generator/src/diagnostics/diagnostic.js';
import { SYSTEM_ERRORS_PATH } from '../../generator/src/extract/method-page.js';
import { DOCS_ROOT, PROJECT_ROOT } from '../support/docs.js';

/** Varied real pages: v2 methods with big tables, notes and tabs, events, a REST 3.0 page, a list. */
export const CORPUS = [
  'api-reference/bizproc/bizproc-activity/bizproc-activity-log.md',
  'api-reference/bizproc/bizproc-activity/bizproc-activity-add.md',
  'api-reference/crm/deals/crm-deal-add.md',
  'api-reference/crm/deals/crm-deal-list.md',
  'api-reference/crm/leads/crm-lead-add.md',
  'api-reference/crm/deals/events/on-crm-deal-add.md',
  'api-reference/rest-v3/tasks/tasks-task-get.md',
  'api-reference/tasks/tasks-task-add.md',
  'api-reference/user/user-get.md',
  'api-reference/crm/universal/crm-item-add.md',
] as const;

const INCLUDE = /\{%-?\s*include\b[^%]*?\(([^)\s]+)\)[^%]*%\}/g;

/** Docs-relative paths of the fragments a file pulls in, transitively (plus the system errors). */
function includeClosure(pages: readonly string[]): string[] {
  const out = new Set<string>([SYSTEM_ERRORS_PATH]);
  const todo = [...pages, SYSTEM_ERRORS_PATH];
  while (todo.length) {
    const rel = todo.pop()!;
    let text: string;
    try {
      text = readFileSync(join(DOCS_ROOT, rel), 'utf8');
    } catch {
      continue;
    }
    for (const m of text.matchAll(INCLUDE)) {
      const target = posix.normalize(posix.join(posix.dirname(rel), m[1]!.replace(/[?#].*$/, '')));
      if (target.startsWith('..') || out.has(target)) continue;
      out.add(target);
      todo.push(target);
    }
  }
  return [...out].filter((p) => !pages.includes(p)).sort();
}

export function readPage(rel: string): string {
  return readFileSync(join(DOCS_ROOT, rel), 'utf8');
}

/** A temp docs root holding copies of `pages` and their includes; removed by `dispose`. */
export function makeDocsDir(pages: readonly string[] = CORPUS): { root: string; write(rel: string, text: string): void; dispose(): void } {
  const root = mkdtempSync(join(tmpdir(), 'b24gen-hostile-'));
  for (const rel of [...pages, ...includeClosure(pages)]) {
    try {
      mkdirSync(dirname(join(root, rel)), { recursive: true });
      copyFileSync(join(DOCS_ROOT, rel), join(root, rel));
    } catch {
      /* a missing fragment is the generator's problem to report */
    }
  }
  return {
    root,
    write(rel, text) {
      mkdirSync(dirname(join(root, rel)), { recursive: true });
      writeFileSync(join(root, rel), text);
    },
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

export interface RunResult {
  ir: IrDocument;
  diagnostics: Diagnostic[];
  /** The emitted package (path → text); undefined when emitting was skipped. */
  files?: Map<string, string>;
}

const templates = loadTemplates();

/** parse + extract (+ emit); throws only if the generator lets an exception escape. */
export function runPipeline(docsRoot: string, pages: readonly string[] = CORPUS, emit = false): RunResult {
  const { ir } = buildIr({ docsRoot, pages: [...pages], cacheFile: null });
  return { ir, diagnostics: ir.diagnostics, files: emit ? packageFiles(ir, templates) : undefined };
}

/** `name@v` of every method and `event:name` of every event, by page. */
export function apiByPage(ir: IrDocument): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (page: string, what: string) => (out.get(page) ?? out.set(page, []).get(page)!).push(what);
  for (const m of ir.methods) add(m.docPath, `${m.name}@${m.apiVersion}`);
  for (const e of ir.events) add(e.docPath, `event:${e.name}`);
  return out;
}

// ------------------------------------------------------------------ type-check

let checker: Project | undefined;
/**
 * Type-checks the emitted TypeScript files in memory (placed under .cache/ so that
 * `@b24gen/runtime` resolves through node_modules). Returns the error messages.
 */
export function typeCheck(files: Map<string, string>, only?: (path: string) => boolean): string[] {
  checker ??= new Project({
    compilerOptions: {
      target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: [], strict: true, skipLibCheck: true, noEmit: true,
      isolatedModules: true, verbatimModuleSyntax: true, resolveJsonModule: true,
      // The workspace runtime resolves to its sources (as in tsconfig.json), not to a dist/ that may not be built.
      customConditions: ['b24gen-source'],
    },
    skipAddingFilesFromTsConfig: true,
  });
  const base = join(PROJECT_ROOT, '.cache', `hostile-check-${process.pid}`);
  const added = [...files].filter(([p]) => p.endsWith('.ts')).map(([p, text]) => checker!.createSourceFile(join(base, p), text, { overwrite: true }));
  try {
    const targets = only ? added.filter((f) => only(f.getFilePath().slice(base.length + 1))) : added;
    const diags = targets.flatMap((f) => f.getPreEmitDiagnostics());
    return diags.map((d) => {
      const m = d.getMessageText();
      const text = typeof m === 'string' ? m : m.getMessageText();
      return `${d.getSourceFile()?.getFilePath().slice(base.length + 1) ?? '?'}:${d.getLineNumber() ?? 0}: ${text}`;
    });
  } finally {
    for (const f of added) checker.removeSourceFile(f);
  }
}

// ------------------------------------------------------------------ mutations

export interface Mutation {
  name: string;
  apply(text: string): string;
}

/** Offsets of line starts (a line-aligned cut or insert point). */
function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}
const at = (text: string, pos: number, insert: string) => text.slice(0, pos) + insert + text.slice(pos);
const pick = <T>(xs: readonly T[], r: number): T | undefined => (xs.length ? xs[Math.floor(r * xs.length) % xs.length] : undefined);
const occurrences = (text: string, s: string): number[] => {
  const out: number[] = [];
  for (let i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + s.length)) out.push(i);
  return out;
};

/** `depth` tables nested in the first cell of each other. */
export function nestedTable(depth: number): string {
  let t = '';
  for (let i = 0; i < depth; i++) t += `#|\n|| cell ${i} |\n`;
  for (let i = depth - 1; i >= 0; i--) t += `| right ${i} ||\n|#\n`;
  return t;
}

const ratio = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('\u0000', '\u0000\u0000\u0000', '\u2028', '\u2029', '\uFEFF', '\uD800', '\uDFFF', '\u202E', '\r', '\r\n', '*/', '${x}', '`', '\\', '<!--', '-->', '{%', '%}', '|#', '#|', '||', '|', '```', '~~~', '&#0;', '<script>'),
);

/** Every mutation a page may get; each one says what it did (for the report). */
export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  ratio.map((r) => ({ name: `truncate@${r.toFixed(3)}`, apply: (t: string) => t.slice(0, Math.floor(r * t.length)) })),
  fc.tuple(fc.constantFrom('|#', '||', '#|', '{%', '%}', '{% endnote %}', '{% endcut %}', '{% endlist %}', '```'), fc.oneof(ratio, fc.constant(-1))).map(([s, r]) => ({
    name: `drop ${r < 0 ? 'all' : 'one'} ${JSON.stringify(s)}`,
    apply: (t: string) => {
      if (r < 0) return t.split(s).join('');
      const i = pick(occurrences(t, s), r);
      return i === undefined ? t : t.slice(0, i) + t.slice(i + s.length);
    },
  })),
  fc.tuple(fc.constantFrom('{% note warning %}', '{% note info "x" %}', '{% cut "Cut" %}', '{% list tabs %}', '{% endnote %}', '{% endlist %}', '{% if build == "dev" %}', '{% include [x](../../../_includes/nope.md) %}', '{% include [x](../../../../../../etc/passwd) %}', '{% unknown %}'), ratio).map(([tag, r]) => ({
    name: `insert ${JSON.stringify(tag)}`,
    apply: (t: string) => at(t, pick(lineStarts(t), r)!, `\n${tag}\n\n`),
  })),
  fc.tuple(fc.constantFrom('duplicate', 'delete'), ratio).map(([how, r]) => ({
    name: `${how} heading`,
    apply: (t: string) => {
      const heads = lineStarts(t).filter((i) => /^#{1,6}\s/.test(t.slice(i, i + 8)));
      const i = pick(heads, r);
      if (i === undefined) return t;
      const end = t.indexOf('\n', i) < 0 ? t.length : t.indexOf('\n', i) + 1;
      return how === 'delete' ? t.slice(0, i) + t.slice(end) : t.slice(0, end) + t.slice(i, end) + t.slice(end);
    },
  })),
  fc.tuple(hostileText, ratio).map(([s, r]) => ({ name: `insert text ${JSON.stringify(s).slice(0, 30)}`, apply: (t: string) => at(t, Math.floor(r * t.length), s) })),
  fc.tuple(fc.integer({ min: 1, max: 64 }), ratio).map(([n, r]) => ({ name: `insert ${n} NUL`, apply: (t: string) => at(t, Math.floor(r * t.length), '\u0000'.repeat(n)) })),
  fc.tuple(fc.constantFrom('x', '|', '#', '`', '*', ' ', '\u00e9'), ratio).map(([c, r]) => ({
    name: `insert 1 MB line of ${JSON.stringify(c)}`,
    apply: (t: string) => at(t, pick(lineStarts(t), r)!, c.repeat(1 << 20) + '\n'),
  })),
  fc.tuple(fc.integer({ min: 20, max: 200 }), ratio).map(([d, r]) => ({
    name: `nest ${d} tables in a cell`,
    apply: (t: string) => {
      const i = pick(occurrences(t, '|| '), r);
      return i === undefined ? t + '\n\n' + nestedTable(d) : at(t, i + 3, '\n' + nestedTable(d) + '\n');
    },
  })),
);

/** Mutations that compose: 1–3 in a row. */
export const mutationsArb = fc.array(mutationArb, { minLength: 1, maxLength: 3 });

/** Top-level cut points of a page (between blocks): inserting a block there lands at the top level. */
export function blockBoundaries(text: string): number[] {
  const out: number[] = [];
  let fence: string | null = null;
  let table = 0;
  const starts = lineStarts(text);
  starts.forEach((s, k) => {
    const line = text.slice(s, starts[k + 1] ?? text.length).replace(/\n$/, '');
    const f = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (f && f[0] === fence[0] && f.length >= fence.length && line.trim() === f) fence = null;
      return;
    }
    if (f) return void (fence = f);
    if (/^\s*#\|/.test(line)) table++;
    if (/\|#\s*$/.test(line)) table = Math.max(0, table - 1);
    if (table === 0 && line.trim() === '' && !/^\s/.test(text.slice(starts[k + 1] ?? text.length, (starts[k + 1] ?? text.length) + 1))) out.push(s);
  });
  return out;
}

export const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;
