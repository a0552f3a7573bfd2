/**
 * The `b24-toc.yaml` trees: `api-reference/b24-toc.yaml` and every toc it includes
 * (`include: { path, mode: link }`). Discovery takes the union of their hrefs and the filesystem
 * walk; an href to a missing page, or a toc that does not parse, is a diagnostic at its line.
 */
import { posix } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export const ROOT_TOC = 'api-reference/b24-toc.yaml';

export interface TocResult {
  /** Docs-relative `.md` pages the tocs list, in toc order, each once. */
  pages: string[];
  /** Toc files read. */
  tocs: string[];
  diagnostics: Diagnostic[];
}

export function readTocs(readFile: (rel: string) => string | undefined, exists: (rel: string) => boolean): TocResult {
  const pages: string[] = [];
  const seenPages = new Set<string>();
  const tocs: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const visitToc = (tocPath: string) => {
    if (tocs.includes(tocPath)) return;
    tocs.push(tocPath);
    const text = readFile(tocPath);
    if (text === undefined) {
      diagnostics.push({ file: tocPath, line: 0, severity: 'warning', message: 'toc file missing', ruleId: 'toc-missing' });
      return;
    }
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines });
    for (const e of doc.errors) diagnostics.push({ file: tocPath, line: lines.linePos(e.pos[0]).line, severity: 'warning', message: `toc does not parse: ${e.message.split('\n')[0]}`, ruleId: 'toc-yaml' });
    const dir = posix.dirname(tocPath);
    const at = (n: Node | null | undefined) => (n?.range ? lines.linePos(n.range[0]).line : 0);
    const walk = (node: unknown): void => {
      if (isSeq(node)) for (const item of node.items) walk(item);
      if (!isMap(node)) return;
      const href = node.get('href', true);
      if (isScalar(href) && typeof href.value === 'string' && !/^[a-z]+:/i.test(href.value)) {
        const target = posix.normalize(posix.join(dir, href.value));
        if (target.endsWith('.md')) {
          if (!exists(target)) diagnostics.push({ file: tocPath, line: at(href), severity: 'warning', message: `toc links a missing page: ${href.value}`, ruleId: 'toc-broken-href' });
          else if (!seenPages.has(target)) {
            seenPages.add(target);
            pages.push(target);
          }
        }
      }
      const include = node.get('include', true);
      if (isMap(include)) {
        const path = include.get('path');
        if (typeof path === 'string') visitToc(posix.normalize(posix.join(dir, path)));
      }
      walk(node.get('items', true));
    };
    walk(doc.contents);
  };
  visitToc(ROOT_TOC);
  return { pages, tocs, diagnostics };
}
