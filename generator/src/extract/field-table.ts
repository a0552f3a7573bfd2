/**
 * A parameter or returned-data table → IR fields. Columns are found by header
 * (`name`/`parameter`/`key`/`field`; `description`; `default`), else name first and description last.
 */
import type { RootContent } from 'mdast';
import { posix } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { IrField } from '../ir/types.js';
import type { YfmTable } from '../parse/remark-yfm/types.js';
import { toDescription } from './description.js';
import { holdsObject, irTypeOf } from './doc-type.js';
import { readNameCell } from './name-cell.js';
import { column, readTable } from './table-reader.js';
import { mineDefault, mineValues } from './values.js';
import { oneLine, plainText } from './mdast-text.js';

/** A field plus what the linker needs to find its sub-table. */
export interface RawField {
  field: IrField;
  /** Same-page anchors named in the type or description cell (`#fields`). */
  anchors: string[];
  line: number;
}

export interface FieldTableContext {
  file: string;
  docPath: string;
  diagnostics: Diagnostic[];
}

function anchorsIn(nodes: readonly RootContent[]): string[] {
  const out: string[] = [];
  const walk = (list: readonly RootContent[]) => {
    for (const n of list) {
      if (n.type === 'link' && n.url.startsWith('#')) out.push(n.url.slice(1));
      if ('children' in n && Array.isArray(n.children)) walk(n.children as RootContent[]);
    }
  };
  walk(nodes);
  return out;
}

