/**
 * Which method a page documents: the H1 and the page path decide; the cURL URL is a witness.
 *
 * - The H1 names the method (its last token, or a dotted name elsewhere in it). When it names two,
 *   the one the file name agrees with is taken (`sale-shipment-item-get.md` → `sale.shipmentitem.get`).
 * - A cURL URL that differs from the H1 only in letter case gives the spelling (the server's).
 * - A cURL URL naming another method is a `method-name` diagnostic, not an override; only when the
 *   file name agrees with the URL and not (or less) with the H1 is the H1 taken to be wrong
 *   (`im-recent-pin.md`: "… the im.recent List" vs `im.recent.pin`).
 * - Without a method in the H1, the URL names the method only when the file name agrees with it;
 *   otherwise the page is an article (formatting guides, widgets and how-tos call methods too).
 */
import type { IrExample } from '../ir/types.js';
import { methodFromUrl } from './examples.js';

const DOTTED = /^[a-zA-Z]\w*(?:\.\w+)+$/;

/** Method names in the H1, the likeliest first: the last token, then dotted names from the end. */
export function namesInH1(title: string): string[] {
  const tokens = title
    .replace(/[`*]/g, '')
    .replace(/\\_/g, '_')
    .split(/\s+/)
    .map((t) => t.replace(/^[("'«]+|[)"'»:,.;]+$/g, ''))
    .filter(Boolean);
  const out: string[] = [];
  const last = tokens.at(-1);
  if (last && DOTTED.test(last)) out.push(last);
  for (const t of tokens.filter((t) => DOTTED.test(t) && /[a-z]/.test(t) && !/\.(md|html|php|js)$/i.test(t)).reverse()) if (!out.includes(t)) out.push(t);
  return out;
}

export function nameFromH1(title: string): string | null {
  return namesInH1(title)[0] ?? null;
}

/**
 * How far the page's file name agrees with a method name: 2 the same words (`crm-deal-add.md`,
 * `catalog-rounding-rule-list.md` for `catalog.roundingRule.list`), 1 its trailing part
 * (`delete.md`, `get-fields.md` for `sale.status.getfields`), 0 not at all.
 */
export function fileAgreement(method: string, docPath: string): 0 | 1 | 2 {
  const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const file = squash((docPath.split('/').at(-1) ?? '').replace(/\.md$/i, ''));
  if (!file) return 0;
  const parts = method.split('.');
  if (squash(method) === file) return 2;
  for (let i = 1; i < parts.length; i++) if (squash(parts.slice(i).join('')) === file) return 1;
  return 0;
}

export interface ResolvedName {
  name: string;
  apiVersion: 2 | 3;
  /** Set when the H1, the URL and the file name do not all agree, or the H1 names no method. */
  conflict?: string;
}

interface UrlName {
  method: string;
  line: number;
}

export function resolveName(title: string, examples: readonly IrExample[], docPath: string): ResolvedName | null {
  const fromUrls = examples.flatMap((e) => {
    const u = e.url ? methodFromUrl(e.url) : null;
    return u ? [{ ...u, line: e.line }] : [];
  });
  const apiVersion = docPath.includes('/rest-v3/') || fromUrls.some((u) => u.v3) ? 3 : 2;
  const urls: UrlName[] = [];
  for (const u of fromUrls) if (u.method !== 'batch' && !urls.some((x) => x.method === u.method)) urls.push({ method: u.method, line: u.line });
  const agree = (m: string) => fileAgreement(m, docPath);
  const file = docPath.split('/').at(-1) ?? docPath;
  const at = (u: UrlName) => (u.line ? `the cURL URL (line ${u.line})` : 'the cURL URL');
  const sameAs = (a: string) => (u: UrlName) => u.method.toLowerCase() === a.toLowerCase();
  const inH1 = namesInH1(title);

  if (inH1.length === 0) {
    const best = pick(urls.filter((u) => agree(u.method) > 0), (u) => [agree(u.method)]);
    if (!best) return null;
    return { name: best.method, apiVersion, conflict: `H1 names no method; taken from ${at(best)}, which the file name ${file} agrees with` };
  }

  // Two names in the H1: the file name decides, then a URL naming it, then the H1's own order.
  const h1 = pick(inH1, (n) => [agree(n), urls.some(sameAs(n)) ? 1 : 0])!;
  const same = urls.find(sameAs(h1));
  if (same) {
    // The companion calls of the page are ignored; a case-only difference takes the server's spelling.
    if (same.method === h1) return { name: h1, apiVersion };
    const fileNote = agree(h1) === 0 ? `; the file name ${file} agrees with neither` : '';
    return { name: same.method, apiVersion, conflict: `H1 names "${h1}", ${at(same)} "${same.method}" (letter case only)${fileNote}` };
  }
  const other = pick(urls, (u) => [agree(u.method)]);
  if (!other) return { name: h1, apiVersion };
  const others = urls.length > 1 ? ` (and ${urls.length - 1} other cURL URL${urls.length > 2 ? 's' : ''})` : '';
  if (agree(other.method) > agree(h1)) {
    return { name: other.method, apiVersion, conflict: `H1 names "${h1}", ${at(other)} "${other.method}"${others}; the file name ${file} agrees with the URL` };
  }
  return { name: h1, apiVersion, conflict: `H1 names "${h1}", ${at(other)} "${other.method}"${others}` };
}

/** The item with the highest key (compared element by element); the first one on a tie. */
function pick<T>(items: readonly T[], key: (t: T) => number[]): T | undefined {
  let best: T | undefined;
  let bestKey: number[] = [];
  for (const item of items) {
    const k = key(item);
    if (best === undefined || compare(k, bestKey) > 0) [best, bestKey] = [item, k];
  }
  return best;
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}
