/** Reads a YFM table node into a header and data rows, detecting headerless tables. */
import type { YfmTable, YfmTableCell } from '../parse/remark-yfm/types.js';
import { lineOf, oneLine, plainText } from './mdast-text.js';

export interface TableRow {
  cells: YfmTableCell[];
  line: number;
}

export interface ReadTable {
  /** Lower-cased header cell texts (each line of a stacked header cell joined by ' / '); null when headerless. */
  header: string[] | null;
  rows: TableRow[];
  line: number;
}

const HEADER_WORDS =
  /^(name|type|description|parameter|key|field|title|code|error|error message|error text|message|status|value|default|default value|example|restrictions|additional information|how to fix|field type|crm object|details)$/;

function headerCellText(cell: YfmTableCell): string {
  return plainText(cell)
    .split('\n')
    .map((l) => oneLine(l).toLowerCase())
    .filter(Boolean)
    .join(' / ');
}

/** A first row is a header when every non-empty line of every cell is a known header word. */
function looksLikeHeader(cells: YfmTableCell[]): boolean {
  let words = 0;
  for (const cell of cells) {
    for (const part of headerCellText(cell).split(' / ')) {
      if (!part) continue;
      if (!HEADER_WORDS.test(part.replace(/[*:`]/g, '').trim())) return false;
      words++;
    }
  }
  return words > 0;
}

export function readTable(table: YfmTable): ReadTable {
  const rows = table.children.map((r) => ({ cells: r.children, line: lineOf(r) }));
  const first = rows[0];
  if (first && looksLikeHeader(first.cells)) {
    return { header: first.cells.map(headerCellText), rows: rows.slice(1), line: lineOf(table) };
  }
  return { header: null, rows, line: lineOf(table) };
}

/** Index of the first header cell matching the pattern, or -1. */
export function column(header: string[] | null, pattern: RegExp): number {
  if (!header) return -1;
  return header.findIndex((h) => pattern.test(h));
}
