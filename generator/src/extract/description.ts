/** Turns doc content into Markdown for TSDoc, with links to other pages made absolute. */
import type { Root, RootContent } from 'mdast';
import { toMarkdown } from 'mdast-util-to-markdown';
import { visit } from 'unist-util-visit';
import { posix } from 'node:path';

export const DOCS_SITE = 'https://apidocs.bitrix24.com/';

/** The published URL of a docs-relative `.md` path. */
export function pageUrl(docPath: string, anchor = ''): string {
  return DOCS_SITE + docPath.replace(/\.md$/, '.html') + anchor;
}

function absolutise(url: string, fromDocPath: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  if (url.startsWith('#')) return pageUrl(fromDocPath, url);
  const [path = '', hash = ''] = url.split('#');
  const target = path.startsWith('/') ? path.slice(1) : posix.join(posix.dirname(fromDocPath), path);
  if (!target.endsWith('.md') && !target.endsWith('.html')) return DOCS_SITE + target + (hash ? '#' + hash : '');
  return pageUrl(target.replace(/\.html$/, '.md'), hash ? '#' + hash : '');
}

/** YFM nodes nested deeper than the top level (a note in a list item): containers print their content, tables nothing. */
const container = (node: { children: RootContent[] }, _parent: unknown, state: { containerFlow: (n: unknown, info: unknown) => string }, info: unknown) => state.containerFlow(node, info);
const YFM_HANDLERS = {
  yfmNote: container, yfmCut: container, yfmTabs: container, yfmTab: container, yfmIf: container, yfmInclude: container,
  yfmTable: () => '',
  yfmTableRow: () => '',
  yfmTableCell: () => '',
};

const BLOCK_TYPES = new Set(['paragraph', 'list', 'code', 'blockquote', 'heading', 'thematicBreak', 'html', 'table']);

/** Markdown of flow nodes; YFM containers are unwrapped, tables dropped (they become fields). */
export function toDescription(nodes: readonly RootContent[], fromDocPath: string): string {
  const kept: RootContent[] = [];
  const take = (list: readonly RootContent[]) => {
    for (const n of list) {
      if (n.type === 'yfmNote' || n.type === 'yfmCut' || n.type === 'yfmTab' || n.type === 'yfmIf' || n.type === 'yfmInclude') take(n.children);
      else if (n.type === 'yfmTabs') take(n.children);
      else if (BLOCK_TYPES.has(n.type)) kept.push(n);
    }
  };
  take(nodes);
  if (kept.length === 0) return '';
  const root: Root = structuredClone({ type: 'root', children: kept });
  visit(root, (n) => {
    if (n.type === 'link' || n.type === 'definition') n.url = absolutise(n.url, fromDocPath);
    if (n.type === 'image') n.url = absolutise(n.url, fromDocPath);
  });
  return toMarkdown(root, { bullet: '-', emphasis: '_', fences: true, listItemIndent: 'one', handlers: YFM_HANDLERS as never })
    .replace(/\\\|/g, '|')
    .trim();
}