/** Other-page links of the nodes (`[task description](./fields.md)`), as written. */
export function pageLinksIn(nodes: readonly RootContent[]): string[] {
  const out: string[] = [];
  const walk = (list: readonly RootContent[]) => {
    for (const n of list) {
      if (n.type === 'link' && /^[^#:?]+\.md(#[\w-]+)?$/.test(n.url)) out.push(n.url);
      if ('children' in n && Array.isArray(n.children)) walk(n.children as RootContent[]);
    }
  };
  walk(nodes);
  return out;
}

/**
 * A description that points at the page describing the object's fields ("returns company fields,
 * see [crm.company.fields](./crm-company-fields.md)", "[task description](./fields.md)"): that page.
 */
function fieldsPageLink(nodes: readonly RootContent[], docPath: string): string | undefined {
  for (const link of pageLinksIn(nodes)) {
    const [file, anchor] = link.split('#');
    if (!/(^|[/-])(get-?)?fields\.md$/i.test(file!)) continue;
    const target = posix.normalize(posix.join(posix.dirname(docPath), file!));
    return anchor ? `${target}#${anchor}` : target;
  }
  return undefined;
}

/** `docPath#anchor` of the first type link to an anchor on another page of the docs. */
function otherPageAnchor(links: readonly string[], docPath: string): string | undefined {
  for (const link of links) {
    const m = /^([^#:?]+\.md)#([\w-]+)$/.exec(link);
    if (m) return `${posix.normalize(posix.join(posix.dirname(docPath), m[1]!))}#${m[2]}`;
  }
  return undefined;
}

/**
 * A required marker on a row whose description makes it conditional ("required if IBLOCK_ID is not
 * specified", "either … or …") means one of several is required: no single row is.
 */
const CONDITIONAL = /\b(?:required|mandatory) (?:if|when|unless|only)\b|\beither\b|\bif [^.]{0,60}\bnot (?:specified|provided|passed|set|given)\b|\bor `?[A-Z_]{2,}`? (?:must|should) be\b|\binstead of\b/i;

/** A type link to another page that is no data-types page (`[`item`](./object-fields.md)`). */
function otherPage(links: readonly string[], docPath: string): string | undefined {
  for (const link of links) {
    const m = /^([^#:?]+\.md)$/.exec(link);
    if (m && !/data-types\.md$/.test(m[1]!)) return posix.normalize(posix.join(posix.dirname(docPath), m[1]!));
  }
  return undefined;
}

export function readFieldTable(table: YfmTable, ctx: FieldTableContext): RawField[] {
  const { header, rows } = readTable(table);
  const nameCol = Math.max(0, column(header, /^(name|parameter|key|field|title)\b/));
  let descCol = column(header, /description/);
  const defaultCol = column(header, /^default/);
  const out: RawField[] = [];
  for (const row of rows) {
    const cells = row.cells;
    if (descCol < 0) descCol = cells.length - 1;
    const nameCell = cells[nameCol];
    if (!nameCell) continue;
    const parsed = readNameCell(nameCell.children);
    if (!parsed) {
      const text = oneLine(plainText(nameCell));
      if (text) ctx.diagnostics.push({ file: ctx.file, line: row.line, severity: 'warning', message: `table row without a readable name: "${text.slice(0, 60)}"`, ruleId: 'field-name' });
      continue;
    }
    const descNodes = cells.length > 1 ? (cells[descCol]?.children ?? []) : [];
    // A type written as the first line of the description cell (`name | type | description` tables).
    let docType = parsed.docType;
    const typeCol = column(header, /^type$/);
    if (!docType && typeCol >= 0 && cells[typeCol]) docType = oneLine(plainText(cells[typeCol]!)).replace(/`/g, '');
    if (!docType) ctx.diagnostics.push({ file: ctx.file, line: row.line, severity: 'info', message: `no type for "${parsed.names.join(', ')}"`, ruleId: 'field-type' });
    // A type linked to an anchor on this page (`[`section[]`](#section)`) is an object documented below.
    // …except a member of such an object (`[catalog_price_type.id](#catalog_price_type)`): the link names whose id it is.
    const local = parsed.typeLinks.some((l) => l.startsWith('#')) && !/\.\w+(\[\])?$|_(id|code)(\[\])?$/i.test(docType);
    const documented = irTypeOf(docType);
    const type = local && documented.kind !== 'union' ? (documented.kind === 'array' ? { kind: 'array' as const, items: { kind: 'object' as const } } : { kind: 'object' as const }) : documented;
    const description = toDescription(descNodes, ctx.docPath);
    const values = mineValues(descNodes, type);
    const def = defaultCol >= 0 && cells[defaultCol] ? oneLine(plainText(cells[defaultCol]!)).replace(/`/g, '') || undefined : mineDefault(descNodes);
    // Two names in one cell (`**REPORT_ID*** \| **ID***`) are synonyms: either may be passed.
    const required = parsed.required && parsed.names.length === 1 && !CONDITIONAL.test(plainText(descNodes as never));
    for (const name of parsed.names) {
      const field: IrField = { name, docType, type, required, description };
      if (def !== undefined) field.default = def;
      if (values) field.values = values;
      const ref = otherPageAnchor(parsed.typeLinks, ctx.docPath) ?? otherPage(parsed.typeLinks, ctx.docPath);
      const opaque = type.kind === 'unknown' || type.kind === 'object' || (type.kind === 'array' && (type.items.kind === 'unknown' || type.items.kind === 'object'));
      if (ref && (type.kind === 'unknown' || (type.kind === 'array' && type.items.kind === 'unknown'))) field.ref = ref;
      else if (opaque && !local) {
        const fieldsPage = fieldsPageLink(descNodes, ctx.docPath);
        if (fieldsPage) field.ref = fieldsPage;
      }
      field.line = row.line;
      if (ctx.file !== ctx.docPath) field.file = ctx.file;
      const anchors = [
        ...parsed.typeLinks.filter((l) => l.startsWith('#')).map((l) => l.slice(1)),
        ...anchorsIn(descNodes),
      ];
      out.push({ field, anchors, line: row.line });
    }
  }
  relaxAlternatives(out);
  return nestDotted(out);
}

const ALTERNATIVES = /(?:at least one of|either|one of the (?:parameters|fields))[^.]*/gi;

/**
 * "At least one of the parameters must be specified: `IBLOCK_ID` or `IBLOCK_CODE`": the rows it
 * names are alternatives, so none of them is required on its own.
 */
function relaxAlternatives(raws: RawField[]): void {
  const names = new Set<string>();
  for (const r of raws) {
    for (const sentence of r.field.description.match(ALTERNATIVES) ?? []) {
      for (const m of sentence.matchAll(/`([A-Za-z_][\w.]*)`/g)) names.add(m[1]!);
    }
  }
  if (names.size < 2) return;
  for (const r of raws) if (names.has(r.field.name) && r.field.required) r.field = { ...r.field, required: false };
}

/**
 * Rows named `fields.CONTACT_ID` or `fields[CONTACT_ID]` document a member of the row `fields`
 * of the same table: they move under it.
 */
export function nestDotted(raws: RawField[]): RawField[] {
  const byName = new Map(raws.map((r) => [r.field.name, r]));
  const out: RawField[] = [];
  for (const r of raws) {
    const m = /^([A-Za-z_]\w*)(?:\.|\[)([A-Za-z_*][\w*]*)\]?$/.exec(r.field.name);
    const parent = m ? byName.get(m[1]!) : undefined;
    // Under a scalar (`edit` boolean beside `edit.originator`) the dotted name is a key of its own, as the wire sends it.
    if (!m || !parent || parent === r || !holdsObject(parent.field.type)) {
      out.push(r);
      continue;
    }
    const member = { ...r.field, name: m[2]! };
    parent.field = { ...parent.field, fields: [...(parent.field.fields ?? []), member] };
  }
  return out;
}
