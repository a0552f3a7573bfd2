/** Pages → one IR document: stable order, duplicates reported, deprecation replacements resolved. */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { IR_SCHEMA_VERSION, type IrDocument, type IrError, type IrSource } from '../ir/types.js';
import type { PageExtraction } from './page.js';

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => byString(a.file, b.file) || a.line - b.line || byString(a.message, b.message));
}

export interface AssembleInput {
  pages: PageExtraction[];
  systemErrors: IrError[];
  source: IrSource;
  generatorVersion: string;
  /** Diagnostics from stages before extraction (parsing, includes). */
  diagnostics: Diagnostic[];
}

export function assembleIr(input: AssembleInput): IrDocument {
  const diagnostics = [...input.diagnostics];
  const pages = [...input.pages].sort((a, b) => byString(a.docPath, b.docPath));
  const nameByDoc = new Map<string, string>();
  for (const p of pages) if (p.method) nameByDoc.set(p.docPath, p.method.name);
  const methods = new Map<string, NonNullable<PageExtraction['method']>>();
  const events = new Map<string, NonNullable<PageExtraction['event']>>();
  for (const p of pages) {
    diagnostics.push(...p.diagnostics);
    const replacement = p.replacementDoc ? nameByDoc.get(p.replacementDoc) : undefined;
    if (p.method) {
      const m = p.method;
      if (m.deprecated && replacement && replacement !== m.name) m.deprecated = { replacement };
      const key = `${m.apiVersion}:${m.name}`;
      const prior = methods.get(key);
      if (prior) {
        diagnostics.push({ file: p.docPath, line: 1, severity: 'warning', message: `method ${m.name} is also documented by ${prior.docPath}; that page is kept`, ruleId: 'method-duplicate' });
        continue;
      }
      methods.set(key, m);
    }
    if (p.event) {
      const e = p.event;
      if (e.deprecated && replacement) e.deprecated = { replacement };
      if (events.has(e.name)) {
        diagnostics.push({ file: p.docPath, line: 1, severity: 'warning', message: `event ${e.name} is also documented by ${events.get(e.name)!.docPath}; that page is kept`, ruleId: 'event-duplicate' });
        continue;
      }
      events.set(e.name, e);
    }
  }
  return {
    schemaVersion: IR_SCHEMA_VERSION,
    generatorVersion: input.generatorVersion,
    source: input.source,
    methods: [...methods.values()].sort((a, b) => byString(a.name, b.name) || a.apiVersion - b.apiVersion),
    events: [...events.values()].sort((a, b) => byString(a.name, b.name)),
    systemErrors: input.systemErrors,
    diagnostics: sortDiagnostics(diagnostics),
  };
}
