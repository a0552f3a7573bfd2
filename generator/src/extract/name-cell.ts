/**
 * The first cell of a parameter or result row: a bold name with an optional required marker
 * (`**name***`, `**name**^*^`, `**name^*^**`, `**name****`), then the type, usually on the next
 * line as a link-wrapped code span (`[`string`](../data-types.md)`), sometimes on the same line,
 * as a reference link, a bare code span, or a union (`|`, `\|`, `/`, one per line).
 */
import type { PhrasingContent, RootContent } from 'mdast';
import { plainText } from './mdast-text.js';

export interface NameCell {
  /** Names in the cell; usually one, two for `**A*** \| **B***`. */
  names: string[];
  required: boolean;
  /** The documented type text with union alternatives joined by ` | `; '' when absent. */
  docType: string;
  /** Link targets of the type (for anchors such as `#fields` or `data-types.md#time`). */
  typeLinks: string[];
}

/** Bold boundaries in the markup: characters that cannot occur in the docs, so `**UF_\***` stays `UF_*`. */
const OPEN = '\u0001';
const CLOSE = '\u0002';

/** Serialise inline nodes to a tiny markup that keeps bold and code boundaries. */
function markup(nodes: readonly PhrasingContent[], links: string[]): string {
  let s = '';
  for (const n of nodes) {
    switch (n.type) {
      case 'text': s += n.value; break;
      case 'inlineCode': s += '`' + n.value.replace(/\\\|/g, '|') + '`'; break;
      case 'strong': s += OPEN + markup(n.children, links) + CLOSE; break;
      case 'emphasis': s += markup(n.children, links); break;
      case 'break': s += '\n'; break;
      case 'link': links.push(n.url); s += markup(n.children, links); break;
      case 'linkReference': s += markup(n.children, links); break;
      case 'html': s += n.value.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]+>/g, ''); break;
      default: s += plainText(n);
    }
  }
  return s;
}

const NAME_BOLD = /^\s*\u0001\s*([^\u0001\u0002]*?)\s*\u0002\s*(\^\*\^|\*{1,3})?/;
const NAME_CODE = /^\s*`([^`]+)`\s*(\^\*\^|\*{1,2})?/;
const NAME_PLAIN = /^\s*([\p{L}_$][\w.$\-[\]]*)\s*(\^\*\^|\*{1,2})?/u;

function takeName(s: string): { name: string; required: boolean; rest: string } | null {
  for (const re of [NAME_BOLD, NAME_CODE, NAME_PLAIN]) {
    const m = re.exec(s);
    if (!m || !m[1]) continue;
    let name = m[1].trim();
    let required = Boolean(m[2]);
    // `**name^*^**` keeps the marker inside the bold; a `*` inside it is part of the name (`UF_*`).
    const inner = /\^\*\^$/.exec(name);
    if (inner) {
      name = name.slice(0, inner.index).trim();
      required = true;
    }
    if (re !== NAME_BOLD && /\*$/.test(name)) {
      name = name.replace(/\*+$/, '');
      required = true;
    }
    if (!name) continue;
    return { name, required, rest: s.slice(m[0].length) };
  }
  return null;
}

/** Splits a type text into its alternatives. */
export function splitUnion(typeText: string): string[] {
  return typeText
    .replace(/`/g, '')
    .split(/\s*(?:\\?\||\n|\bor\b|,)\s*|(?<=[a-z\]])\/(?=[a-z])/i)
    .map((t) => t.trim())
    .filter((t) => t && t !== '|');
}

export function readNameCell(children: readonly RootContent[]): NameCell | null {
  const links: string[] = [];
  const text = children
    .filter((n) => n.type === 'paragraph')
    .map((p) => (p.type === 'paragraph' ? markup(p.children, links) : ''))
    .join('\n');
  const names: string[] = [];
  let required = false;
  let rest = text;
  for (;;) {
    const got = takeName(rest);
    if (!got) break;
    names.push(got.name);
    required ||= got.required;
    rest = got.rest;
    // A second name after an (escaped) pipe: `**REPORT_ID*** \| **ID***`.
    const more = /^\s*\\?\|\s*(?=\u0001)/.exec(rest);
    if (!more) break;
    rest = rest.slice(more[0].length);
  }
  if (names.length === 0) return null;
  const alternatives = splitUnion(rest);
  return { names, required, docType: alternatives.join(' | '), typeLinks: links };
}
