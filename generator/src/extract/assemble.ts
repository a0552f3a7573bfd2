/** Pages → one IR document: stable order, duplicates reported, deprecation replacements resolved. */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { IR_SCHEMA_VERSION, type IrDocument, type IrError, type IrField, type IrMethod, type IrMethodAlias, type IrSource, type IrType } from '../ir/types.js';
import type { PageExtraction } from './page.js';
import { collectEntities, familyEntities, linkEntities } from './entities.js';
import { applyWire, WireEvidence } from './wire.js';
import { moduleOf } from '../ir/type-facts.js';
import { locatedIn } from '../ir/source-ref.js';
import { membersOf, shapeResult } from './result-shape.js';
import type { IrEntity, IrEvent } from '../ir/types.js';
import type { TypeBase, TypeDef } from './type-dictionary.js';

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => byString(a.file, b.file) || a.line - b.line || byString(a.message, b.message));
}

/**
 * Gives every alias the base type its data-types page defines (`sale_status`: "Character identifier"
 * → string); `x.id` follows `x` when `x` is itself an identifier type.
 */
function aliasRetyper(defs: readonly TypeDef[]) {
  const byName = new Map<string, TypeBase>();
  for (const d of defs) if (!byName.has(d.name.toLowerCase())) byName.set(d.name.toLowerCase(), d.base);
  const retypeType = (t: IrType): IrType => {
    if (t.kind === 'array') return { ...t, items: retypeType(t.items) };
    if (t.kind === 'union') return { ...t, of: t.of.map(retypeType) };
    if (t.kind !== 'alias') return t;
    const lower = t.name.toLowerCase();
    const owner = /^(.+)\.(id|code)$/.exec(lower);
    const base = byName.get(lower) ?? (owner && byName.get(owner[1]!) !== 'object' ? byName.get(owner[1]!) : undefined);
    // Only string ↔ number: the docs also call an entity's id by the entity (`crm_currency` for a currency code).
    return base && base !== 'object' && base !== t.base ? { ...t, base } : t;
  };
  const field = (f: IrField): IrField => ({ ...f, type: retypeType(f.type), ...(f.fields ? { fields: f.fields.map(field) } : {}) });
  return {
    field,
    method(m: IrMethod): void {
      m.params = m.params.map(field);
      if (m.paramSets) m.paramSets = m.paramSets.map((s) => ({ ...s, params: s.params.map(field) }));
      m.result = { ...m.result, fields: m.result.fields.map(field) };
    },
  };
}

/**
 * Result members typed by an object of another page (`[`deal[]`](crm-deal-get.md#deal)`) get that
 * object's members; the reference stays in `ref`. Depth-limited: objects may refer to each other.
 */
function refResolver(pages: readonly PageExtraction[]) {
  const index = new Map<string, IrField[]>();
  // The members keep the page they are written on (`file`): their lines are lines of that page.
  for (const p of pages) for (const [id, fields] of Object.entries(p.anchors ?? {})) index.set(`${p.docPath}#${id}`, fields.map((f) => locatedIn(f, p.docPath)));
  const resolve = (f: IrField, depth = 0): IrField => {
    const target = f.ref && !f.fields?.length && !f.entity && depth < 3 ? index.get(f.ref) : undefined;
    const fields = target ? target.map((x) => resolve(x, depth + 1)) : f.fields?.map((x) => resolve(x, depth));
    if (!target) return fields ? { ...f, fields } : f;
    const type: IrType = f.type.kind === 'array' ? { kind: 'array', items: { kind: 'object' } } : { kind: 'object' };
    return { ...f, type, fields: fields! };
  };
  return resolve;
}

/**
 * Decides the wire of every result member (and of every entity member) from all the response
 * examples: each method's own examples, then the module's other pages (see wire.ts).
 */
function wireModel(methods: IrMethod[], entities: IrEntity[], time: IrField[], events: IrEvent[]): { entities: IrEntity[]; time: IrField[] } {
  const byName = new Map(entities.map((e) => [e.name, e]));
  const evidence = new WireEvidence((f) => membersOf(f, (n) => byName.get(n)?.fields));
  for (const m of methods) {
    const row = m.result.fields.find((f) => f.name === 'result');
    if (!row) continue;
    for (const ex of m.responseExamples) if (typeof ex.value === 'object' && ex.value && 'result' in ex.value) evidence.observeValue(row, (ex.value as { result: unknown }).result, moduleOf(m.docPath), 0, false);
  }
  // The `time` object every response carries: observed on every example.
  for (const m of methods) for (const ex of m.responseExamples) evidence.observe(time, (ex.value as { time?: unknown }).time, 'protocol');
  // Event payloads: the example is the whole POST (`event`, `data`, `ts`, `auth`), or only its `data`.
  const eventsModule = (e: IrEvent) => `events:${moduleOf(e.docPath)}`;
  for (const e of events) {
    const data = e.payload.find((f) => f.name === 'data');
    for (const ex of e.examples) {
      const v = ex.value;
      const enveloped = typeof v === 'object' && v !== null && !Array.isArray(v) && ['event', 'data', 'auth'].some((k) => k in v);
      if (enveloped) evidence.observe(e.payload, v, eventsModule(e));
      else if (data) evidence.observeValue(data, v, eventsModule(e));
    }
  }
  for (const e of events) e.payload = applyWire(e.payload, evidence, eventsModule(e));
  for (const m of methods) m.result = { ...m.result, fields: applyWire(m.result.fields, evidence, moduleOf(m.docPath)) };
  return { entities: entities.map((e) => ({ ...e, fields: applyWire(e.fields, evidence, moduleOf(e.source)) })), time: applyWire(time, evidence, 'protocol') };
}

