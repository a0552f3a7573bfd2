import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { parsePage, type ParsedPage } from '../../generator/src/parse/parse-page.js';
import type { RootContentMap } from 'mdast';
import { DOCS_ROOT } from '../support/docs.js';

/** The docs checkout, found as the generator finds it (test/support/docs.ts). */
export { DOCS_ROOT };

/** Parse an inline fixture; `files` are the other docs-root-relative files it may include. */
export function parseFixture(
  md: string,
  files: Record<string, string> = {},
  relPath = 'api-reference/section/page.md',
): ParsedPage {
  return parsePage(md, relPath, { readFile: (p) => files[p] });
}

export function readDocs(rel: string): string | undefined {
  try {
    return readFileSync(join(DOCS_ROOT, rel), 'utf8');
  } catch {
    return undefined;
  }
}

export function parseReal(rel: string, cache?: Map<string, Root>): ParsedPage {
  const text = readDocs(rel);
  if (text === undefined) throw new Error(`missing docs page ${rel}`);
  return parsePage(text, rel, { readFile: readDocs, cache, docsRoot: DOCS_ROOT });
}

/** All nodes of one type, in document order. */
export function all<K extends keyof RootContentMap>(tree: Nodes, type: K): Array<RootContentMap[K]> {
  const out: Array<RootContentMap[K]> = [];
  visit(tree, type, (n) => {
    out.push(n as RootContentMap[K]);
  });
  return out;
}

export function text(node: Nodes): string {
  return toString(node);
}

/** `[[cell text, ...], ...]` of a yfmTable. */
export function cells(table: RootContentMap['yfmTable']): string[][] {
  return table.children.map((r) => r.children.map((c) => toString(c)));
}
