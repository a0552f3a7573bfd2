/**
 * The wire model: what the portal actually sends for each result member, decided from evidence.
 * 1. the page's own response examples (every example, every item of a list);
 * 2. else the module's convention: the same member name on other pages of the module;
 * 3. else nothing: a documented number then admits both a number and its numeric string.
 * Evidence is recorded on the field (`wire.evidence`), so the emitted TSDoc can say where it came from.
 */
import type { IrField, IrType, IrWire } from '../ir/types.js';
import { isJsonObject, isNumericKeyed } from './json-shape.js';
import { isNumeric } from '../ir/type-facts.js';

type Seen = 'numstr' | 'str' | 'empty' | 'num' | 'bool' | 'null' | 'emptyarr' | 'arr' | 'obj' | 'keyed';

const NUMERIC = /^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$/;

function seenOf(v: unknown): Seen {
  if (v === null) return 'null';
  if (typeof v === 'string') return v === '' ? 'empty' : NUMERIC.test(v.trim()) ? 'numstr' : 'str';
  if (typeof v === 'number') return 'num';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return v.length === 0 ? 'emptyarr' : 'arr';
  return isNumericKeyed(v as Record<string, unknown>) ? 'keyed' : 'obj';
}


/** The JSON kind a documented scalar type stands for (null: not a scalar, or several). */
function scalarKind(t: IrType): 'string' | 'number' | 'boolean' | null {
  if (t.kind === 'string' || (t.kind === 'alias' && t.base === 'string')) return 'string';
  if (t.kind === 'number' || (t.kind === 'alias' && t.base === 'number')) return 'number';
  if (t.kind === 'boolean') return 'boolean';
  if (t.kind === 'literal') return t.values.every((v) => typeof v === 'string') ? 'string' : t.values.every((v) => typeof v === 'number') ? 'number' : null;
  return null;
}

/** JSON kinds seen that the documented scalar does not admit as emitted (numbers admit numeric strings through `numbers`). */
function alsoSent(t: IrType, seen: Set<Seen>): IrWire['also'] {
  const out: NonNullable<IrWire['also']> = [];
  // An object documented, a scalar sent (`phones: false`, `edit: true`).
  if (holdsObject(t) || t.kind === 'array' || t.kind === 'unknown') {
    if (seen.has('bool')) out.push('boolean');
    if (seen.has('num')) out.push('number');
    if (seen.has('str') || seen.has('numstr')) out.push('string');
    return out.length ? out : undefined;
  }
  const kind = scalarKind(t);
  if (!kind) return undefined;
  if (kind !== 'number' && seen.has('num')) out.push('number');
  if (kind === 'number' && (seen.has('str') || seen.has('empty'))) out.push('string');
  if (kind === 'boolean' && (seen.has('numstr') || seen.has('str'))) out.push('string');
  if (kind !== 'boolean' && seen.has('bool')) out.push('boolean');
  return out.length ? out : undefined;
}

const holdsObject = (t: IrType): boolean => t.kind === 'object' || t.kind === 'map' || (t.kind === 'union' && t.of.some(holdsObject));

export type MembersOf = (f: IrField) => readonly IrField[] | undefined;

/** Observations per field (by identity) and per `module:name`. */
export class WireEvidence {
  private readonly own = new Map<IrField, Set<Seen>>();
  private readonly byName = new Map<string, Set<Seen>>();
  /** Scalar values seen per field (bounded): to tell listed values that the wire does not keep to. */
  private readonly values = new Map<IrField, Set<string | number | boolean>>();
  /** Fields judged by their own examples only (a method's `result` row: its name says nothing across pages). */
  private readonly ownOnly = new Set<IrField>();

  constructor(private readonly membersOf: MembersOf) {}

  /** Pairs the fields with an example object (and its members, and the items of lists) and records what each shows. */
  observe(fields: readonly IrField[], value: unknown, module: string, depth = 0): void {
    if (!isJsonObject(value) || depth > 8) return;
    for (const f of fields) {
      if (!Object.hasOwn(value, f.name)) continue;
      this.observeValue(f, value[f.name], module, depth);
    }
  }

  observeValue(f: IrField, v: unknown, module: string, depth = 0, shared = true): void {
    const seen = seenOf(v);
    add(this.own, f, seen);
    if (f.values?.length && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) {
      const set = this.values.get(f) ?? this.values.set(f, new Set()).get(f)!;
      if (set.size < 64) set.add(v);
    }
    if (shared) add(this.byName, `${module}:${f.name}`, seen);
    else this.ownOnly.add(f);
    const members = this.membersOf(f);
    if (!members?.length) return;
    if (Array.isArray(v)) for (const item of v) this.observe(members, item, module, depth + 1);
    else if (isJsonObject(v)) {
      if (isNumericKeyed(v) && (f.type.kind === 'array' || f.type.kind === 'map' || !members.some((m) => Object.hasOwn(v, m.name)))) for (const item of Object.values(v)) this.observeItem(members, item, module, depth + 1);
      else this.observe(members, v, module, depth + 1);
    }
  }

