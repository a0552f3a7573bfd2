/** The coverage report: what the extractor found per page class and per method, and every diagnostic. */
import type { IrDocument, IrEvent, IrField, IrMethod } from '../ir/types.js';
import type { PageClass, PageExtraction } from '../extract/page.js';
import { eventAuthFields, eventKey } from '../emit/events-file.js';
import { resultNames } from './result-names.js';
import type { ResponseCheck } from './response-check.js';

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
  events: EventCoverage;
  results: ResultsCoverage;
  diagnostics: Array<{ at: string; severity: string; message: string; ruleId?: string }>;
}

/** How complete and how true the result types are, measured on the docs' response examples. */
export interface ResultsCoverage {
  /** Field names the response examples show that the result types declare (result keys and one level below; `UF_*` left out). */
  names: NamesShare;
  namesByModule: Record<string, NamesShare>;
  methodsWithExample: number;
  methodsComplete: number;
  /** v2 results that stay open (`unknown`, an object without members): no table, no entity, no example describes them. */
  opaque: Array<{ method: string; docPath: string }>;
  /** The response examples that type-check against their `…Result` (only with `report --examples`: it runs tsc). */
  examples?: { cases: number; passed: number; share: number; byModule: Record<string, { cases: number; passed: number }>; failures: Array<{ method: string; docPath: string; line: number; error: string }> };
}

export function resultsCoverage(ir: IrDocument, responses?: ResponseCheck): ResultsCoverage {
  const n = resultNames(ir);
  const share = (x: { shown: number; declared: number }): NamesShare => ({ ...x, share: x.shown ? x.declared / x.shown : 1 });
  return {
    names: share(n),
    namesByModule: Object.fromEntries(Object.entries(n.modules).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, share(v)])),
    methodsWithExample: n.methods,
    methodsComplete: n.complete,
    opaque: n.opaque,
    ...(responses
      ? { examples: { cases: responses.cases, passed: responses.passed, share: responses.cases ? responses.passed / responses.cases : 1, byModule: responses.modules, failures: responses.failures.map(({ method, docPath, line, error }) => ({ method, docPath, line, error })) } }
      : {}),
  };
}

/** How many of the member names an event example shows its payload type declares. */
export interface NamesShare {
  shown: number;
  declared: number;
  share: number;
}

export interface EventCoverage {
  events: number;
  /** Events whose page shows at least one example payload that decodes, and their share. */
  withExamples: number;
  exampleShare: number;
  /** Field names shown in the example payloads that the payload types declare (all depths, `UF_*` left out). */
  namesShare: NamesShare;
  namesShareByModule: Record<string, NamesShare>;
  /** Events whose page documents no payload member (no table, no example). */
  emptyPayloads: Array<{ name: string; docPath: string }>;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The member paths an event's examples show (`data.FIELDS.ID`; arrays looked through; custom
 * `UF_*` fields left out) and which of them its payload declares. An example without the envelope
 * (`event`, `data`, `auth`) shows `data`. Every `auth` object is matched against the shared auth
 * type; the values of a map keyed by ids (`BOT: { "571": … }`) are walked, the ids not counted.
 */
export function eventExampleNames(e: IrEvent, auth: readonly IrField[]): { shown: Set<string>; declared: Set<string> } {
  const shown = new Set<string>();
  const declared = new Set<string>();
  const membersOf = (f: IrField): IrField[] => (/^auth$/i.test(f.name) ? [...auth, ...(f.fields ?? [])] : [...(f.fields ?? []), ...(f.variants ?? []).flatMap((v) => v.fields)]);
  const walk = (value: unknown, fields: readonly IrField[] | null, path: string, depth = 0) => {
    if (depth > 32) return;
    if (Array.isArray(value)) return value.forEach((item) => walk(item, fields, path, depth + 1));
    if (!isPlainObject(value)) return;
    for (const [key, v] of Object.entries(value)) {
      if (/^UF_/.test(key)) continue;
      const at = path ? `${path}.${key}` : key;
      shown.add(at);
      const f = fields?.find((x) => x.name === key) ?? fields?.find((x) => /^\{\w+\}$/.test(x.name));
      if (f) declared.add(at);
      // A map keyed by ids (`BOT: { "571": {…} }`): the ids are no names; each value has the members.
      if (f?.type.kind === 'map' && isPlainObject(v)) Object.entries(v).forEach(([id, x]) => walk(x, membersOf(f), `${at}.{${id}}`, depth + 1));
      else walk(v, f ? membersOf(f) : null, at, depth + 1);
    }
  };
  for (const ex of e.examples) {
    const enveloped = isPlainObject(ex.value) && ['event', 'data', 'auth'].some((k) => k in (ex.value as Record<string, unknown>));
    const data = e.payload.find((f) => f.name === 'data');
    if (enveloped) walk(ex.value, e.payload, '');
    else walk(ex.value, data ? membersOf(data) : [], 'data');
  }
  return { shown, declared };
}

