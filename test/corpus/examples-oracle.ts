/**
 * The docs' own examples as a test: each method's cURL JSON body, with its keys matched to the
 * documented names case-insensitively (and `auth` dropped: it is the OAuth token, not a parameter),
 * must type-check against the generated params type of that method.
 */
import { join, relative } from 'node:path';
import { Project } from 'ts-morph';
import type { IrDocument, IrField, IrMethod } from '../../generator/src/ir/types.js';
import { methodNames } from '../../generator/src/emit/method-names.js';
import { methodFromUrl } from '../../generator/src/extract/examples.js';
import { PROJECT_ROOT } from '../support/docs.js';

export interface OracleCase {
  method: string;
  apiVersion: 2 | 3;
  docPath: string;
  line: number;
  body: Record<string, unknown>;
}

export interface OracleResult {
  cases: number;
  passed: number;
  failures: Array<OracleCase & { errors: string[] }>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Placeholders such as `your_invoice_id`, `**put_id_here**`, `<ID>` stand for a value of the documented type. */
export const PLACEHOLDER = /^\*\*[^*]+\*\*$|^your_\w+$|^put_\w+$|\w+_here$|^<[^>]+>$|^\{[a-z_]+\}$|^YOUR_[A-Z_]+$/i;

/** Renames keys to the documented spelling where they differ only in case, recursively through documented members. */
export function matchKeys(value: Record<string, unknown>, fields: readonly IrField[]): Record<string, unknown> {
  const byLower = new Map(fields.map((f) => [f.name.toLowerCase(), f]));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const f = fields.find((x) => x.name === key) ?? byLower.get(key.toLowerCase());
    const name = f ? f.name : key;
    let nv = v;
    if (f?.fields?.length) {
      if (isObject(v)) nv = matchKeys(v, f.fields);
      else if (Array.isArray(v)) nv = v.map((item) => (isObject(item) ? matchKeys(item, f.fields!) : item));
    }
    out[name] = nv;
  }
  return out;
}

function paramFields(m: IrMethod): IrField[] {
  return m.paramSets ? m.paramSets.flatMap((s) => s.params) : m.params;
}

function callsAnother(url: string | null, method: string): boolean {
  const called = url ? methodFromUrl(url) : null;
  return called !== null && called.method.toLowerCase() !== method.toLowerCase();
}

/** One case per method: the first example body that parsed to an object. */
export function oracleCases(ir: IrDocument): OracleCase[] {
  const cases: OracleCase[] = [];
  for (const m of ir.methods) {
    // An example whose URL calls another method (the page shows a companion call) is no example of this one.
    const ex = m.examples.find((e) => isObject(e.body) && !callsAnother(e.url, m.name));
    if (!ex || !isObject(ex.body)) continue;
    const { auth: _auth, ...body } = ex.body;
    cases.push({ method: m.name, apiVersion: m.apiVersion, docPath: m.docPath, line: ex.line, body: matchKeys(body, paramFields(m)) });
  }
  return cases;
}

/** Type-checks every case against the package emitted into `pkgDir`, in one program. */
export function runOracle(ir: IrDocument, pkgDir: string): OracleResult {
  const cases = oracleCases(ir);
  const names = methodNames(ir.methods);
  const byKey = new Map(ir.methods.map((m) => [`${m.apiVersion}:${m.name}`, m]));
  const snippetPath = join(pkgDir, '__oracle__.ts');
  const lines: string[] = ['declare const PH: never;'];
  const lineOfCase: number[] = [];
  cases.forEach((c, i) => {
    const n = names.get(byKey.get(`${c.apiVersion}:${c.method}`)!)!;
    lines.push(`import type { ${n.type}Params as P${i} } from './${n.module}.js';`);
  });
  cases.forEach((c, i) => {
    lineOfCase[i] = lines.length + 1;
    // A placeholder string becomes `PH` (declared as never: assignable to any documented type).
    const body = JSON.stringify(c.body, (_k, v: unknown) => (typeof v === 'string' && PLACEHOLDER.test(v) ? '\u0000PH\u0000' : v)).replace(/"\\u0000PH\\u0000"/g, 'PH');
    lines.push(`export const c${i}: P${i} = ${body};`);
  });
  const project = new Project({ tsConfigFilePath: join(PROJECT_ROOT, 'tsconfig.json'), skipAddingFilesFromTsConfig: true });
  const file = project.createSourceFile(snippetPath, lines.join('\n') + '\n', { overwrite: true });
  const errors = new Map<number, string[]>();
  for (const d of file.getPreEmitDiagnostics()) {
    const line = d.getLineNumber() ?? 0;
    const i = lineOfCase.indexOf(line);
    const text = d.getMessageText();
    const msg = typeof text === 'string' ? text : flatten(text.compilerObject);
    const list = errors.get(i) ?? [];
    // Name the member the error is at: the text under the diagnostic (`"PRICE": 100`).
    const start = d.getStart();
    const at = start === undefined ? '' : file.getFullText().slice(start, start + (d.getLength() ?? 0)).slice(0, 60);
    list.push(`${at ? `at ${at}: ` : ''}${msg.replace(new RegExp(relative('/', pkgDir), 'g'), '')}`);
    errors.set(i, list);
  }
  const failures = cases.flatMap((c, i) => (errors.has(i) ? [{ ...c, errors: errors.get(i)! }] : []));
  return { cases: cases.length, passed: cases.length - failures.length, failures };
}

interface Chain {
  messageText: string;
  next?: Chain[];
}
function flatten(chain: Chain, depth = 0): string {
  return '  '.repeat(depth) + chain.messageText + (chain.next ?? []).map((c) => '\n' + flatten(c, depth + 1)).join('');
}
