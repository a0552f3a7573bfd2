/**
 * A method's name comes from the H1 (its last token, or a dotted name elsewhere in it),
 * cross-checked with the cURL URL: where they disagree the URL wins (the server answers to it).
 */
import type { IrExample } from '../ir/types.js';
import { methodFromUrl } from './examples.js';

const DOTTED = /^[a-zA-Z]\w*(?:\.\w+)+$/;

export function nameFromH1(title: string): string | null {
  const tokens = title
    .replace(/[`*]/g, '')
    .replace(/\\_/g, '_')
    .split(/\s+/)
    .map((t) => t.replace(/^[("'«]+|[)"'»:,.;]+$/g, ''))
    .filter(Boolean);
  const last = tokens.at(-1);
  if (last && DOTTED.test(last)) return last;
  const dotted = tokens.filter((t) => DOTTED.test(t) && /[a-z]/.test(t) && !/\.(md|html|php|js)$/i.test(t));
  return dotted.at(-1) ?? null;
}

export interface ResolvedName {
  name: string;
  apiVersion: 2 | 3;
  /** Set when the H1 and the URL disagree or the H1 names no method. */
  conflict?: string;
}

export function resolveName(title: string, examples: readonly IrExample[], docPath: string): ResolvedName | null {
  const h1 = nameFromH1(title);
  const fromUrls = examples.map((e) => (e.url ? methodFromUrl(e.url) : null)).filter((x) => x !== null);
  const v3 = docPath.includes('/rest-v3/') || fromUrls.some((u) => u.v3);
  const apiVersion = v3 ? 3 : 2;
  // Prefer the URL that matches the H1 (pages sometimes call a companion method as well).
  const matching = h1 ? fromUrls.find((u) => u.method.toLowerCase() === h1.toLowerCase()) : undefined;
  if (h1 && matching) return { name: matching.method === h1 ? h1 : matching.method, apiVersion, ...(matching.method !== h1 ? { conflict: `H1 names "${h1}", the cURL URL "${matching.method}"` } : {}) };
  const distinct = [...new Set(fromUrls.map((u) => u.method))].filter((m) => m !== 'batch');
  if (h1 && distinct.length === 0) return { name: h1, apiVersion };
  if (!h1 && distinct.length === 1) return { name: distinct[0]!, apiVersion, conflict: `H1 names no method; taken from the cURL URL` };
  if (h1 && distinct.length === 1) return { name: distinct[0]!, apiVersion, conflict: `H1 names "${h1}", the cURL URL "${distinct[0]}"` };
  if (h1) return { name: h1, apiVersion };
  return null;
}
