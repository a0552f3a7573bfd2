/**
 * Ties sub-tables (under H3/H4 headings) to the field they describe: first by a same-page anchor
 * in the field's cells (`[(detailed description)](#fields)`, `[`object`](#fields)`), then by the
 * heading's wording ("Parameter fields", "FIELDS parameter", "Deal object").
 */
import type { IrField } from '../ir/types.js';
import type { YfmTable, YfmTabs } from '../parse/remark-yfm/types.js';
import { holdsObject } from './doc-type.js';
import { readFieldTable, type FieldTableContext, type RawField } from './field-table.js';
import { headingInfo, lineOf } from './mdast-text.js';
import { readTable } from './table-reader.js';
import type { PageNode } from './page-nodes.js';

export interface TableBlock {
  table: YfmTable;
  /** Tables in the tabs of one `{% list tabs %}`: alternative member sets of one object. */
  variants?: Array<{ title: string; fields: RawField[] }>;
  /** Heading the table sits under (null: directly under the section heading). */
  heading: { text: string; id: string } | null;
  fields: RawField[];
  file: string;
  line: number;
}

const STOP = new Set(['parameter', 'parameters', 'param', 'fields', 'field', 'object', 'objects', 'type', 'array', 'element', 'elements', 'structure', 'description', 'of', 'the', 'a', 'an', 'for', 'in', 'and', 'item', 'items', 'key', 'keys', 'values', 'value', 'data', 'format']);

function mergeVariants(sets: RawField[][]): RawField[] {
  const byName = new Map<string, RawField>();
  for (const set of sets) for (const r of set) if (!byName.has(r.field.name)) byName.set(r.field.name, r);
  return [...byName.values()].map((r) => ({ ...r, field: { ...r.field, required: sets.every((s) => s.some((x) => x.field.name === r.field.name && x.field.required)) } }));
}

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

/** Tabs that each hold a table (other tabs, such as code samples, are not variants). */
function variantTabs(tabs: YfmTabs): Array<{ title: string; table: YfmTable }> {
  const out: Array<{ title: string; table: YfmTable }> = [];
  for (const tab of tabs.children) {
    const table = tab.children.find((n): n is YfmTable => n.type === 'yfmTable');
    if (table) out.push({ title: tab.title.trim(), table });
  }
  return out.length * 2 >= tabs.children.length ? out : [];
}

/** A table of named members (`Name ⏎ type | Description`), not a list of values. */
function isFieldTable(table: YfmTable): boolean {
  const header = readTable(table).header;
  return header !== null && /^(name|parameter|key|field)\b/.test(header[0] ?? '');
}

/** Collects every table of a section with the heading it sits under. */
export function tableBlocks(nodes: readonly PageNode[], ctx: FieldTableContext): TableBlock[] {
  const blocks: TableBlock[] = [];
  let heading: TableBlock['heading'] = null;
  let previous: TableBlock | null = null;
  const visitNodes = (list: readonly PageNode[]) => {
    for (const { node, file } of list) {
      if (node.type === 'heading') {
        heading = headingInfo(node);
        previous = null;
      } else if (node.type === 'yfmTable') {
        const fields = readFieldTable(node, { ...ctx, file });
        // A table continued under the same heading (text between its parts) is one table.
        if (previous && isFieldTable(node)) previous.fields.push(...fields);
        else {
          const block: TableBlock = { table: node, heading, fields, file, line: lineOf(node) };
          blocks.push(block);
          previous = heading && isFieldTable(node) ? block : null;
        }
      } else if (node.type === 'yfmTabs' && variantTabs(node).length >= 2) {
        const tabs = variantTabs(node);
        const variants = tabs.map(({ title, table }) => ({ title, fields: readFieldTable(table, { ...ctx, file }) }));
        blocks.push({ table: tabs[0]!.table, variants, heading, fields: [], file, line: lineOf(node) });
        previous = null;
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
export function linkBlocks(blocks: readonly TableBlock[]): { fields: IrField[]; unclaimed: TableBlock[] } {
  const [main, ...subs] = blocks;
  if (!main) return { fields: [], unclaimed: [] };
  const claimed = new Set<TableBlock>([main]);
  const attach = (raws: RawField[], ancestry: Set<TableBlock>): IrField[] =>
    raws.map((raw) => {
      const f = raw.field;
      const byAnchor = subs.find((b) => b.heading && raw.anchors.includes(b.heading.id) && !ancestry.has(b));
      const lname = f.name.toLowerCase().replace(/\[\]$/, '');
      // A member of another type (`catalog_language.lid`) is that type's scalar: no sub-table describes it.
      const dotted = /\.\w+(\[\])?$/.test(f.docType);
      const byName = byAnchor || dotted ? undefined : subs.find((b) => b.heading && !ancestry.has(b) && !claimed.has(b) && holdsObject(f.type) && headingNames(b.heading.text).includes(lname));
      const block = byAnchor ?? byName;
      if (!block) return f;
      claimed.add(block);
      // A scalar pointing at a sub-table: the table lists its allowed values, not members.
      if (!holdsObject(f.type) && !block.variants) {
        // `catalog_price_type.id` linked to the object's section names whose id it is: that table lists members, not values.
        if (/\.\w+(\[\])?$/.test(f.docType)) return f;
        const values = block.fields.map((r) => ({ value: r.field.name, description: r.field.description }));
        return values.length > 0 ? { ...f, values } : f;
      }
      const next = new Set(ancestry).add(block);
      if (block.variants) return { ...f, variants: block.variants.map((v) => ({ title: v.title, fields: attach(v.fields, next) })) };
      return { ...f, fields: attach(block.fields, next) };
    });
  // A page whose top-level table itself varies by tab: its fields are every variant's, required where all require them.
  const mainFields = main.variants ? mergeVariants(main.variants.map((v) => v.fields)) : main.fields;
  const fields = attach(mainFields, new Set([main]));
  const unclaimed = subs.filter((b) => !claimed.has(b));
  return { fields, unclaimed };
}

/** Objects documented under an anchored heading (`#### Deal {#deal}`), with their own sub-tables: targets of type links from other pages. */
export function anchoredObjects(blocks: readonly TableBlock[]): Record<string, IrField[]> {
  const out: Record<string, IrField[]> = {};
  for (const b of blocks) {
    if (!b.heading || b.variants || b.fields.length === 0 || out[b.heading.id]) continue;
    out[b.heading.id] = linkBlocks([b, ...blocks.filter((x) => x !== b)]).fields;
  }
  return out;
}
