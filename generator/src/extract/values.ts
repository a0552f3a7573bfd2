/**
 * Allowed values and defaults mined from a description cell: in-cell lists such as
 * "Possible values:" followed by `- `V` — meaning`, inline "`Y` or `N`", and "By default `N`".
 */
import type { List, RootContent } from 'mdast';
import type { IrType, IrValue } from '../ir/types.js';
import { oneLine, plainText, textWithCode } from './mdast-text.js';

/** `- `V` — meaning` items: the code span first, then a dash or colon. */
function listValues(list: List): IrValue[] | null {
  const out: IrValue[] = [];
  for (const item of list.children) {
    const p = item.children[0];
    if (!p || p.type !== 'paragraph') return null;
    const [head, ...tail] = p.children;
    if (!head || head.type !== 'inlineCode') return null;
    const after = tail.length ? plainText(tail[0]!) : '';
    const sep = /^\s*(?:[—–:-]|\s\(|$)/.test(after);
    if (!sep) return null;
    const description = oneLine(plainText(tail as never).replace(/^\s*[—–:-]\s*/, ''));
    out.push({ value: head.value.trim().replace(/^(['"])(.*)\1$/, '$2'), description });
  }
  return out.length > 0 ? out : null;
}

const INTRO = /(possible|allowed|acceptable|available|supported|valid)\s+values|values?:\s*$|can (?:take|be)|one of|accepts?/i;

/** Values of the first list introduced as allowed values, or a list made of value items only. */
export function mineValues(nodes: readonly RootContent[], type: IrType): IrValue[] | undefined {
  if (type.kind === 'object' || (type.kind === 'array' && type.items.kind === 'object')) return undefined;
  let introduced = false;
  for (const n of nodes) {
    if (n.type === 'paragraph') introduced = INTRO.test(plainText(n));
    if (n.type !== 'list') continue;
    const values = listValues(n);
    if (values && (introduced || values.length >= 2)) return coerce(values, type);
  }
  // Inline `Y` / `N` flags.
  const text = textWithCode(nodes);
  const yn = /`Y`[^`]{0,40}`N`|`N`[^`]{0,40}`Y`/.test(text);
  if (yn && (type.kind === 'string' || type.kind === 'boolean')) {
    return [
      { value: 'Y', description: '' },
      { value: 'N', description: '' },
    ];
  }
  return undefined;
}

function coerce(values: IrValue[], type: IrType): IrValue[] {
  const numeric = type.kind === 'number' || (type.kind === 'alias' && type.base === 'number');
  if (!numeric) return values;
  if (!values.every((v) => /^-?\d+(\.\d+)?$/.test(String(v.value)))) return values;
  return values.map((v) => ({ ...v, value: Number(v.value) }));
}

const DEFAULT_PATTERNS = [
  /by default[^`.\n]{0,40}?`([^`]+)`/i,
  /default(?:\s+value)?(?:\s+is)?\s*[:—–-]?\s*`([^`]+)`/i,
  /\(default\s*[:—–-]?\s*`?([^`)]+)`?\)/i,
];

export function mineDefault(nodes: readonly RootContent[]): string | undefined {
  const text = textWithCode(nodes);
  for (const re of DEFAULT_PATTERNS) {
    const m = re.exec(text);
    if (m?.[1]) return m[1].trim();
  }
  return undefined;
}
