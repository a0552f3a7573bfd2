/**
 * The one place that knows the stage order:
 * 1 load (page list) → 2 parse (mdast) → 3 extract (IR per page) → 4 assemble (IR) → 5 emit (TS) + render → 6 write.
 * Stages 2–3 are cached per page; every stage below this file is pure apart from `load` and `write`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PageCache, sha256 } from './cache/page-cache.js';
import { OPERATION_TIME_LIMIT } from './catalog/classify.js';
import { catalogFiles } from './catalog/files.js';
import { openApiFiles } from './openapi/document.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { assembleIr } from './extract/assemble.js';
import { readSystemErrors } from './extract/errors.js';
import { SYSTEM_ERRORS_PATH } from './extract/method-page.js';
import { extractPage, type PageExtraction } from './extract/page.js';
import { emitPackage } from './emit/emit.js';
import { methodNames } from './emit/method-names.js';
import type { IrDocument } from './ir/types.js';
import { docsReader, listPages } from './load/docs-files.js';
import { readTocs } from './load/toc.js';
import { readMethodAliases } from './load/method-aliases.js';
import { docsSource } from './load/docs-source.js';
import { parsePage } from './parse/parse-page.js';
import { renderPackageFiles, type TemplateSources } from './render/render.js';
import { writeFiles, type WriteStats } from './write/write-files.js';
import { readReleaseState } from './release/state.js';

export const PROJECT_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const GENERATOR_VERSION: string = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** Changes whenever the generator's code or templates change, so caches never outlive the code. */
export function generatorFingerprint(): string {
  const parts: string[] = [GENERATOR_VERSION];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else parts.push(e.name, readFileSync(full, 'utf8'));
    }
  };
  walk(join(PROJECT_ROOT, 'generator/src'));
  walk(join(PROJECT_ROOT, 'templates'));
  return sha256(parts.join('\0')).slice(0, 16);
}

export function loadTemplates(dir = join(PROJECT_ROOT, 'templates')): TemplateSources {
  const out = new Map<string, string>();
  for (const f of readdirSync(dir).sort()) if (f.endsWith('.hbs')) out.set(f.slice(0, -4), readFileSync(join(dir, f), 'utf8'));
  return out;
}

export interface Progress {
  (done: number, total: number, phase: string): void;
}

export interface BuildIrOptions {
  docsRoot: string;
  /** Cache file; null disables the cache. */
  cacheFile?: string | null;
  /** Only these docs-relative pages (tests, benchmarks); default: every page. */
  pages?: string[];
  onProgress?: Progress;
  /** The method aliases file (old name → new name); default `docs-input/method-aliases.json`. */
  methodAliasesFile?: string;
}

export interface BuildStats {
  pages: number;
  parsed: number;
  cached: number;
  parseMs: number;
  extractMs: number;
}

