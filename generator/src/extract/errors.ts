/**
 * Error tables → IR errors. The code column is found by its header (15 header shapes in the docs),
 * the HTTP status from a status column or from the closest preceding "HTTP status: **400**" line.
 * Rows whose code cell holds no code (`-`, "Empty string", a sentence) are kept as message-only entries.
 */
import type { RootContent } from 'mdast';
import type { IrError } from '../ir/types.js';
import type { YfmTable, YfmTableCell } from '../parse/remark-yfm/types.js';
import { lineOf, oneLine, plainText } from './mdast-text.js';
import type { PageNode } from './page-nodes.js';
import { column, readTable } from './table-reader.js';

const CODE = /^[A-Za-z_][A-Za-z0-9_.:-]*$|^-?\d+$/;

/** A code when the cell holds one code-like token; null for dashes and prose. */
export function codeOf(text: string): string | null {
  const t = text.replace(/`/g, '').trim();
  if (!t || /^[-—–]+$/.test(t)) return null;
  if (CODE.test(t) && !/^(empty|none|null)$/i.test(t)) return t;
  return null;
}

const STATUS_LINE = /http\s+status:?\s*(.*)/i;

/** "HTTP status: **400**" (or "**160**, **400**", a typo beside the real one): the first error status listed. */
function statusOf(node: RootContent): number | null {
  if (node.type !== 'paragraph') return null;
  const m = STATUS_LINE.exec(plainText(node));
  if (!m) return null;
  const statuses = [...(m[1] ?? '').matchAll(/\b(\d{3})\b/g)].map((x) => Number(x[1]));
  return statuses.find((s) => s >= 400 && s <= 599) ?? statuses.find((s) => s >= 200 && s <= 599) ?? null;
}

function cellText(cell: YfmTableCell | undefined): string {
  return cell ? plainText(cell).trim() : '';
}

function readErrorTable(table: YfmTable, status: number | null): IrError[] {
  const { header, rows } = readTable(table);
  if (!header) return [];
  let codeCol = column(header, /^code|^error$|^error code/);
  let msgCol = column(header, /error (message|text)|^message/);
  let descCol = column(header, /^description|how to fix|^details/);
  const valueCol = column(header, /^value$/);
  const statusCol = column(header, /^status/);
  const stacked = codeCol >= 0 && / \/ /.test(header[codeCol] ?? '');
  // `code | description | value`: the "description" is the message, the "value" explains it.
  if (valueCol >= 0 && msgCol < 0 && descCol >= 0) {
    msgCol = descCol;
    descCol = valueCol;
  }
  if (codeCol < 0 && msgCol < 0) {
    if (column(header, /^field$/) >= 0) return []; // REST 3.0 field tables: codes come from "Error Code:" lines.
    codeCol = -1;
    msgCol = Math.max(0, column(header, /description/));
  }
  const out: IrError[] = [];
  for (const row of rows) {
    let codeText = codeCol >= 0 ? cellText(row.cells[codeCol]) : '';
    let message = msgCol >= 0 ? oneLine(cellText(row.cells[msgCol])) : '';
    if (stacked) {
      const [first = '', ...rest] = codeText.split('\n');
      codeText = first;
      message = oneLine(rest.join(' '));
    }
    let code = codeOf(codeText.split('\n')[0] ?? '');
    let rowStatus: number | null = null;
    // An HTTP status in the code column (`400` | `MAX_TYPES_COUNT_EXCEEDED` | …): the code is in the next cell.
    if (code && statusCol < 0 && /^[45]\d\d$/.test(code)) {
      rowStatus = Number(code);
      code = codeOf(message) && /[A-Z_]/.test(message) ? message : null;
      if (code) message = '';
    }
    if (!code && codeText && !/^[-—–`\s]*$/.test(codeText) && !message) message = oneLine(codeText.replace(/`/g, ''));
    const description = descCol >= 0 ? oneLine(cellText(row.cells[descCol])) : '';
    const st = statusCol >= 0 ? Number(/\d{3}/.exec(cellText(row.cells[statusCol]))?.[0] ?? NaN) : NaN;
    if (!code && !message && !description) continue;
    out.push({ code, message: message.replace(/^`|`$/g, '') || null, description, httpStatus: Number.isFinite(st) ? st : (rowStatus ?? status), line: row.line });
  }
  return out;
}

/** REST 3.0: "Error Code: `BITRIX_REST_V3_EXCEPTION_…`" paragraphs. */
function v3Code(node: RootContent): string | null {
  if (node.type !== 'paragraph') return null;
  const m = /error code:?\s*`?([A-Z][A-Z0-9_]+)`?/i.exec(plainText(node));
  return m?.[1] ?? null;
}

/** `docPath`: the method's page; errors read from another file (an include) name it in `file`. */
export function readErrors(nodes: readonly PageNode[], skipFiles: (file: string) => boolean, docPath?: string): IrError[] {
  const out: IrError[] = [];
  let status: number | null = null;
  for (const { node, file } of nodes) {
    if (skipFiles(file)) continue;
    status = statusOf(node) ?? status;
    const at = (e: IrError): IrError => (docPath !== undefined && file !== docPath ? { ...e, file } : e);
    const v3 = v3Code(node);
    if (v3) out.push(at({ code: v3, message: null, description: '', httpStatus: status, line: lineOf(node) }));
    if (node.type === 'yfmTable') out.push(...readErrorTable(node, status).map(at));
  }
  return dedupe(out);
}

/** Errors are keyed by (code, message): the docs repeat codes with different messages. */
export function dedupe(errors: IrError[]): IrError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = `${e.code}\u0000${e.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The system errors table of `_includes/system-errors.md`. */
export function readSystemErrors(nodes: readonly RootContent[]): IrError[] {
  const out: IrError[] = [];
  // The protocol-wide codes carry no source line: they are one shared table, not a method's rows.
  for (const n of nodes) if (n.type === 'yfmTable') out.push(...readErrorTable(n, null).map(({ line: _line, ...e }) => e));
  return out;
}
