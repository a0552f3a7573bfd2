/**
 * The corpus IR, built once per test run (vitest globalSetup) with the per-page cache, and the
 * generated package emitted from it into `.cache/corpus-pkg/` for the type-level corpus tests.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IrDocument } from '../../generator/src/ir/types.js';
import type { PageExtraction } from '../../generator/src/extract/page.js';
import { DOCS_ROOT, PROJECT_ROOT } from '../support/docs.js';

export const CACHE_DIR = join(PROJECT_ROOT, '.cache');
export const CORPUS_IR = join(CACHE_DIR, 'corpus-ir.json');
export const CORPUS_PKG = join(CACHE_DIR, 'corpus-pkg');

export interface CorpusSnapshot {
  ir: IrDocument;
  classes: Array<Pick<PageExtraction, 'docPath' | 'pageClass'>>;
}

export async function buildCorpus(): Promise<void> {
  const { buildIr, packageFiles } = await import('../../generator/src/pipeline.js');
  const { writeFiles } = await import('../../generator/src/write/write-files.js');
  const { ir, extractions } = buildIr({ docsRoot: DOCS_ROOT, cacheFile: join(CACHE_DIR, 'pages.json') });
  mkdirSync(CACHE_DIR, { recursive: true });
  const snapshot: CorpusSnapshot = { ir, classes: extractions.map((e) => ({ docPath: e.docPath, pageClass: e.pageClass })) };
  writeFileSync(CORPUS_IR, JSON.stringify(snapshot));
  mkdirSync(CORPUS_PKG, { recursive: true });
  writeFiles(CORPUS_PKG, packageFiles(ir));
}

export function loadCorpus(): CorpusSnapshot {
  return JSON.parse(readFileSync(CORPUS_IR, 'utf8')) as CorpusSnapshot;
}
