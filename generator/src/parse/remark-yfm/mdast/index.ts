/**
 * mdast-util-from-markdown extension for the YFM tokens:
 * - `yfmTable` → yfmTable > yfmTableRow > yfmTableCell (cells re-parsed, see table.ts);
 * - `yfmTag` → an intermediate `yfmTag` node (paired into containers by the plugin's tree pass).
 *
 * Cells are NOT parsed here: `buildPendingTables(tree, parse)` must run on the finished tree
 * (the `remarkYfm` transformer does it first). Then the whole page is known, so reference-style
 * links in cells (`[`t`][1]` + a `[1]: url` definition anywhere on the page) resolve as in
 * Diplodoc, all tables of a page are re-parsed in one call, and the page's micromark events
 * are already garbage (less GC work).
 */
import type { Definition, Nodes, Root } from 'mdast';
import {
  fromMarkdown,
  type CompileContext,
  type Extension as FromMarkdownExtension,
  type Options as FromMarkdownOptions,
} from 'mdast-util-from-markdown';
import type { Token } from 'micromark-util-types';
import type { Node } from 'unist';
import type { YfmTable } from '../types.js';
import '../syntax/tokens.js';
import { buildTables, type ParseDoc, type RawLine, type TableIssue } from './table.js';
import { parseTag, type YfmTagNode } from './tag.js';

export type { ParseDoc, TableIssue } from './table.js';
export type { YfmTagNode } from './tag.js';
export { parseTag } from './tag.js';

/** Diagnostics found while building tables; read (and cleared) by the plugin's tree pass. */
export const tableIssues = new WeakMap<Node, TableIssue[]>();

interface Pending {
  node: YfmTable;
  lines: RawLine[];
}
const pendingByRoot = new WeakMap<Node, Pending[]>();

export function yfmFromMarkdown(): FromMarkdownExtension {
  return {
    enter: {
      yfmTable(this: CompileContext, token: Token) {
        const node: YfmTable = { type: 'yfmTable', children: [] };
        this.enter(node, token);
        const root = this.stack[0] as Node;
        let list = pendingByRoot.get(root);
        if (!list) pendingByRoot.set(root, (list = []));
        list.push({ node, lines: [] });
      },
      yfmTag(this: CompileContext, token: Token) {
        const raw = this.sliceSerialize(token);
        const { name, args } = parseTag(raw);
        const node: YfmTagNode = { type: 'yfmTag', name, args, raw };
        this.enter(node as unknown as Nodes & { children: [] }, token);
      },
    },
    exit: {
      yfmTableLine(this: CompileContext, token: Token) {
        const list = pendingByRoot.get(this.stack[0] as Node);
        list?.[list.length - 1]?.lines.push({ text: this.sliceSerialize(token), start: token.start });
      },
      yfmTable(this: CompileContext, token: Token) {
        this.exit(token);
      },
      yfmTag(this: CompileContext, token: Token) {
        this.exit(token);
      },
    },
  };
}

/** True when `tree` (from `fromMarkdown` with `yfmFromMarkdown`) has tables not built yet. */
export function hasPendingTables(tree: Root): boolean {
  return pendingByRoot.has(tree);
}

/**
 * Split and parse the cells of every table of `tree` (including tables nested in cells).
 * `parse` must parse with the same extensions and build the tables of what it returns;
 * `parserFor(options)` gives one.
 */
export function buildPendingTables(tree: Root, parse: ParseDoc): void {
  const pending = pendingByRoot.get(tree);
  if (!pending) return;
  pendingByRoot.delete(tree);
  const definitions = collectDefinitions(tree);
  // All tables of the document in one cell re-parse.
  const built = buildTables(
    pending.map((p) => p.lines),
    parse,
    definitions,
  );
  pending.forEach((p, k) => {
    const { rows, issues } = built[k]!;
    p.node.children = rows;
    if (issues.length > 0) tableIssues.set(p.node, issues);
  });
}

/** A `ParseDoc` for `fromMarkdown` options that include the YFM extensions. */
export function parserFor(getOptions: () => FromMarkdownOptions): ParseDoc {
  const parse: ParseDoc = (doc) => {
    const tree = fromMarkdown(doc, getOptions());
    buildPendingTables(tree, parse);
    return tree;
  };
  return parse;
}

/** The page's link reference definitions, re-serialized to prefix each cell document. */
function collectDefinitions(tree: Root): string {
  let out = '';
  const walk = (node: Nodes): void => {
    if (node.type === 'definition') {
      out += serializeDefinition(node);
      return;
    }
    if (node.type === 'yfmTable') return;
    if ('children' in node) for (const c of node.children) walk(c as Nodes);
  };
  walk(tree);
  return out;
}

function serializeDefinition(d: Definition): string {
  const label = (d.label ?? d.identifier).replace(/[[\]\\]/g, '\\$&');
  const url = d.url.replace(/[<>\n\\]/g, (c) => encodeURIComponent(c));
  const title = d.title == null ? '' : ' "' + d.title.replace(/["\\]/g, '\\$&').replace(/\n/g, ' ') + '"';
  return `[${label}]: <${url}>${title}\n\n`;
}