export interface AssembleInput {
  pages: PageExtraction[];
  systemErrors: IrError[];
  source: IrSource;
  generatorVersion: string;
  /** Diagnostics from stages before extraction (parsing, includes). */
  diagnostics: Diagnostic[];
  /** Old method name → new name (`docs-input/method-aliases.json`). */
  methodAliases?: Readonly<Record<string, string>>;
}

const ALIASES_FILE = 'docs-input/method-aliases.json';

/**
 * The aliases the package keeps: those whose new name is a method and whose old name is none;
 * the others are reported (a stale entry, or the old name documented again).
 */
function methodAliases(aliases: Readonly<Record<string, string>>, methods: readonly IrMethod[], diagnostics: Diagnostic[]): IrMethodAlias[] {
  const names = new Set(methods.map((m) => m.name));
  const out: IrMethodAlias[] = [];
  for (const from of Object.keys(aliases).sort(byString)) {
    const to = aliases[from]!;
    if (names.has(from)) diagnostics.push({ file: ALIASES_FILE, line: 0, severity: 'info', message: `method alias ${from} → ${to}: ${from} is a documented method again; no alias emitted`, ruleId: 'method-alias' });
    else if (!names.has(to)) diagnostics.push({ file: ALIASES_FILE, line: 0, severity: 'info', message: `method alias ${from} → ${to}: no method ${to} in the docs; no alias emitted`, ruleId: 'method-alias' });
    else out.push({ from, to });
  }
  return out;
}

export function assembleIr(input: AssembleInput): IrDocument {
  const diagnostics = [...input.diagnostics];
  const pages = [...input.pages].sort((a, b) => byString(a.docPath, b.docPath));
  const retype = aliasRetyper(pages.flatMap((p) => p.typeDefs ?? []));
  const resolveRefs = refResolver(pages);
  const entities = collectEntities(pages, diagnostics);
  const entityFields = (name: string) => entities.byName.get(name)?.fields;
  const nameByDoc = new Map<string, string>();
  for (const p of pages) if (p.method) nameByDoc.set(p.docPath, p.method.name);
  const methods = new Map<string, NonNullable<PageExtraction['method']>>();
  const events = new Map<string, NonNullable<PageExtraction['event']>>();
  for (const p of pages) {
    diagnostics.push(...p.diagnostics);
    const replacement = p.replacementDoc ? nameByDoc.get(p.replacementDoc) : undefined;
    if (p.method) {
      const m = p.method;
      m.result = { ...m.result, fields: linkEntities(m.result.fields, entities).map((f) => resolveRefs(f)) };
      m.result = shapeResult(m, { entityFields, familyEntities: (name) => familyEntities(entities, name), diagnostics });
      retype.method(m);
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
      e.payload = e.payload.map(retype.field);
      if (e.deprecated && replacement) e.deprecated = { replacement };
      // Keyed as the portal sends the name (upper case): two spellings of one event are one event.
      const key = e.name.toUpperCase();
      if (events.has(key)) {
        diagnostics.push({ file: p.docPath, line: 1, severity: 'warning', message: `event ${e.name} is also documented by ${events.get(key)!.docPath}; that page is kept`, ruleId: 'event-duplicate' });
        continue;
      }
      events.set(key, e);
    }
  }
  const entityList = [...entities.byName.values()].map((e) => ({ ...e, fields: linkEntities(e.fields, entities).map((f) => retype.field(resolveRefs(f))) }));
  const wired = wireModel([...methods.values()], entityList, pages.find((p) => p.timeFields)?.timeFields ?? [], [...events.values()]);
  const aliases = methodAliases(input.methodAliases ?? {}, [...methods.values()], diagnostics);
  return {
    schemaVersion: IR_SCHEMA_VERSION,
    generatorVersion: input.generatorVersion,
    source: input.source,
    methods: [...methods.values()].sort((a, b) => byString(a.name, b.name) || a.apiVersion - b.apiVersion),
    events: [...events.values()].sort((a, b) => byString(a.name, b.name)),
    systemErrors: input.systemErrors,
    protocol: { time: wired.time },
    entities: wired.entities.sort((a, b) => byString(a.name, b.name)),
    methodAliases: aliases,
    diagnostics: sortDiagnostics(diagnostics),
  };
}
