/**
 * Turn the raw lines of one `#| ... |#` table into yfmTableRow/yfmTableCell nodes.
 *
 * All cells of a table are re-parsed in ONE `fromMarkdown` call (cells joined by an HTML
 * comment separator, one set-up per table instead of per cell), then split back, and every
 * position is mapped back to the page. If a cell swallows a separator (an unclosed code
 * fence or HTML comment), that table falls back to one parse per cell.
 */
import type { Nodes, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import type { Point, Position } from 'unist';
import type { YfmTableCell, YfmTableRow } from '../types.js';
import { splitTable } from './split.js';

export interface RawLine {
  text: string;
  start: Point;
}

export interface TableIssue {
  ruleId: string;
  reason: string;
  place: Position | Point;
  severity: 'error' | 'warning' | 'info';
}

interface LineRecord {
  /** Offset of the line in the joined table text. */
  sStart: number;
  len: number;
  line: number;
  column: number;
  offset: number;
}

interface Segment {
  docStart: number;
  len: number;
  line: number;
  column: number;
  offset: number;
}

/**
 * Cell separator: a blank line and a thematic break. Together they close paragraphs, lists,
 * quotes, indented code and HTML blocks of kinds 6/7. Kept short because every cell pays for
 * it. Separators are recognized by their exact offset in the document, so a thematic break
 * inside a cell stays content, and a separator swallowed by the cell before it (an unclosed
 * code fence or HTML comment) is detected.
 */
const JOIN = '\n\n***\n';
const SEP_SHIFT = 2;

/** Parse a markdown document (with the YFM extensions) into a tree whose tables are built. */
export type ParseDoc = (doc: string) => Root;

/** One table after row/cell splitting, its cells not parsed yet. */
export interface PreparedTable {
  rows: YfmTableRow[];
  issues: TableIssue[];
  jobs: CellJob[];
  /** Position of the whole table body (for diagnostics). */
  place: Position;
}

interface CellJob {
  cell: YfmTableCell;
  s: string;
  start: number;
  end: number;
  toPoint: (so: number) => Point;
}

/**
 * Build the rows of several tables (all the tables of one document), parsing the cells of all
 * of them in one `fromMarkdown` call. Falls back to one call per table, then per cell, when
 * a cell swallows a separator.
 */
export function buildTables(
  tables: ReadonlyArray<readonly RawLine[]>,
  parse: ParseDoc,
  definitions: string,
): PreparedTable[] {
  const prepared = tables.map((lines) => prepareTable(lines));
  const allJobs = prepared.flatMap((t) => t.jobs);
  if (allJobs.length === 0 || parseCells(allJobs, parse, definitions)) return prepared;
  for (const t of prepared) {
    if (t.jobs.length === 0 || (prepared.length > 1 && parseCells(t.jobs, parse, definitions))) continue;
    t.issues.push({
      ruleId: 'yfm-table-cell-reparse',
      reason: 'A table cell swallowed the cell separator (unclosed code fence or HTML?); cells were parsed one by one',
      place: t.place,
      severity: 'info',
    });
    for (const job of t.jobs) parseCells([job], parse, definitions);
  }
  return prepared;
}

/** Build the rows of one table (kept for callers that have a single table). */
export function buildTable(
  lines: readonly RawLine[],
  parse: ParseDoc,
  definitions: string,
): { rows: YfmTableRow[]; issues: TableIssue[] } {
  const [t] = buildTables([lines], parse, definitions);
  return { rows: t!.rows, issues: t!.issues };
}

function prepareTable(lines: readonly RawLine[]): PreparedTable {
  // 1. Join the raw lines (blank lines restored) and remember where each one came from.
  const records: LineRecord[] = [];
  let s = '';
  let prevLine = -1;
  for (const l of lines) {
    if (prevLine !== -1) s += '\n'.repeat(Math.max(1, l.start.line - prevLine));
    records.push({
      sStart: s.length,
      len: l.text.length,
      line: l.start.line,
      column: l.start.column,
      offset: l.start.offset ?? 0,
    });
    s += l.text;
    prevLine = l.start.line;
  }

  const toPoint = (so: number): Point => {
    let lo = 0;
    let hi = records.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (records[mid]!.sStart <= so) lo = mid;
      else hi = mid - 1;
    }
    const r = records[lo];
    if (!r) return { line: 1, column: 1 };
    const d = Math.min(Math.max(so - r.sStart, 0), r.len);
    return { line: r.line, column: r.column + d, offset: r.offset + d };
  };

  // 2. Split rows and cells.
  const { rows: rawRows, stray } = splitTable(s);
  const issues: TableIssue[] = [];
  for (const st of stray) {
    const text = s.slice(st.start, st.end).trim();
    issues.push({
      ruleId: 'yfm-table-stray-text',
      reason: `Text outside \`|| ... ||\` rows is ignored: \`${text.length > 60 ? text.slice(0, 57) + '...' : text}\``,
      place: { start: toPoint(st.start + s.slice(st.start, st.end).search(/\S/)), end: toPoint(st.end) },
      severity: 'warning',
    });
  }

  // 3. Cells: trim, merge markers, collect the texts to parse.
  const rows: YfmTableRow[] = [];
  const jobs: CellJob[] = [];
  for (const rr of rawRows) {
    const cells: YfmTableCell[] = [];
    for (const rc of rr.cells) {
      let a = rc.start;
      let b = rc.end;
      while (a < b && isBlank(s.charCodeAt(a))) a++;
      while (b > a && isBlank(s.charCodeAt(b - 1))) b--;
      const cell: YfmTableCell = { type: 'yfmTableCell', children: [] };
      if (b > a) {
        cell.position = { start: toPoint(a), end: toPoint(b) };
        const t = b - a === 1 ? s[a] : '';
        if (t === '>') cell.merge = 'left';
        else if (t === '^') cell.merge = 'up';
        else jobs.push({ cell, s, start: a, end: b, toPoint });
      } else {
        const p = toPoint(rc.start);
        cell.position = { start: p, end: { ...p } };
      }
      cells.push(cell);
    }
    const row: YfmTableRow = {
      type: 'yfmTableRow',
      children: cells,
      position: { start: toPoint(rr.start), end: toPoint(rr.end) },
    };
    if (rr.unclosed) {
      issues.push({
        ruleId: 'yfm-table-unclosed-row',
        reason: 'Table row opened with `||` is not closed before `|#`',
        place: row.position!,
        severity: 'warning',
      });
    }
    rows.push(row);
  }
  return { rows, issues, jobs, place: { start: toPoint(0), end: toPoint(s.length) } };
}

