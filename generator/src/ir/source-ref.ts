/** Where an IR item is written in the docs: shared by extraction (stamping rows) and the diff (locating changes). */
import type { IrField } from './types.js';

/** A docs-relative file and a 1-based line (0: unknown). */
export interface SourceRef {
  path: string;
  line: number;
}

/** The field (and its members) with `file` set where the row's file is not yet named. */
export function locatedIn(f: IrField, file: string): IrField {
  const fields = f.fields?.map((x) => locatedIn(x, file));
  return { ...f, ...(fields ? { fields } : {}), ...(f.line !== undefined && f.file === undefined ? { file } : {}) };
}

/** Where a field's row is: its own file, else the page holding it; `fallback` when it has no row (inferred, synthetic). */
export function fieldRef(f: IrField, page: string, fallback: SourceRef): SourceRef {
  return f.line !== undefined ? { path: f.file ?? page, line: f.line } : fallback;
}
