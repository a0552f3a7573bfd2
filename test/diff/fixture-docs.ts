/**
 * Tiny fake docs checkouts for the diff, catalog and regeneration tests: method pages in the shape
 * of a real YFM method page (H1 ending with the name, `> Scope:`, parameter / returned-data / error
 * tables, a cURL example), written into a temp dir.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface FixtureField {
  name: string;
  type?: string;
  required?: boolean;
  description?: string;
  /** Allowed values, written as a "Possible values:" list. */
  values?: string[];
  /** Sub-table (H3 "Object NAME") for an object field. */
  fields?: FixtureField[];
}

export interface FixtureError {
  code: string;
  message: string;
  description?: string;
}

export interface FixtureMethod {
  name: string;
  title?: string;
  scope?: string;
  deprecated?: boolean;
  params?: FixtureField[];
  result?: FixtureField[];
  errors?: FixtureError[];
  /** HTTP status line of the error section. */
  errorStatus?: number;
}

export interface FixtureEvent {
  name: string;
  scope?: string;
  payload: FixtureField[];
}

const DT = '../../data-types.md';

function row(f: FixtureField): string {
  const star = f.required ? '*' : '';
  const anchor = f.fields ? ` [(details)](#${f.name.toLowerCase()})` : '';
  let desc = (f.description ?? `The ${f.name} field`) + anchor;
  if (f.values?.length) desc += `\n\nPossible values:\n\n${f.values.map((v) => `- \`${v}\` — value ${v}`).join('\n')}\n`;
  return `|| **${f.name}${star}**\n[\`${f.type ?? 'string'}\`](${DT}) | ${desc} ||`;
}

function table(fields: FixtureField[]): string {
  return ['#|', '|| **Name**\n`type` | **Description** ||', ...fields.map(row), '|#'].join('\n');
}

/** The sub-tables of object fields, recursively, each under an H3 whose id the row links. */
function subTables(fields: FixtureField[]): string[] {
  const out: string[] = [];
  for (const f of fields) {
    if (!f.fields) continue;
    out.push(`### Object ${f.name} {#${f.name.toLowerCase()}}\n\n${table(f.fields)}`);
    out.push(...subTables(f.fields));
  }
  return out;
}

export function methodPage(m: FixtureMethod): string {
  const parts: string[] = [`# ${m.title ?? 'Do something'} ${m.name}`, ''];
  parts.push(`> Scope: [\`${m.scope ?? 'crm'}\`](../../scopes/permissions.md)\n>\n> Who can execute the method: any user`, '');
  if (m.deprecated) parts.push('{% note warning "Deprecated" %}\n\nThis method is deprecated.\n\n{% endnote %}', '');
  parts.push(`The method does something with ${m.name}.`, '');
  parts.push('## Method parameters', '');
  const params = m.params ?? [];
  if (params.length) parts.push(table(params), '', ...subTables(params).map((s) => s + '\n'));
  else parts.push('No parameters.', '');
  parts.push('## Code examples', '', '{% list tabs %}', '', '- cURL (Webhook)', '', '    ```bash', '    curl -X POST \\', '    -H "Content-Type: application/json" \\', "    -d '{}' \\", `    https://**put_your_bitrix24_address**/rest/**put_your_user_id_here**/**put_your_webhook_here**/${m.name}`, '    ```', '', '{% endlist %}', '');
  parts.push('## Response handling', '', 'HTTP status: **200**', '');
  if (m.result?.length) parts.push('### Returned data', '', table(m.result), '', ...subTables(m.result).map((s) => s + '\n'));
  parts.push('## Error handling', '', `HTTP status: **${m.errorStatus ?? 400}**`, '');
  if (m.errors?.length) {
    parts.push('### Possible error codes', '', '#|', '|| **Code** | **Error message** | **Description** ||');
    for (const e of m.errors) parts.push(`|| \`${e.code}\` | ${e.message} | ${e.description ?? e.message} ||`);
    parts.push('|#', '');
  }
  parts.push('{% include [system errors](../../_includes/system-errors.md) %}', '');
  return parts.join('\n');
}

export function eventPage(e: FixtureEvent): string {
  return [
    `# Event ${e.name}`,
    '',
    `> Scope: [\`${e.scope ?? 'crm'}\`](../../scopes/permissions.md)\n>\n> Who can subscribe: any user`,
    '',
    'The event occurs when something happens.',
    '',
    '## What the handler receives',
    '',
    table(e.payload),
    '',
    ...subTables(e.payload).map((s) => s + '\n'),
  ].join('\n');
}

export const SYSTEM_ERRORS_MD = `### Statuses and System Error Codes

#|
|| **Status** | **Code**
**Error Message** | **Description** ||
|| \`500\` | \`INTERNAL_SERVER_ERROR\`
Internal server error | An internal server error has occurred ||
|| \`503\` | \`QUERY_LIMIT_EXCEEDED\`
Too many requests | The request intensity limit has been exceeded ||
|| \`401\` | \`NO_AUTH_FOUND\`
Wrong authorization data | Invalid access token or webhook code ||
|#
`;

/** docs-relative path → text. */
export type FixtureFiles = Record<string, string>;

/** Pages of methods: `api-reference/<scope>/<name with dashes>.md`. */
export function docsFiles(methods: FixtureMethod[], events: FixtureEvent[] = []): FixtureFiles {
  const files: FixtureFiles = { '_includes/system-errors.md': SYSTEM_ERRORS_MD };
  for (const m of methods) files[methodPath(m.name)] = methodPage(m);
  for (const e of events) files[`api-reference/${e.scope ?? 'crm'}/events/${e.name.toLowerCase()}.md`] = eventPage(e);
  return files;
}

export function methodPath(name: string, scope = name.split('.')[0]!): string {
  return `api-reference/${scope}/${name.toLowerCase().replace(/\./g, '-')}.md`;
}

/** Writes a docs checkout into a fresh temp dir (or over `root`) and returns its path. */
export function writeDocs(files: FixtureFiles, root = mkdtempSync(join(tmpdir(), 'b24gen-docs-'))): string {
  for (const [rel, text] of Object.entries(files)) {
    const full = join(root, rel);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return root;
}

export function tempDir(prefix = 'b24gen-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
