/**
 * Ties sub-tables (under H3/H4 headings) to the field they describe: first by a same-page anchor
 * in the field's cells (`[(detailed description)](#fields)`, `[`object`](#fields)`), then by the
 * heading's wording ("Parameter fields", "FIELDS parameter", "Deal object").
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { IrField } from '../ir/types.js';
import type { YfmTable } from '../parse/remark-yfm/types.js';
import { holdsObject } from './doc-type.js';
import { readFieldTable, type FieldTableContext, type RawField } from './field-table.js';
import { headingInfo, lineOf } from './mdast-text.js';
import type { PageNode } from './page-nodes.js';

export interface TableBlock {
  table: YfmTable;
  /** Heading the table sits under (null: directly under the section heading). */
  heading: { text: string; id: string } | null;
  fields: RawField[];
  file: string;
  line: number;
}

const STOP = new Set(['parameter', 'parameters', 'param', 'fields', 'field', 'object', 'objects', 'type', 'array', 'element', 'elements', 'structure', 'description', 'of', 'the', 'a', 'an', 'for', 'in', 'and', 'item', 'items', 'key', 'keys', 'values', 'value', 'data', 'format']);

/** Names a heading may refer to, most specific first. */
export function headingNames(text: string): string[] {
  const clean = text.replace(/\[\]|`|\*|"|'|«|»/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
  const words = clean.split(/[\s,:()]+/).filter(Boolean);
  const names = words.filter((w) => !STOP.has(w));
  const out = [...names];
  // "Parameter fields", "Parameter data[]": the object is itself called like a stop word.
  if (names.length === 0) out.push(...words.filter((w) => !['parameter', 'parameters', 'param', 'object', 'type', 'structure', 'description', 'of', 'the'].includes(w)));
  return out;
}

/** Collects every table of a section with the heading it sits under. */
export function tableBlocks(nodes: readonly PageNode[], ctx: FieldTableContext): TableBlock[] {
  const blocks: TableBlock[] = [];
  let heading: TableBlock['heading'] = null;
  const visitNodes = (list: readonly PageNode[]) => {
    for (const { node, file } of list) {
      if (node.type === 'heading') heading = headingInfo(node);
      else if (node.type === 'yfmTable') {
        const fields = readFieldTable(node, { ...ctx, file });
        blocks.push({ table: node, heading, fields, file, line: lineOf(node) });
      } else if (node.type === 'yfmTabs' || node.type === 'yfmNote' || node.type === 'yfmCut') {
        const inner = node.type === 'yfmTabs' ? node.children.flatMap((t) => t.children) : node.children;
        visitNodes(inner.map((n) => ({ node: n, file })));
      }
    }
  };
  visitNodes(nodes);
  return blocks;
}

/**
 * Builds the field tree from the first block, attaching sub-tables recursively.
 * Returns the blocks that no field claimed, so the caller can report them.
 */
export function linkBlocks(blocks: readonly TableBlock[], diagnostics: Diagnostic[]): { fields: IrField[]; unclaimed: TableBlock[] } {
  const [main, ...subs] = blocks;
  if (!main) return { fields: [], unclaimed: [] };
  const claimed = new Set<TableBlock>([main]);
  const attach = (raws: RawField[], ancestry: Set<TableBlock>): IrField[] =>
    raws.map((raw) => {
      const f = raw.field;
      const byAnchor = subs.find((b) => b.heading && raw.anchors.includes(b.heading.id) && !ancestry.has(b));
      const lname = f.name.toLowerCase().replace(/\[\]$/, '');
      const byName = byAnchor ? undefined : subs.find((b) => b.heading && !ancestry.has(b) && !claimed.has(b) && holdsObject(f.type) && headingNames(b.heading.text).includes(lname));
      const block = byAnchor ?? byName;
      if (!block) return f;
      claimed.add(block);
      // A scalar pointing at a sub-table: the table lists its allowed values, not members.
      if (!holdsObject(f.type)) {
        const values = block.fields.map((r) => ({ value: r.field.name, description: r.field.description }));
        return values.length > 0 ? { ...f, values } : f;
      }
      const next = new Set(ancestry).add(block);
      return { ...f, fields: attach(block.fields, next) };
    });
  const fields = attach(main.fields, new Set([main]));
  const unclaimed = subs.filter((b) => !claimed.has(b));
  void diagnostics;
  return { fields, unclaimed };
}
