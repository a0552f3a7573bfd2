/** The coverage report: what the extractor found per page class and per method, and every diagnostic. */
import type { IrDocument, IrField, IrMethod } from '../ir/types.js';
import type { PageClass, PageExtraction } from '../extract/page.js';

export interface MethodCoverage {
  name: string;
  apiVersion: 2 | 3;
  docPath: string;
  params: number;
  nested: number;
  result: 'documented' | 'none';
  resultFields: number;
  errors: number;
  examples: number;
  parsedBodies: number;
  diagnostics: number;
}

export interface CoverageReport {
  pages: Record<PageClass, number> & { total: number };
  totals: {
    methods: number;
    methodsV3: number;
    events: number;
    params: number;
    nestedMembers: number;
    resultsDocumented: number;
    errorCodes: number;
    methodsWithExamples: number;
    methodsWithParsedBody: number;
    diagnostics: Record<'error' | 'warning' | 'info', number>;
  };
  methods: MethodCoverage[];
  diagnostics: Array<{ at: string; severity: string; message: string; ruleId?: string }>;
}

export function countNested(fields: readonly IrField[] | undefined): number {
  return (fields ?? []).reduce((n, f) => {
    const variantFields = (f.variants ?? []).flatMap((v) => v.fields);
    return n + (f.fields ? f.fields.length + countNested(f.fields) : 0) + variantFields.length + countNested(variantFields);
  }, 0);
}

function methodCoverage(m: IrMethod, diagnosticsByFile: Map<string, number>): MethodCoverage {
  const params = m.paramSets ? m.paramSets.flatMap((s) => s.params) : m.params;
  const result = m.result.fields.find((f) => f.name === 'result');
  return {
    name: m.name,
    apiVersion: m.apiVersion,
    docPath: m.docPath,
    params: m.params.length,
    nested: countNested(params),
    result: m.result.documented ? 'documented' : 'none',
    resultFields: result ? 1 + countNested([result]) : 0,
    errors: m.errors.filter((e) => e.code).length,
    examples: m.examples.length,
    parsedBodies: m.examples.filter((e) => e.body !== null && typeof e.body === 'object').length,
    diagnostics: diagnosticsByFile.get(m.docPath) ?? 0,
  };
}

export function coverageReport(ir: IrDocument, extractions: readonly PageExtraction[]): CoverageReport {
  const pages = { method: 0, event: 0, overview: 0, article: 0, include: 0, total: extractions.length };
  for (const e of extractions) pages[e.pageClass]++;
  const byFile = new Map<string, number>();
  for (const d of ir.diagnostics) byFile.set(d.file, (byFile.get(d.file) ?? 0) + 1);
  const methods = ir.methods.map((m) => methodCoverage(m, byFile));
  const sev = { error: 0, warning: 0, info: 0 };
  for (const d of ir.diagnostics) sev[d.severity]++;
  return {
    pages,
    totals: {
      methods: ir.methods.length,
      methodsV3: ir.methods.filter((m) => m.apiVersion === 3).length,
      events: ir.events.length,
      params: methods.reduce((n, m) => n + m.params, 0),
      nestedMembers: methods.reduce((n, m) => n + m.nested, 0),
      resultsDocumented: methods.filter((m) => m.result === 'documented').length,
      errorCodes: methods.reduce((n, m) => n + m.errors, 0),
      methodsWithExamples: methods.filter((m) => m.examples > 0).length,
      methodsWithParsedBody: methods.filter((m) => m.parsedBodies > 0).length,
      diagnostics: sev,
    },
    methods,
    diagnostics: ir.diagnostics.map((d) => ({ at: `${d.file}:${d.line}`, severity: d.severity, message: d.message, ...(d.ruleId ? { ruleId: d.ruleId } : {}) })),
  };
}

export function formatReport(r: CoverageReport): string {
  const lines: string[] = [];
  lines.push('Pages', ...Object.entries(r.pages).map(([k, v]) => `  ${k.padEnd(10)} ${v}`));
  lines.push('Totals', ...Object.entries(r.totals).map(([k, v]) => `  ${k.padEnd(22)} ${typeof v === 'object' ? JSON.stringify(v) : v}`));
  lines.push('Methods (name, params, nested, result fields, error codes, examples/parsed bodies, diagnostics)');
  for (const m of r.methods) {
    lines.push(`  ${m.name}${m.apiVersion === 3 ? ' (v3)' : ''}  params=${m.params} nested=${m.nested} result=${m.result === 'documented' ? m.resultFields : '-'} errors=${m.errors} examples=${m.examples}/${m.parsedBodies} diagnostics=${m.diagnostics}`);
  }
  lines.push(`Diagnostics (${r.diagnostics.length})`);
  for (const d of r.diagnostics) lines.push(`  ${d.at} ${d.severity}: ${d.message}${d.ruleId ? ` [${d.ruleId}]` : ''}`);
  return lines.join('\n');
}
