/**
 * Turn the raw lines of one `#| ... |#` table into yfmTableRow/yfmTableCell nodes.
 *
 * All cells of a table are re-parsed in ONE `fromMarkdown` call (cells joined by an HTML
 * comment separator, one set-up per table instead of per cell), then split back, and every
 * position is mapped back to the page. If a cell swallows a separator (an unclosed code
 * fence or HTML comment), that table falls back to one parse per cell.
 */
import type { Nodes, Root, RootContent } from 'mdast';
import { fromMarkdown, type Options as FromMarkdownOptions } from 'mdast-util-from-markdown';
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

const SEP = '<!--b24gen:yfm-cell-->';
const JOIN = '\n\n' + SEP + '\n\n';

export function buildTable(
  lines: readonly RawLine[],
  config: FromMarkdownOptions,
  definitions: string,
): { rows: YfmTableRow[]; issues: TableIssue[] } {
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
  const toParse: Array<{ cell: YfmTableCell; start: number; end: number }> = [];
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
        else toParse.push({ cell, start: a, end: b });
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
  if (toParse.length === 0) return { rows, issues };

  // 4. One parse for all cells.
  const segments: Segment[] = [];
  let doc = definitions;
  const addText = (a: number, b: number): void => {
    // Split [a, b) of the joined text into per-line segments of the document.
    let i = a;
    while (i < b) {
      const p = toPoint(i);
      let lineEnd = s.indexOf('\n', i);
      if (lineEnd === -1 || lineEnd > b) lineEnd = b;
      segments.push({
        docStart: doc.length + (i - a),
        len: lineEnd - i,
        line: p.line,
        column: p.column,
        offset: p.offset ?? 0,
      });
      i = lineEnd + 1;
    }
    doc += s.slice(a, b);
  };
  for (const item of toParse) {
    doc += JOIN;
    addText(item.start, item.end);
  }

  let tree = fromMarkdown(doc, config);
  remapPositions(tree, segments);
  const groups = splitBySeparator(tree);
  if (groups.length === toParse.length) {
    toParse.forEach((item, k) => {
      item.cell.children = groups[k] as YfmTableCell['children'];
    });
  } else {
    issues.push({
      ruleId: 'yfm-table-cell-reparse',
      reason: 'A table cell swallowed the cell separator (unclosed code fence or HTML?); cells were parsed one by one',
      place: { start: toPoint(0), end: toPoint(s.length) },
      severity: 'info',
    });
    for (const item of toParse) {
      segments.length = 0;
      doc = definitions + JOIN;
      addText(item.start, item.end);
      tree = fromMarkdown(doc, config);
      remapPositions(tree, segments);
      item.cell.children = (splitBySeparator(tree)[0] ?? []) as YfmTableCell['children'];
    }
  }
  return { rows, issues };
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Children after each separator; anything before the first one (definitions) is dropped. */
function splitBySeparator(tree: Root): RootContent[][] {
  const groups: RootContent[][] = [];
  let current: RootContent[] | undefined;
  for (const child of tree.children) {
    if (child.type === 'html' && child.value === SEP) {
      current = [];
      groups.push(current);
    } else if (current) {
      current.push(child);
    }
  }
  return groups;
}

function remapPositions(tree: Root, segments: readonly Segment[]): void {
  const map = (p: Point): Point => {
    const d = p.offset;
    if (d === undefined) return p;
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segments[mid]!.docStart <= d) lo = mid;
      else hi = mid - 1;
    }
    const seg = segments[lo];
    if (!seg) return p;
    const k = Math.min(Math.max(d - seg.docStart, 0), seg.len);
    return { line: seg.line, column: seg.column + k, offset: seg.offset + k };
  };
  const walk = (node: Nodes): void => {
    if (node.position) {
      node.position = { start: map(node.position.start), end: map(node.position.end) };
    }
    if (node.type === 'inlineCode' && node.value.includes('\\|')) {
      // Diplodoc renders `\|` in a table cell as `|`, also inside inline code.
      node.value = node.value.replace(/\\\|/g, '|');
    }
    if ('children' in node) for (const c of node.children) walk(c as Nodes);
  };
  for (const c of tree.children) walk(c);
}
