/**
 * The docs' response examples as a type test: each v2 method's first response example, its
 * `result` kept exactly as the page shows it (literal types, readonly stripped), must be
 * assignable to the generated `…Result` type. Assignment from a variable, not a fresh literal:
 * members the type does not declare are the names check's concern (result-names.ts), not this one's.
 */
import { join } from 'node:path';
import { Project } from 'ts-morph';
import type { IrDocument } from '../ir/types.js';
import { methodNames } from '../emit/method-names.js';
import { moduleOf } from '../ir/type-facts.js';

export interface ResponseCase {
  method: string;
  docPath: string;
  line: number;
  result: unknown;
}

export interface ResponseCheck {
  cases: number;
  passed: number;
  failures: Array<ResponseCase & { error: string }>;
  /** Per module: cases and passes. */
  modules: Record<string, { cases: number; passed: number }>;
}

/** One case per v2 method: its first response example that has a `result`. */
export function responseCases(ir: IrDocument): ResponseCase[] {
  const out: ResponseCase[] = [];
  for (const m of ir.methods) {
    if (m.apiVersion !== 2) continue;
    const ex = m.responseExamples.find((e) => typeof e.value === 'object' && e.value !== null && (e.value as { result?: unknown }).result !== undefined);
    if (ex) out.push({ method: m.name, docPath: m.docPath, line: ex.line, result: (ex.value as { result: unknown }).result });
  }
  return out;
}

/** Type-checks every case against the package emitted in `pkgDir` (one program; ~20 s on the corpus). */
export function checkResponses(ir: IrDocument, pkgDir: string, tsconfig: string): ResponseCheck {
  const cases = responseCases(ir);
  const names = methodNames(ir.methods);
  const byName = new Map(ir.methods.filter((m) => m.apiVersion === 2).map((m) => [m.name, m]));
  const lines: string[] = [
    'type Wire<T> = T extends readonly unknown[] | object ? { -readonly [K in keyof T]: Wire<T[K]> } : T;',
    'declare function wire<const T>(v: T): Wire<T>;',
  ];
  cases.forEach((c, i) => {
    const n = names.get(byName.get(c.method)!)!;
    lines.push(`import type { ${n.type}Result as R${i} } from './${n.module}.js';`);
  });
  const lineOfCase = new Map<number, number>();
  cases.forEach((c, i) => {
    lines.push(`const w${i} = wire(${JSON.stringify(c.result) ?? 'null'});`);
    lineOfCase.set(lines.length + 1, i);
    lines.push(`export const c${i}: R${i} = w${i};`);
  });
  const project = new Project({ tsConfigFilePath: tsconfig, skipAddingFilesFromTsConfig: true });
  const file = project.createSourceFile(join(pkgDir, '__responses__.ts'), lines.join('\n') + '\n', { overwrite: true });
  const errors = new Map<number, string>();
  for (const d of file.getPreEmitDiagnostics()) {
    const i = lineOfCase.get(d.getLineNumber() ?? 0);
    if (i === undefined || errors.has(i)) continue;
    const text = d.getMessageText();
    errors.set(i, typeof text === 'string' ? text : flatten(text.compilerObject));
  }
  const modules: ResponseCheck['modules'] = {};
  const failures: ResponseCheck['failures'] = [];
  cases.forEach((c, i) => {
    const mod = (modules[moduleOf(c.docPath)] ??= { cases: 0, passed: 0 });
    mod.cases++;
    const error = errors.get(i);
    if (error) failures.push({ ...c, error });
    else mod.passed++;
  });
  return { cases: cases.length, passed: cases.length - failures.length, failures, modules };
}

interface Chain {
  messageText: string;
  next?: Chain[];
}

/** The deepest line of a diagnostic chain says what is wrong where; the first says which case. */
function flatten(chain: Chain): string {
  const parts: string[] = [];
  for (let c: Chain | undefined = chain; c; c = c.next?.[0]) parts.push(c.messageText);
  return parts.slice(-3).join(' / ');
}