export function buildIr(opts: BuildIrOptions): { ir: IrDocument; stats: BuildStats; extractions: PageExtraction[] } {
  const readFile = docsReader(opts.docsRoot);
  const diagnostics: Diagnostic[] = [];
  const cache = new PageCache(opts.cacheFile ?? null, generatorFingerprint(), readFile);
  const pages = opts.pages ?? discoverPages(opts.docsRoot, readFile, diagnostics, cache);
  const fragments = new Map();
  const stats: BuildStats = { pages: pages.length, parsed: 0, cached: 0, parseMs: 0, extractMs: 0 };
  const extractions: PageExtraction[] = [];
  const hashes: string[] = [];
  pages.forEach((docPath, i) => {
    opts.onProgress?.(i, pages.length, 'reading pages');
    const text = readFile(docPath);
    if (text === undefined) {
      diagnostics.push({ file: docPath, line: 0, severity: 'error', message: 'page could not be read', ruleId: 'page-unreadable' });
      return;
    }
    const pageHash = sha256(text);
    hashes.push(hashLine(docPath, pageHash));
    const hit = cache.get(docPath, pageHash);
    if (hit) {
      stats.cached++;
      extractions.push(hit.extraction);
      diagnostics.push(...hit.parseDiagnostics);
      return;
    }
    const t0 = performance.now();
    const { tree, messages, includes } = parsePageWithIncludes(text, docPath, readFile, fragments);
    const t1 = performance.now();
    const extraction = extractPage(docPath, tree);
    stats.extractMs += performance.now() - t1;
    stats.parseMs += t1 - t0;
    stats.parsed++;
    extractions.push(extraction);
    diagnostics.push(...messages);
    cache.set(docPath, { pageHash, includes: Object.fromEntries(includes.map((p) => [p, cache.includeHash(p)])), extraction, parseDiagnostics: messages });
  });
  opts.onProgress?.(pages.length, pages.length, 'reading pages');
  cache.save(new Set(pages));
  const systemText = readFile(SYSTEM_ERRORS_PATH);
  const systemErrors = systemText === undefined ? [] : readSystemErrors(parsePage(systemText, SYSTEM_ERRORS_PATH, { readFile }).tree.children);
  if (systemText === undefined) diagnostics.push({ file: SYSTEM_ERRORS_PATH, line: 0, severity: 'error', message: 'system errors fragment missing', ruleId: 'system-errors' });
  hashes.push(hashLine(SYSTEM_ERRORS_PATH, sha256(systemText ?? '')));
  const ir = assembleIr({
    pages: extractions,
    systemErrors: [...systemErrors, OPERATION_TIME_LIMIT],
    source: docsSource(opts.docsRoot, sha256(hashes.join('\n'))),
    generatorVersion: GENERATOR_VERSION,
    diagnostics,
    methodAliases: readMethodAliases(opts.methodAliasesFile),
  });
  return { ir, stats, extractions };
}

/** One line of the docs content hash: a page's path and the sha256 of its text. */
function hashLine(docPath: string, pageHash: string): string {
  return `${docPath}\0${pageHash}`;
}

/**
 * The content hash `buildIr` records in `ir.source.contentHash` (sha256 over every page the
 * generator reads and the system-errors fragment), without parsing: for checking a docs folder
 * against the pin in `docs-input/source.json`.
 */
export function docsContentHash(docsRoot: string): string {
  const readFile = docsReader(docsRoot);
  const lines: string[] = [];
  for (const docPath of discoverPages(docsRoot, readFile, [])) {
    const text = readFile(docPath);
    if (text !== undefined) lines.push(hashLine(docPath, sha256(text)));
  }
  lines.push(hashLine(SYSTEM_ERRORS_PATH, sha256(readFile(SYSTEM_ERRORS_PATH) ?? '')));
  return sha256(lines.join('\n'));
}

/**
 * Every page of the filesystem walk under `api-reference/` and of the toc trees (their union);
 * pages the tocs miss are noted, toc links to missing pages reported.
 */
