/**
 * Flattens a parsed page into the sequence of top-level nodes the extractors walk:
 * resolved `{% include %}` fragments are spliced in place (remembering which file they came from),
 * and sections are cut at headings.
 */
import type { Heading, Root, RootContent } from 'mdast';
import { headingInfo } from './mdast-text.js';

/** A top-level node with the docs-relative file it was written in (the page or an include). */
export interface PageNode {
  node: RootContent;
  file: string;
}

export function flattenIncludes(root: Root, file: string): PageNode[] {
  const out: PageNode[] = [];
  const walk = (nodes: readonly RootContent[], from: string) => {
    for (const node of nodes) {
      if (node.type === 'yfmInclude') walk(node.children, node.resolved ?? from);
      else out.push({ node, file: from });
    }
  };
  walk(root.children, file);
  return out;
}

export interface Section {
  heading: Heading | null;
  /** Heading text without `{#id}`, lower-cased for matching. */
  key: string;
  title: string;
  id: string;
  depth: number;
  file: string;
  /** Nodes up to the next heading of the same or a higher level (sub-headings included). */
  nodes: PageNode[];
}

/** Splits at every heading of `depth`; nodes before the first one form a section with no heading. */
export function sections(nodes: readonly PageNode[], depth: number): Section[] {
  const out: Section[] = [];
  let current: Section = { heading: null, key: '', title: '', id: '', depth: 0, file: nodes[0]?.file ?? '', nodes: [] };
  for (const pn of nodes) {
    const n = pn.node;
    if (n.type === 'heading' && n.depth <= depth) {
      out.push(current);
      const { text, id } = headingInfo(n);
      current = { heading: n, key: text.toLowerCase(), title: text, id, depth: n.depth, file: pn.file, nodes: [] };
      continue;
    }
    current.nodes.push(pn);
  }
  out.push(current);
  return out.filter((s) => s.heading !== null || s.nodes.length > 0);
}

/** The first section whose heading matches one of the patterns (case-insensitive). */
export function findSection(all: readonly Section[], ...patterns: RegExp[]): Section | undefined {
  for (const p of patterns) {
    const s = all.find((x) => p.test(x.key));
    if (s) return s;
  }
  return undefined;
}
