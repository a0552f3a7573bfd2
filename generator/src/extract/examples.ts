/** cURL examples from the code tabs: URL, JSON body and the method the URL names. */
import type { RootContent } from 'mdast';
import type { IrExample } from '../ir/types.js';
import { lineOf } from './mdast-text.js';

const BODY = /(?:^|\s)(?:-d|--data(?:-raw|-binary)?)\s+'((?:[^']|'"'"')*)'/s;
const URL = /(https?:\/\/\S+)/g;

/** Parses `-d '…'` as JSON; tolerates trailing commas; null when it does not parse. */
export function parseBody(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    try {
      return JSON.parse(raw.replace(/,\s*([}\]])/g, '$1'));
    } catch {
      return null;
    }
  }
}

/** The method named by a REST URL (`…/rest/1/code/crm.deal.add.json`, `…/rest/api/tasks.task.get`). */
export function methodFromUrl(url: string): { method: string; v3: boolean } | null {
  const clean = url.replace(/\*\*/g, '').replace(/['"\\]+$/, '');
  const m = /\/rest\/(api\/)?(?:[^/]+\/[^/]+\/)?([A-Za-z][\w]*(?:\.[\w]+)*)\/?(?:\?.*)?$/.exec(clean);
  if (!m?.[2]) return null;
  return { method: m[2].replace(/\.json$/i, ''), v3: Boolean(m[1]) };
}

export function readCurl(tab: string, rawCode: string, line: number): IrExample {
  // `'"$(date …)"'` leaves the single-quoted body for a shell substitution: read it as a placeholder value.
  const code = rawCode.replace(/'"\$\([^)]*\)"'/g, '<shell substitution>');
  const body = BODY.exec(code);
  const urls = [...code.matchAll(URL)].map((m) => m[1]!).filter((u) => u.includes('/rest/'));
  return {
    tab,
    url: urls.at(-1) ?? null,
    body: body?.[1] !== undefined ? parseBody(body[1].replace(/'"'"'/g, "'")) : null,
    line,
  };
}

/** All cURL tabs of the given nodes (tabs may sit inside notes or other tabs). */
export function readExamples(nodes: readonly RootContent[]): IrExample[] {
  const out: IrExample[] = [];
  const walk = (list: readonly RootContent[]) => {
    for (const n of list) {
      if (n.type === 'yfmTabs') {
        for (const tab of n.children) {
          if (/curl/i.test(tab.title)) {
            for (const c of tab.children) if (c.type === 'code') out.push(readCurl(tab.title.trim(), c.value, lineOf(c)));
          } else walk(tab.children);
        }
      } else if (n.type === 'yfmNote' || n.type === 'yfmCut' || n.type === 'yfmInclude') walk(n.children);
    }
  };
  walk(nodes);
  return out;
}
