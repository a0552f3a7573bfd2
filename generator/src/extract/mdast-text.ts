/** Small helpers that read text out of mdast nodes the way the docs mean it. */
import type { Heading, Nodes, Parent, PhrasingContent, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';

/** Plain text of a node; `\|` (Diplodoc's escaped pipe, kept literally inside inline code) reads as `|`. */
export function plainText(node: Nodes | Nodes[]): string {
  const text = Array.isArray(node) ? node.map((n) => toString(n)).join('\n\n') : toString(node);
  return text.replace(/\\\|/g, '|');
}

/** Text that keeps code spans in backticks (`By default \`N\``), for patterns that look for them. */
export function textWithCode(nodes: readonly Nodes[]): string {
  const one = (n: Nodes): string => {
    if (n.type === 'inlineCode') return '`' + n.value + '`';
    if (n.type === 'text') return n.value;
    if ('children' in n && Array.isArray(n.children)) {
      const sep = n.type === 'list' || n.type === 'root' || n.type === 'listItem' ? '\n' : '';
      return (n.children as Nodes[]).map(one).join(sep);
    }
    return 'value' in n && typeof n.value === 'string' ? n.value : '';
  };
  return nodes.map(one).join('\n\n').replace(/\\\|/g, '|');
}

const ANCHOR = /\s*\{#([^}\s]+)\}\s*$/;

/** Heading text without its `{#id}` suffix, and the id (explicit, else slugged like the docs site). */
export function headingInfo(heading: Heading): { text: string; id: string } {
  const raw = plainText(heading).trim();
  const m = ANCHOR.exec(raw);
  const text = m ? raw.slice(0, m.index).trim() : raw;
  return { text, id: m?.[1] ?? slug(text) };
}

/** GitHub-like slug: lower case, drop punctuation, spaces to dashes. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s+/g, '-');
}

/** First line of a node's 1-based start position, 0 when unknown. */
export function lineOf(node: { position?: { start: { line: number } } } | undefined): number {
  return node?.position?.start.line ?? 0;
}

/** Collapse runs of whitespace; used for one-line texts such as titles. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function isParent(node: RootContent | Nodes): node is Extract<RootContent, Parent> {
  return 'children' in node && Array.isArray((node as Parent).children);
}

/** Inline children of the first paragraph of a list of flow nodes. */
export function firstPhrasing(nodes: readonly RootContent[]): PhrasingContent[] {
  const p = nodes.find((n) => n.type === 'paragraph');
  return p && p.type === 'paragraph' ? p.children : [];
}