  private observeItem(members: readonly IrField[], item: unknown, module: string, depth: number): void {
    if (Array.isArray(item)) for (const x of item) this.observe(members, x, module, depth);
    else this.observe(members, item, module, depth);
  }

  /** The wire of a field, or undefined where it is exactly the documented type with no evidence to tell. */
  decide(f: IrField, module: string): IrWire | undefined {
    const own = this.own.get(f);
    const named = this.ownOnly.has(f) ? undefined : this.byName.get(`${module}:${f.name}`);
    const numeric = isNumeric(f.type);
    const wire: IrWire = { evidence: 'none' };
    const numbers = (s: Set<Seen> | undefined): IrWire['numbers'] | undefined => {
      if (!s) return undefined;
      const str = s.has('numstr');
      const num = s.has('num');
      return str && num ? 'either' : str ? 'string' : num ? 'number' : undefined;
    };
    if (numeric) {
      const fromOwn = numbers(own);
      const fromModule = fromOwn ? undefined : numbers(named);
      wire.numbers = fromOwn ?? fromModule ?? 'either';
      wire.evidence = fromOwn ? 'example' : fromModule ? 'module' : 'none';
    }
    const nullable = own?.has('null') ? 'example' : named?.has('null') ? 'module' : undefined;
    if (nullable) wire.nullable = true;
    const emptyArray = (own?.has('emptyarr') ? 'example' : named?.has('emptyarr') ? 'module' : undefined);
    if (emptyArray && (holdsObject(f.type) || f.entity || f.describes)) wire.emptyArray = true;
    const seen = own ?? named ?? new Set<Seen>();
    const also = alsoSent(f.type, seen);
    // A boolean emitted as its documented `Y`/`N` values that the wire sends as `true`/`false` too.
    if (f.type.kind === 'boolean' && f.values?.length && seen.has('bool')) (wire.also ??= []).push('boolean');
    // Listed values the example does not keep to (`LID: "de"` where the docs list other words): the list is not closed.
    const listed = new Set(f.values?.map((x) => String(x.value)));
    const outside = [...(this.values.get(f) ?? [])].filter((x) => typeof x !== 'boolean' && x !== '' && !listed.has(String(x)));
    if (outside.length && f.values?.length) wire.openValues = true;
    const members = this.membersOf(f);
    if (members?.length && seen.has('keyed') && f.type.kind !== 'map') wire.keyed = true;
    if ((f.type.kind === 'literal' || f.values?.length) && seen.has('empty')) wire.emptyString = true;
    if ((wire.keyed || wire.emptyString || wire.also || wire.openValues) && wire.evidence === 'none') wire.evidence = own ? 'example' : 'module';
    if (also) {
      wire.also = [...(wire.also ?? []), ...also];
      if (wire.evidence === 'none') wire.evidence = own ? 'example' : 'module';
    }
    if (wire.evidence === 'none') {
      const strongest = [nullable, wire.emptyArray ? emptyArray : undefined];
      wire.evidence = strongest.includes('example') ? 'example' : strongest.includes('module') ? 'module' : 'none';
    }
    if (!numeric && !wire.nullable && !wire.emptyArray && !wire.also && !wire.keyed && !wire.emptyString && !wire.openValues) return undefined;
    return wire;
  }
}

function add<K>(map: Map<K, Set<Seen>>, key: K, seen: Seen): void {
  const s = map.get(key);
  if (s) s.add(seen);
  else map.set(key, new Set([seen]));
}

/** Sets `wire` on the fields and their own members (entity members are decided once, with their entity). */
export function applyWire(fields: readonly IrField[], evidence: WireEvidence, module: string, depth = 0): IrField[] {
  return fields.map((f) => {
    const wire = evidence.decide(f, module);
    const members = f.fields && depth < 12 ? applyWire(f.fields, evidence, module, depth + 1) : undefined;
    const variants = f.variants?.map((v) => ({ ...v, fields: applyWire(v.fields, evidence, module, depth + 1) }));
    return { ...f, ...(wire ? { wire } : {}), ...(members ? { fields: members } : {}), ...(variants ? { variants } : {}) };
  });
}
