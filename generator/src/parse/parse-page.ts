/**
 * Parse one docs page into mdast with the YFM extension and resolved includes.
 * A page never throws: exceptions become `parse-exception` diagnostics.
 */
import type { Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { diagnosticFromVFileMessage, type Diagnostic } from '../diagnostics/diagnostic.js';
import { resolveIncludes } from './include.js';
import { remarkYfm } from './remark-yfm/index.js';

export interface ParsePageOptions {
  /** Read a docs-root-relative file (fragments); `undefined` when missing. */
  readFile: (relPath: string) => string | undefined;
  /** Parsed fragments shared across pages (e.g. `_includes/system-errors.md`). */
  cache?: Map<string, Root>;
  /** Absolute docs root, informational. */
  docsRoot?: string;
  /** Include nesting limit (default 5). */
  maxDepth?: number;
}

export interface ParsedPage {
  tree: Root;
  messages: Diagnostic[];
}

/** Built once per module: parser set-up is not free. */
const processor = unified().use(remarkParse).use(remarkYfm).freeze();

/** Parse markdown with the YFM extension and the tag pass (no include resolution). */
export function parseMarkdown(text: string, file: VFile): Root {
  file.value = text;
  const tree = processor.parse(file);
  return processor.runSync(tree, file) as Root;
}

export function parsePage(text: string, relPath: string, opts: ParsePageOptions): ParsedPage {
  const file = new VFile({ path: relPath });
  const messages: Diagnostic[] = [];
  let tree: Root = { type: 'root', children: [] };
  try {
    tree = parseMarkdown(text, file);
    resolveIncludes(tree, {
      docsRoot: opts.docsRoot ?? '',
      filePath: relPath,
      readFile: opts.readFile,
      file,
      maxDepth: opts.maxDepth,
      cache: opts.cache,
      parse: (fragmentText, fragmentPath) => {
        const fragmentFile = new VFile({ path: fragmentPath });
        try {
          return parseMarkdown(fragmentText, fragmentFile);
        } finally {
          for (const m of fragmentFile.messages) messages.push(diagnosticFromVFileMessage(m, fragmentPath));
        }
      },
    });
  } catch (error) {
    messages.push({
      file: relPath,
      line: 0,
      severity: 'error',
      message: `Parse failed: ${error instanceof Error ? error.message : String(error)}`,
      ruleId: 'parse-exception',
      source: 'parse',
    });
  }
  for (const m of file.messages) messages.push(diagnosticFromVFileMessage(m, relPath));
  messages.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
  return { tree, messages };
}
