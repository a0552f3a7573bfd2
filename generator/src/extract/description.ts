/** Turns doc content into Markdown for TSDoc, with links to other pages made absolute. */
import type { Definition, Image, Link, Parents, PhrasingContent, Root, RootContent } from 'mdast';
import { defaultHandlers, toMarkdown, type Info, type State } from 'mdast-util-to-markdown';
import { posix } from 'node:path';
import { DOCS_SITE, pageUrl } from '../ir/doc-url.js';


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
  // Links to other pages become absolute: rewritten while printing, the page's tree stays as parsed.
  const url = (u: string) => absolutise(u, fromDocPath);
  const root: Root = { type: 'root', children: kept };
  const handlers = {
    ...YFM_HANDLERS,
    link: (node: Link, parent: Parents, state: State, info: Info) => defaultHandlers.link({ ...node, url: url(node.url) }, parent, state, info),
    image: (node: Image, parent: Parents, state: State, info: Info) => defaultHandlers.image({ ...node, url: url(node.url) }, parent, state, info),
    definition: (node: Definition, parent: Parents, state: State, info: Info) => defaultHandlers.definition({ ...node, url: url(node.url) }, parent, state, info),
  };
  return (simpleMarkdown(kept, url) ?? toMarkdown(root, { bullet: '-', emphasis: '_', fences: true, listItemIndent: 'one', handlers: handlers as never }))
    .replace(/\\\|/g, '|')
    .trim();
}

/**
 * Most description cells are paragraphs and flat lists of plain inline text: print those directly
 * (toMarkdown costs a third of the extract stage); anything else returns null for toMarkdown.
 */
function simpleMarkdown(nodes: readonly RootContent[], url: (u: string) => string): string | null {
  const inline = (list: readonly PhrasingContent[]): string | null => {
    let out = '';
    for (const n of list) {
      if (n.type === 'text') out += n.value;
      else if (n.type === 'inlineCode') out += n.value.includes('`') ? `\`\` ${n.value} \`\`` : `\`${n.value}\``;
      else if (n.type === 'break') out += '\n';
      else if (n.type === 'strong' || n.type === 'emphasis' || n.type === 'link') {
        const inner = inline(n.children);
        if (inner === null) return null;
        out += n.type === 'strong' ? `**${inner}**` : n.type === 'emphasis' ? `_${inner}_` : `[${inner}](${url(n.url)})`;
      } else return null;
    }
    return out;
  };
  const blocks: string[] = [];
  for (const n of nodes) {
    if (n.type === 'paragraph') {
      const text = inline(n.children);
      if (text === null) return null;
      blocks.push(text);
    } else if (n.type === 'list' && !n.ordered) {
      const items: string[] = [];
      for (const item of n.children) {
        const [first, ...rest] = item.children;
        if (rest.length > 0 || !first || first.type !== 'paragraph') return null;
        const text = inline(first.children);
        if (text === null) return null;
        items.push(`- ${text.replace(/\n/g, '\n  ')}`);
      }
      blocks.push(items.join('\n'));
    } else return null;
  }
  return blocks.join('\n\n');
}
