/** Crafted YFM method pages for the extract tests: parse with the real parser, then extract. */
import { parsePage } from '../../generator/src/parse/parse-page.js';
import { extractPage, type PageExtraction } from '../../generator/src/extract/page.js';
import type { IrField } from '../../generator/src/ir/types.js';

export const DT = '../../data-types.md';
export const PAGE = 'api-reference/crm/foo/crm-foo-add.md';

/** Parse and extract one page; `files` are other docs-relative files it may include. */
export function extract(md: string, docPath = PAGE, files: Record<string, string> = {}): PageExtraction & { parseMessages: ReturnType<typeof parsePage>['messages'] } {
  const { tree, messages } = parsePage(md, docPath, { readFile: (p) => files[p] });
  return { ...extractPage(docPath, tree), parseMessages: messages };
}

/** The head of a method page: H1 ending with the name, the scope/access blockquote, a lead line. */
export function head(name = 'crm.foo.add', scope = 'crm'): string {
  return `# Do a thing ${name}\n\n> Scope: [\`${scope}\`](../../scopes/permissions.md)\n>\n> Who can execute the method: any user\n\nLead text.\n\n`;
}

/** A `Name / type | Description` YFM table of the given rows. */
export function table(rows: string[], header = '**Name**\n`type` | **Description**'): string {
  return `#|\n|| ${header} ||\n${rows.join('\n')}\n|#\n`;
}

/** One parameter row: `name` is the raw markup of the name cell's first line. */
export function row(name: string, type: string, description = 'd'): string {
  return `|| ${name}\n[\`${type}\`](${DT}) | ${description} ||`;
}

/** A method page with a parameters section holding `rows`, then `rest`. */
export function methodPage(rows: string[], rest = ''): string {
  return `${head()}## Method parameters\n\n${table(rows)}\n${rest}`;
}

/** Params of a crafted method page (fails loudly when the page is not read as a method). */
export function params(rows: string[], rest = ''): IrField[] {
  const r = extract(methodPage(rows, rest));
  if (!r.method) throw new Error(`not a method page: ${r.pageClass}`);
  return r.method.params;
}

/** `[name, docType, required]` of each field. */
export const brief = (fs: readonly IrField[]) => fs.map((f) => [f.name, f.docType, f.required]);
