/** The head of a page: H1, the `> Scope:` / `> Who can …` blockquote, the lead description, DEPRECATED notes. */
import type { Blockquote, RootContent } from 'mdast';
import { posix } from 'node:path';
import { headingInfo, oneLine, plainText } from './mdast-text.js';
import type { PageNode } from './page-nodes.js';
import { toDescription } from './description.js';

export interface PageHeader {
  title: string;
  h1Line: number;
  scopes: string[];
  access: string | null;
  /** The header says "Who can subscribe" (an event page) rather than "execute". */
  subscribe: boolean;
  description: string;
  deprecated: boolean;
  /** Docs-relative path of the page a DEPRECATED note points to. */
  replacementDoc?: string;
}

function scopeAndAccess(q: Blockquote): { scopes: string[]; access: string | null; subscribe: boolean } {
  const scopes: string[] = [];
  let access: string | null = null;
  let subscribe = false;
  for (const p of q.children) {
    const text = plainText(p);
    for (const line of text.split('\n')) {
      const s = /^\s*scope\s*:\s*(.*)$/i.exec(line);
      if (s?.[1]) {
        const codes = [...s[1].matchAll(/`([^`]+)`/g)].flatMap((m) => m[1]!.split(/\s*,\s*/));
        const tokens = codes.length > 0 ? codes : s[1].split(/[\s,|]+/);
        for (const t of tokens) {
          const token = t.trim().replace(/[^\w.-]/g, '');
          if (token && !scopes.includes(token)) scopes.push(token);
        }
      }
      const w = /^\s*who can ([^:]*):\s*(.*)$/i.exec(line);
      if (w?.[2]) {
        access = oneLine(w[2]);
        subscribe ||= /subscribe/i.test(w[1] ?? '');
      }
    }
  }
  return { scopes, access, subscribe };
}

function firstPageLink(nodes: readonly RootContent[], docPath: string): string | undefined {
  for (const n of nodes) {
    if (n.type === 'link' && /\.md(#.*)?$/.test(n.url) && !/^[a-z]+:/i.test(n.url)) {
      return posix.normalize(posix.join(posix.dirname(docPath), n.url.replace(/#.*$/, '')));
    }
    if ('children' in n && Array.isArray(n.children)) {
      const found = firstPageLink(n.children as RootContent[], docPath);
      if (found) return found;
    }
  }
  return undefined;
}

export function readHeader(nodes: readonly PageNode[], docPath: string): PageHeader {
  const header: PageHeader = { title: '', h1Line: 0, scopes: [], access: null, subscribe: false, description: '', deprecated: /\/(outdated|deprecated)\//.test(docPath) };
  const lead: RootContent[] = [];
  for (const { node, file } of nodes) {
    if (node.type === 'heading' && node.depth === 1) {
      if (!header.title) {
        header.title = headingInfo(node).text;
        header.h1Line = node.position?.start.line ?? 0;
      }
      continue;
    }
    if (node.type === 'heading') break;
    if (node.type === 'blockquote' && header.scopes.length === 0 && header.access === null) {
      Object.assign(header, scopeAndAccess(node));
      continue;
    }
    if (node.type === 'yfmNote') {
      if (/deprecated/i.test(node.title ?? '')) {
        header.deprecated = true;
        header.replacementDoc ??= firstPageLink(node.children, docPath);
      }
      continue;
    }
    if (file === docPath && (node.type === 'paragraph' || node.type === 'list' || node.type === 'code')) lead.push(node);
  }
  header.description = toDescription(lead, docPath);
  return header;
}
