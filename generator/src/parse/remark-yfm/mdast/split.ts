/**
 * Split the raw text of a YFM table into rows and cells with the Diplodoc rules
 * (`yfm_table` of @diplodoc/transform):
 * - `||` toggles a row open or closed; a single `|` ends a cell unless escaped as `\|`;
 * - text between triple backticks is skipped (inline code is NOT protected);
 * - an inner `#|` ... `|#` (at the start of a line) is kept whole inside the cell.
 */

export interface Range {
  start: number;
  end: number;
}
export interface RawRow extends Range {
  cells: Range[];
  /** The row had no closing `||` before the end of the table. */
  unclosed?: boolean;
}
export interface SplitResult {
  rows: RawRow[];
  /** Non-blank text outside `|| ... ||` rows. */
  stray: Range[];
}

const BACKTICK = 96;
const BAR = 124;
const HASH = 35;
const BACKSLASH = 92;

function atLineStart(s: string, i: number): boolean {
  for (let j = i - 1; j >= 0; j--) {
    const c = s.charCodeAt(j);
    if (c === 10) return true;
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

function pushStray(s: string, stray: Range[], start: number, end: number): void {
  if (end <= start) return;
  const text = s.slice(start, end);
  if (text.trim() !== '') stray.push({ start, end });
}

export function splitTable(s: string): SplitResult {
  const rows: RawRow[] = [];
  const stray: Range[] = [];
  const n = s.length;
  let row: RawRow | undefined;
  let cellStart = 0;
  let outsideStart = 0;
  let inCode = false;
  let level = 0;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === BACKTICK && s.charCodeAt(i + 1) === BACKTICK && s.charCodeAt(i + 2) === BACKTICK) {
      inCode = !inCode;
      i += 3;
      continue;
    }
    if (inCode) {
      i++;
      continue;
    }
    if (c === HASH && s.charCodeAt(i + 1) === BAR && atLineStart(s, i)) {
      level++;
      i += 2;
      continue;
    }
    if (c === BAR && level > 0) {
      if (s.charCodeAt(i + 1) === HASH && atLineStart(s, i)) {
        level--;
        i += 2;
        continue;
      }
      i++;
      continue;
    }
    if (level > 0 || c !== BAR || (i > 0 && s.charCodeAt(i - 1) === BACKSLASH)) {
      i++;
      continue;
    }
    if (s.charCodeAt(i + 1) === BAR) {
      if (!row) {
        pushStray(s, stray, outsideStart, i);
        row = { start: i, end: i, cells: [] };
        cellStart = i + 2;
      } else {
        row.cells.push({ start: cellStart, end: i });
        row.end = i + 2;
        rows.push(row);
        row = undefined;
        outsideStart = i + 2;
      }
      i += 2;
      continue;
    }
    if (row) {
      row.cells.push({ start: cellStart, end: i });
      cellStart = i + 1;
    }
    i++;
  }
  if (row) {
    row.cells.push({ start: cellStart, end: n });
    row.end = n;
    row.unclosed = true;
    rows.push(row);
  } else {
    pushStray(s, stray, outsideStart, n);
  }
  return { rows, stray };
}
