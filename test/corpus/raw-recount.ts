/**
 * An independent recount of what the docs document, by a plain line scanner over the raw page text
 * (the survey's method, deliberately not the project's parser): top-level parameter rows with their
 * required marker, sub-table rows of the parameters section, and the codes of the error tables.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RawRow {
  name: string;
  required: boolean;
}

export interface RawCount {
  topLevel: RawRow[];
  nested: RawRow[];
  errorCodes: string[];
}

const ROW_NAME = /^\|\|\s*\*\*([A-Za-z_][\w.[\]]*?)(\^\*\^)?\*\*\s*(\^\*\^|\*{1,2})?(?:\s|$|\[|\\|\|)/;

function withoutFences(lines: string[]): string[] {
  let fence = false;
  return lines.map((l) => {
    if (/^\s*```/.test(l)) {
      fence = !fence;
      return '';
    }
    return fence ? '' : l;
  });
}

/** Rows of the `#|` tables in `lines`, grouped per table (nested tables inside cells skipped). */
function tables(lines: string[]): RawRow[][] {
  const out: RawRow[][] = [];
  let depth = 0;
  let current: RawRow[] | null = null;
  for (const raw of lines) {
    const l = raw.trim();
    if (l.startsWith('#|')) {
      depth++;
      if (depth === 1) current = [];
      continue;
    }
    if (l.startsWith('|#')) {
      if (depth === 1 && current) out.push(current);
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (depth !== 1 || !current) continue;
    const m = ROW_NAME.exec(l);
    if (m?.[1] && !/^(name|parameter|key|field|type|code)$/i.test(m[1])) current.push({ name: m[1], required: Boolean(m[2] || m[3]) });
  }
  return out;
}

export function recount(docsRoot: string, docPath: string): RawCount {
  const lines = withoutFences(readFileSync(join(docsRoot, docPath), 'utf8').split('\n'));
  const h2 = (re: RegExp) => {
    const start = lines.findIndex((l) => /^##\s/.test(l) && re.test(l.replace(/\{#[^}]*\}/, '').toLowerCase()));
    if (start < 0) return [];
    const end = lines.findIndex((l, i) => i > start && /^##\s/.test(l));
    return lines.slice(start + 1, end < 0 ? undefined : end);
  };
  const params = tables(h2(/^##\s+(method )?parameters\s*$/));
  const errorLines = h2(/^##\s+error handling\s*$/);
  const errorCodes: string[] = [];
  let depth = 0;
  let fieldTable = false;
  for (const raw of errorLines) {
    const l = raw.trim();
    if (l.startsWith('#|')) {
      depth++;
      fieldTable = false;
    } else if (l.startsWith('|#')) depth--;
    // REST 3.0 tables name fields in their first column ("Field | Error description | How to fix").
    else if (depth === 1 && /^\|\|\s*\*\*field\*\*/i.test(l)) fieldTable = true;
    else if (depth === 1 && !fieldTable) {
      const m = /^\|\|\s*(?:`\d{3}`\s*\|\s*)?`([A-Za-z_][A-Za-z0-9_]*|\d+)`\s*\|/.exec(l);
      if (m?.[1] && !/^\d{3}$/.test(m[1])) errorCodes.push(m[1]);
    }
  }
  return { topLevel: params[0] ?? [], nested: params.slice(1).flat(), errorCodes };
}
