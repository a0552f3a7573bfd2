/**
 * A parameter or returned-data table → IR fields. Columns are found by header
 * (`name`/`parameter`/`key`/`field`; `description`; `default`), else name first and description last.
 */
import type { RootContent } from 'mdast';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { IrField } from '../ir/types.js';
import type { YfmTable } from '../parse/remark-yfm/types.js';
import { toDescription } from './description.js';
import { irTypeOf } from './doc-type.js';
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
    const type = irTypeOf(docType);
    const description = toDescription(descNodes, ctx.docPath);
    const values = mineValues(descNodes, type);
    const def = defaultCol >= 0 && cells[defaultCol] ? oneLine(plainText(cells[defaultCol]!)).replace(/`/g, '') || undefined : mineDefault(descNodes);
    for (const name of parsed.names) {
      const field: IrField = { name, docType, type, required: parsed.required, description };
      if (def !== undefined) field.default = def;
      if (values) field.values = values;
      const anchors = [
        ...parsed.typeLinks.filter((l) => l.startsWith('#')).map((l) => l.slice(1)),
        ...anchorsIn(descNodes),
      ];
      out.push({ field, anchors, line: row.line });
    }
  }
  return out;
}
