/**
 * How complete the result types are: of the field names the docs' own response examples show
 * (the result's keys, and one level below for objects and lists; custom `UF_*` fields left out),
 * the share the result model declares (own members, entity members, documented name patterns).
 * Also the results that stay opaque (no table, no entity, no example to describe them).
 */
import type { IrDocument, IrEntity, IrField, IrMethod } from '../ir/types.js';
import { namePattern } from '../emit/type-text.js';
import { moduleOf } from '../ir/type-facts.js';

export interface NamesGap {
  method: string;
  docPath: string;
  /** `result.KEY` paths the example shows and the types do not declare. */
  missing: string[];
}

export interface NamesReport {
  shown: number;
  declared: number;
  methods: number;
  complete: number;
  modules: Record<string, { shown: number; declared: number }>;
  gaps: NamesGap[];
  /** Methods whose result stays opaque, and why. */
  opaque: Array<{ method: string; docPath: string }>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const custom = (k: string) => /^UF_/i.test(k) || /^uf[A-Z]/.test(k);

function patternMatcher(p: string): RegExp {
  // `` `UF_${string}` `` → /^UF_.*$/; `` `property${number}` `` → /^property\d+$/
  const body = p.slice(1, -1).replace(/[.*+?^${}()|[\]\\]/g, (c) => `\\${c}`).replace(/\\\$\\\{string\\\}/g, '.*').replace(/\\\$\\\{number\\\}/g, '\\d+');
  return new RegExp(`^${body}$`);
}

export class ResultModel {
  private readonly entities: Map<string, IrEntity>;
  constructor(ir: IrDocument) {
    this.entities = new Map(ir.entities.map((e) => [e.name, e]));
  }

  members(f: IrField): readonly IrField[] | null {
    if (f.type.kind === 'map') return f.fields ?? [];
    if (f.fields?.length) return f.fields;
    if (f.variants?.length) return f.variants.flatMap((v) => v.fields);
    if (f.entity) return this.entities.get(f.entity)?.fields ?? null;
    if (f.describes) return this.entities.get(f.describes)?.fields ?? null;
    return null;
  }

  /** Whether the members declare `key` (by name or by a documented pattern); a field-description map declares every key. */
  declares(f: IrField, members: readonly IrField[], key: string): IrField | true | undefined {
    // A field map and a map keyed by ids declare every key (the keys are names or ids, not members).
    if (f.describes || f.type.kind === 'map') return true;
    const exact = members.find((m) => m.name === key);
    if (exact) return exact;
    return members.some((m) => {
      const p = namePattern(m.name);
      return p !== null && patternMatcher(p).test(key);
    }) ? true : undefined;
  }

  opaque(f: IrField): boolean {
    if (this.members(f)) return false;
    const t = f.type;
    return t.kind === 'unknown' || t.kind === 'object' || (t.kind === 'array' && (t.items.kind === 'unknown' || t.items.kind === 'object'));
  }
}

/** Objects of a value: itself, or the items of a list, or the values of a numeric-keyed PHP list. */
function objectsOf(v: unknown): Record<string, unknown>[] {
  if (Array.isArray(v)) return v.filter(isObject);
  if (isObject(v)) {
    const keys = Object.keys(v);
    if (keys.length && keys.every((k) => /^\d+$/.test(k))) return Object.values(v).filter(isObject);
    return [v];
  }
  return [];
}

function methodNames(m: IrMethod, model: ResultModel): { shown: string[]; missing: string[] } {
  const shown: string[] = [];
  const missing: string[] = [];
  const row = m.result.fields.find((f) => f.name === 'result');
  const ex = m.responseExamples.find((e) => isObject(e.value) && e.value.result !== undefined);
  if (!ex || !isObject(ex.value)) return { shown, missing };
  const visit = (f: IrField | undefined, value: unknown, path: string, depth: number) => {
    const members = f ? model.members(f) : null;
    for (const obj of objectsOf(value)) {
      for (const [key, v] of Object.entries(obj)) {
        if (custom(key)) continue;
        const p = `${path}.${key}`;
        if (shown.includes(p)) continue;
        shown.push(p);
        const hit = f && members ? model.declares(f, members, key) : undefined;
        if (!hit) missing.push(p);
        if (depth < 1 && hit && hit !== true) visit(hit, v, p, depth + 1);
        else if (depth < 1 && !hit) visit(undefined, v, p, depth + 1);
      }
    }
  };
  visit(row, ex.value.result, 'result', 0);
  return { shown, missing };
}

export function resultNames(ir: IrDocument): NamesReport {
  const model = new ResultModel(ir);
  const report: NamesReport = { shown: 0, declared: 0, methods: 0, complete: 0, modules: {}, gaps: [], opaque: [] };
  for (const m of ir.methods) {
    if (m.apiVersion !== 2) continue;
    const row = m.result.fields.find((f) => f.name === 'result');
    if (!row || model.opaque(row)) report.opaque.push({ method: m.name, docPath: m.docPath });
    const { shown, missing } = methodNames(m, model);
    if (shown.length === 0) continue;
    report.methods++;
    if (missing.length === 0) report.complete++;
    else report.gaps.push({ method: m.name, docPath: m.docPath, missing });
    report.shown += shown.length;
    report.declared += shown.length - missing.length;
    const mod = (report.modules[moduleOf(m.docPath)] ??= { shown: 0, declared: 0 });
    mod.shown += shown.length;
    mod.declared += shown.length - missing.length;
  }
  return report;
}
