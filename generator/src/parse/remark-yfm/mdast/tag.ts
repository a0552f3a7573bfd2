import type { Data, Node, Position } from 'unist';

/**
 * Intermediate node for one `{% name args %}` line. Only lives between the from-markdown
 * step and the tag pass of `remarkYfm`, which turns every tag into a container, an include
 * or a diagnostic; none is left in the final tree (so it is not registered in `mdast`).
 */
export interface YfmTagNode extends Node {
  type: 'yfmTag';
  /** `note`, `endnote`, `list`, `include`, ... (lower-cased). */
  name: string;
  /** Everything after the name, trimmed. */
  args: string;
  /** The raw tag text. */
  raw: string;
  data?: Data;
  position?: Position;
}

const TAG = /^\{%-?\s*([A-Za-z_][\w-]*)\s*([\s\S]*?)\s*-?%\}\s*$/;

export function parseTag(raw: string): { name: string; args: string } {
  const m = TAG.exec(raw);
  if (!m) return { name: '', args: raw.slice(2, -2).trim() };
  return { name: (m[1] ?? '').toLowerCase(), args: m[2] ?? '' };
}