export function discoverPages(docsRoot: string, readFile: (rel: string) => string | undefined, diagnostics: Diagnostic[], cache?: PageCache): string[] {
  const walked = listPages(docsRoot);
  const onDisk = new Set(walked);
  // Cached while the walked pages and every toc read are unchanged (a toc link to a page outside
  // api-reference/ that appears or disappears keeps its old diagnostic until a toc changes).
  const walkedKey = cache ? sha256(walked.join('\n')) : '';
  let toc: { pages: string[]; diagnostics: Diagnostic[] } | undefined = cache?.getTocs(walkedKey);
  if (!toc) {
    const read = readTocs(readFile, (rel) => onDisk.has(rel) || readFile(rel) !== undefined);
    cache?.setTocs({ walked: walkedKey, tocs: Object.fromEntries(read.tocs.map((p) => [p, cache.includeHash(p)])), pages: read.pages, diagnostics: read.diagnostics });
    toc = read;
  }
  diagnostics.push(...toc.diagnostics);
  const listed = new Set(toc.pages);
  for (const p of walked) {
    if (!listed.has(p) && !/\/_includes?\//.test(p) && !p.endsWith('/index.md')) diagnostics.push({ file: p, line: 1, severity: 'info', message: 'page is listed in no b24-toc.yaml', ruleId: 'toc-unlisted' });
  }
  return [...new Set([...walked, ...toc.pages.filter((p) => p.startsWith('api-reference/'))])].sort();
}

/** Parses a page and lists the fragments it pulled in (for the cache key). */
function parsePageWithIncludes(text: string, docPath: string, readFile: (p: string) => string | undefined, cache: Map<string, import('mdast').Root>) {
  const includes = new Set<string>();
  const tracking = (p: string) => {
    includes.add(p);
    return readFile(p);
  };
  const parsed = parsePage(text, docPath, { readFile: tracking, cache });
  // Fragments served from the parse cache were not read again: collect them from the tree.
  const visitNodes = (nodes: readonly import('mdast').RootContent[]) => {
    for (const n of nodes) {
      if (n.type === 'yfmInclude' && n.resolved) includes.add(n.resolved);
      if ('children' in n && Array.isArray(n.children)) visitNodes(n.children as import('mdast').RootContent[]);
    }
  };
  visitNodes(parsed.tree.children);
  return { ...parsed, includes: [...includes].sort() };
}

export interface GenerateOptions extends BuildIrOptions {
  outDir: string;
  /** The package version; default: the last release's (`release.json` in outDir), else the generator's. */
  version?: string;
  /** Runs between building the IR and writing; throwing stops before anything is written. */
  check?: (ir: IrDocument) => void;
}

export interface GenerateResult {
  ir: IrDocument;
  stats: BuildStats & { emitMs: number; writeMs: number };
  write: WriteStats;
}

export interface PackageFileOptions {
  /** Version of `@b24gen/client`; default: the generator's version. */
  version?: string;
}

/** The b24gen repository URL (root package.json `repository`), written into the package's `repository`. */
function projectRepository(): string {
  const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { repository?: string | { url?: string } };
  return (typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url) ?? '';
}

/** All files of the generated package, path → text, sorted. */
export function packageFiles(ir: IrDocument, templates: TemplateSources = loadTemplates(), opts: PackageFileOptions = {}): Map<string, string> {
  const runtimePkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'runtime/package.json'), 'utf8')) as { version: string };
  const files = emitPackage(ir);
  const example = ir.methods.find((m) => m.name === 'bizproc.activity.log') ?? ir.methods[0];
  const exampleNames = example ? methodNames(ir.methods).get(example) : undefined;
  const pkg = {
    name: '@b24gen/client', version: opts.version ?? GENERATOR_VERSION, runtimeVersion: runtimePkg.version, generatorVersion: GENERATOR_VERSION,
    projectRepository: projectRepository(), exampleFn: exampleNames?.fn ?? '', exampleModule: exampleNames?.module ?? '',
  };
  for (const [k, v] of renderPackageFiles(templates, ir, pkg)) files.set(k, v);
  for (const [k, v] of catalogFiles(ir, templates)) files.set(k, v);
  for (const [k, v] of openApiFiles(ir)) files.set(k, v);
  files.set('generation.lock.json', JSON.stringify({ generator: { name: 'b24gen', version: GENERATOR_VERSION }, irSchemaVersion: ir.schemaVersion, docs: ir.source }, null, 2) + '\n');
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function generate(opts: GenerateOptions): GenerateResult {
  const { ir, stats } = buildIr(opts);
  opts.check?.(ir);
  const t0 = performance.now();
  const files = packageFiles(ir, loadTemplates(), { version: opts.version ?? readReleaseState(opts.outDir)?.version });
  const t1 = performance.now();
  const write = writeFiles(opts.outDir, files);
  return { ir, stats: { ...stats, emitMs: t1 - t0, writeMs: performance.now() - t1 }, write };
}