export function eventCoverage(ir: IrDocument): EventCoverage {
  const auth = eventAuthFields(ir.events);
  const seen = new Set<string>();
  const events = ir.events.filter((e) => !seen.has(eventKey(e.name)) && seen.add(eventKey(e.name)));
  const total = { shown: 0, declared: 0 };
  const byModule: Record<string, { shown: number; declared: number }> = {};
  for (const e of events) {
    const { shown, declared } = eventExampleNames(e, auth);
    const mod = e.docPath.split('/')[1] ?? '';
    const m = (byModule[mod] ??= { shown: 0, declared: 0 });
    m.shown += shown.size;
    m.declared += declared.size;
    total.shown += shown.size;
    total.declared += declared.size;
  }
  const share = (x: { shown: number; declared: number }): NamesShare => ({ ...x, share: x.shown ? x.declared / x.shown : 1 });
  const withExamples = events.filter((e) => e.examples.length > 0).length;
  return {
    events: events.length,
    withExamples,
    exampleShare: events.length ? withExamples / events.length : 1,
    namesShare: share(total),
    namesShareByModule: Object.fromEntries(Object.entries(byModule).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, share(v)])),
    emptyPayloads: events.filter((e) => e.payload.length === 0).map((e) => ({ name: e.name, docPath: e.docPath })),
  };
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

export function coverageReport(ir: IrDocument, extractions: readonly PageExtraction[], responses?: ResponseCheck): CoverageReport {
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
    events: eventCoverage(ir),
    results: resultsCoverage(ir, responses),
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
  const ev = r.events;
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  lines.push(`Events: ${ev.events}; with an example payload ${ev.withExamples} (${pct(ev.exampleShare)}); example names the payload types declare ${ev.namesShare.declared}/${ev.namesShare.shown} (${pct(ev.namesShare.share)})`);
  for (const [mod, s] of Object.entries(ev.namesShareByModule)) lines.push(`  ${mod.padEnd(22)} names ${s.declared}/${s.shown} (${pct(s.share)})`);
  lines.push(`Empty event payloads (${ev.emptyPayloads.length})`, ...ev.emptyPayloads.map((e) => `  ${e.name} ${e.docPath}`));
  const rs = r.results;
  lines.push(`Results: example field names the result types declare ${rs.names.declared}/${rs.names.shown} (${pct(rs.names.share)}); methods with every name declared ${rs.methodsComplete}/${rs.methodsWithExample}`);
  if (rs.examples) lines.push(`  response examples that type-check ${rs.examples.passed}/${rs.examples.cases} (${pct(rs.examples.share)})`);
  for (const [mod, s] of Object.entries(rs.namesByModule)) {
    const ex = rs.examples?.byModule[mod];
    lines.push(`  ${mod.padEnd(22)} names ${s.declared}/${s.shown} (${pct(s.share)})${ex ? `; examples ${ex.passed}/${ex.cases}` : ''}`);
  }
  if (rs.examples) lines.push(`Response examples that do not type-check (${rs.examples.failures.length})`, ...rs.examples.failures.map((f) => `  ${f.docPath}:${f.line} ${f.method}: ${f.error.slice(0, 200)}`));
  lines.push(`Opaque results (${rs.opaque.length}): no table, entity or example describes them`, ...rs.opaque.map((o) => `  ${o.method} ${o.docPath}`));
  lines.push(`Diagnostics (${r.diagnostics.length})`);
  for (const d of r.diagnostics) lines.push(`  ${d.at} ${d.severity}: ${d.message}${d.ruleId ? ` [${d.ruleId}]` : ''}`);
  return lines.join('\n');
}