/**
 * Inline fast path: cells that can only be one paragraph ("simple" cells, most of them) are
 * joined into ONE paragraph, separated by a private-use character on its own line, and the
 * paragraph's children are split back. One paragraph instead of one per cell saves a content
 * and a text tokenizer per cell. If any inline construct spans a marker (the marker is then
 * not a direct text child of the paragraph), those cells go through the block path instead.
 */
const MARK = '\uE000';

/** Tuning switches (tests compare both paths). */
export const tableParseOptions = { inlineFastPath: true };
const INLINE_JOIN = '\n' + MARK + '\n';
const BLOCK_START =
  /^[ \t]*(?:[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|[>#<|~=]|`{3}|\{%|\[[^\]]*\]:|[-_*][ \t]*[-_*][ \t]*[-_*])|^[ \t]*$/m;

/** True when `text` (trimmed) is certainly a single paragraph. */
export function isSimpleCell(text: string): boolean {
  if (BLOCK_START.test(text) || text.includes(MARK)) return false;
  const last = text.charCodeAt(text.length - 1);
  return last !== 92 /* \\ */;
}

interface Piece {
  job: CellJob;
  docStart: number;
  docEnd: number;
}

/** Parse the texts of `jobs` in one document; false (nothing assigned) if a separator was lost. */
function parseCells(jobs: readonly CellJob[], parse: ParseDoc, definitions: string, inline = true): boolean {
  const blockJobs: CellJob[] = [];
  const inlineJobs: CellJob[] = [];
  for (const job of jobs) {
    if (inline && tableParseOptions.inlineFastPath && isSimpleCell(job.s.slice(job.start, job.end))) inlineJobs.push(job);
    else blockJobs.push(job);
  }
  if (inlineJobs.length < 2) {
    blockJobs.push(...inlineJobs);
    inlineJobs.length = 0;
  }

  const segments: Segment[] = [];
  const separators: number[] = [];
  let doc = definitions;
  const add = (job: CellJob): void => {
    // Split [start, end) of the table text into per-line segments of the document.
    const { s, start, end, toPoint } = job;
    let i = start;
    while (i < end) {
      const p = toPoint(i);
      let lineEnd = s.indexOf('\n', i);
      if (lineEnd === -1 || lineEnd > end) lineEnd = end;
      segments.push({
        docStart: doc.length + (i - start),
        len: lineEnd - i,
        line: p.line,
        column: p.column,
        offset: p.offset ?? 0,
      });
      i = lineEnd + 1;
    }
    doc += s.slice(start, end);
  };
  for (const job of blockJobs) {
    separators.push(doc.length + SEP_SHIFT);
    doc += JOIN;
    add(job);
  }
  const pieces: Piece[] = [];
  if (inlineJobs.length > 0) {
    separators.push(doc.length + SEP_SHIFT);
    doc += JOIN;
    inlineJobs.forEach((job, k) => {
      if (k > 0) doc += INLINE_JOIN;
      const docStart = doc.length;
      add(job);
      pieces.push({ job, docStart, docEnd: doc.length });
    });
  }

  const tree = parse(doc);
  const groups = splitBySeparators(tree, separators);
  if (!groups) return false;
  let inlineGroups: RootContent[][] | undefined;
  if (inlineJobs.length > 0) {
    const [paragraph, ...rest] = groups.pop()!;
    if (paragraph?.type === 'paragraph' && rest.length === 0) inlineGroups = splitInline(paragraph, pieces);
  }
  for (let k = 0; k < blockJobs.length; k++) {
    const children = groups[k]!;
    remapPositions(children, segments);
    blockJobs[k]!.cell.children = children as YfmTableCell['children'];
  }
  if (inlineJobs.length === 0) return true;
  if (!inlineGroups) return parseCells(inlineJobs, parse, definitions, false);
  for (let k = 0; k < inlineJobs.length; k++) {
    const children = inlineGroups[k]!;
    remapPositions(children, segments);
    inlineJobs[k]!.cell.children = children as YfmTableCell['children'];
  }
  return true;
}

const docPoint = (offset: number): Point => ({ line: 0, column: 0, offset });

/** One paragraph per piece, or `undefined` when a marker is not a direct text child. */
function splitInline(paragraph: Paragraph, pieces: readonly Piece[]): RootContent[][] | undefined {
  const out: PhrasingContent[][] = [[]];
  for (const child of paragraph.children) {
    if (child.type !== 'text' || !child.value.includes(MARK)) {
      out[out.length - 1]!.push(child);
      continue;
    }
    const parts = child.value.split(MARK);
    const last = parts.length - 1;
    for (let i = 0; i <= last; i++) {
      if (i > 0) out.push([]);
      let value = parts[i]!;
      if (i > 0 && value.charCodeAt(0) === 10) value = value.slice(1);
      if (i < last && value.charCodeAt(value.length - 1) === 10) value = value.slice(0, -1);
      if (value === '') continue;
      const k = out.length - 1;
      const piece = pieces[k];
      if (!piece || !child.position) return undefined;
      const start = i === 0 ? child.position.start.offset! : piece.docStart;
      const end = i === last ? child.position.end.offset! : piece.docEnd;
      out[k]!.push({ type: 'text', value, position: { start: docPoint(start), end: docPoint(end) } });
    }
  }
  if (out.length !== pieces.length) return undefined;
  return out.map((children, k): RootContent[] => [
    {
      type: 'paragraph',
      children,
      position: { start: docPoint(pieces[k]!.docStart), end: docPoint(pieces[k]!.docEnd) },
    },
  ]);
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * Children after each separator; anything before the first one (definitions) is dropped.
 * `undefined` when a separator is missing or a node spans one.
 */
function splitBySeparators(tree: Root, separators: readonly number[]): RootContent[][] | undefined {
  const groups: RootContent[][] = [];
  let current: RootContent[] | undefined;
  let next = separators[0];
  for (const child of tree.children) {
    const start = child.position?.start.offset;
    if (next !== undefined && start === next && child.type === 'thematicBreak') {
      current = [];
      groups.push(current);
      next = separators[groups.length];
      continue;
    }
    if (next !== undefined && (child.position?.end.offset ?? 0) > next) return undefined;
    current?.push(child);
  }
  return groups.length === separators.length ? groups : undefined;
}

function remapPositions(nodes: readonly RootContent[], segments: readonly Segment[]): void {
  const map = (p: Point): void => {
    const d = p.offset;
    if (d === undefined) return;
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segments[mid]!.docStart <= d) lo = mid;
      else hi = mid - 1;
    }
    const seg = segments[lo];
    if (!seg) return;
    const k = Math.min(Math.max(d - seg.docStart, 0), seg.len);
    p.line = seg.line;
    p.column = seg.column + k;
    p.offset = seg.offset + k;
  };
  const walk = (node: Nodes): void => {
    // Points are fresh objects per node (mdast-util-from-markdown copies them): update in place.
    if (node.position) {
      map(node.position.start);
      map(node.position.end);
    }
    if (node.type === 'inlineCode' && node.value.includes('\\|')) {
      // Diplodoc renders `\|` in a table cell as `|`, also inside inline code.
      node.value = node.value.replace(/\\\|/g, '|');
    }
    if ('children' in node) for (const c of node.children) walk(c as Nodes);
  };
  for (const c of nodes) walk(c);
}
