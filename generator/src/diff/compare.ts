/**
 * IR × IR → the list of API changes between two docs versions. Pure and deterministic: no
 * classification here (see classify.ts), only what changed, in a stable order.
 *
 * Identity: a method is `apiVersion` + its name compared case-insensitively, so
 * `crm.foo.getlist` → `crm.foo.getList` is a rename; a method whose name changed but whose page
 * (docPath) stayed is a rename too; a rename that changes only the letter case is its own kind
 * (`method-case-renamed`: the wire is unchanged, Bitrix24 resolves names case-insensitively).
 * Events likewise (by name, then by page).
 *
 * Every change says where it is written on each side (`fromAt`, `toAt`: docs-relative file and
 * line): the field's row, the error's row, else the page's H1; the side where the item does not
 * exist points at its parent (the method page for a method-level change).
 */
import { fieldRef, locatedIn, type SourceRef } from '../ir/source-ref.js';
import { moduleOf } from '../ir/type-facts.js';
import type { IrDocument, IrError, IrEvent, IrField, IrMethod, IrMethodAlias, IrType } from '../ir/types.js';

/** Where a field sits: a request parameter, a member of the result, a member of an event's payload. */
export type FieldLocation = 'param' | 'result' | 'payload';

export type ChangeKind =
  | 'method-added'
  | 'method-removed'
  | 'method-renamed'
  /** Only the letter case of the name changed (`disk.file.copyto` → `disk.file.copyTo`). */
  | 'method-case-renamed'
  | 'method-deprecated'
  | 'method-undeprecated'
  | 'event-added'
  | 'event-removed'
  | 'event-renamed'
  | 'event-deprecated'
  | 'event-undeprecated'
  | 'field-added'
  | 'field-removed'
  /** optional → required */
  | 'field-required'
  /** required → optional */
  | 'field-optional'
  /** The normalised `type` changed. */
  | 'field-type-changed'
  /** Only the documented type text (`docType`) changed; the normalised type is the same. */
  | 'field-doctype-changed'
  | 'field-value-added'
  | 'field-value-removed'
  | 'error-added'
  | 'error-removed';

export interface Change {
  kind: ChangeKind;
  subject: 'method' | 'event';
  /** Name of the method or event on the `to` side (the `from` side for removals). */
  name: string;
  /** Methods only. */
  apiVersion?: 2 | 3;
  /** The old name, for renames. */
  previousName?: string;
  /** Field changes. */
  location?: FieldLocation;
  /** Dotted path of the field: `FILTER.NAME`, `result.items[].ID`. */
  path?: string;
  /** field-added: whether the new field is required. */
  required?: boolean;
  /** Type changes: old and new, as text (`docType` for doctype changes, the normalised type otherwise). */
  from?: string;
  to?: string;
  /** field-type-changed: whether every old value is still accepted by the new type (old ⊆ new). */
  widened?: boolean;
  /** field-type-changed: whether every new value was accepted by the old type (new ⊆ old). */
  narrowed?: boolean;
  /** Value changes. */
  value?: string | number;
  /** Value changes: whether the emitted type of the field is a closed literal union of its values. */
  closedUnion?: boolean;
  /** Error changes. */
  code?: string;
  /** method-case-renamed: the old name is kept as a `@deprecated` alias (`docs-input/method-aliases.json`). */
  aliased?: boolean;
  /** Docs module of the method or event page (`crm`, `tasks`). */
  module?: string;
  /** Where the change is written on the `from` side (absent for additions of a method or event). */
  fromAt?: SourceRef;
  /** Where it is written on the `to` side (absent for removals of a method or event). */
  toAt?: SourceRef;
}

const keyOf = (m: { name: string; apiVersion?: number }) => `${m.apiVersion ?? 0}:${m.name.toLowerCase()}`;

/** Pairs items of both sides: same key first, then same docPath; the rest are added or removed. */
function pair<T extends { name: string; docPath: string; apiVersion?: number }>(from: readonly T[], to: readonly T[]) {
  const pairs: Array<[T, T]> = [];
  const toByKey = new Map<string, T>();
  for (const t of to) if (!toByKey.has(keyOf(t))) toByKey.set(keyOf(t), t);
  const matchedTo = new Set<T>();
  const unmatchedFrom: T[] = [];
  for (const f of from) {
    const t = toByKey.get(keyOf(f));
    if (t && !matchedTo.has(t)) {
      pairs.push([f, t]);
      matchedTo.add(t);
    } else unmatchedFrom.push(f);
  }
  const removed: T[] = [];
  for (const f of unmatchedFrom) {
    const t = to.find((x) => !matchedTo.has(x) && x.docPath === f.docPath && (x.apiVersion ?? 0) === (f.apiVersion ?? 0));
    if (t) {
      pairs.push([f, t]);
      matchedTo.add(t);
    } else removed.push(f);
  }
  const added = to.filter((t) => !matchedTo.has(t));
  return { pairs, added, removed };
}

export function typeText(t: IrType): string {
  switch (t.kind) {
    case 'alias':
      return `${t.name} (${t.base})`;
    case 'literal':
      return t.values.map((v) => JSON.stringify(v)).join(' | ');
    case 'array':
      return `${t.items.kind === 'union' ? `(${typeText(t.items)})` : typeText(t.items)}[]`;
    case 'union':
      return t.of.map(typeText).join(' | ');
    case 'map':
      return `map of ${typeText(t.values)}`;
    default:
      return t.kind;
  }
}

/** Whether every value of `a` is a value of `b` (a conservative structural check). */
export function isSubtype(a: IrType, b: IrType): boolean {
  if (b.kind === 'unknown') return true;
  if (a.kind === 'union') return a.of.every((x) => isSubtype(x, b));
  if (b.kind === 'union') return b.of.some((x) => isSubtype(a, x));
  switch (a.kind) {
    case 'alias':
      return (b.kind === 'alias' && b.name === a.name) || b.kind === a.base;
    case 'literal':
      if (b.kind === 'literal') return a.values.every((v) => b.values.includes(v));
      if (b.kind === 'string' || b.kind === 'number') return a.values.every((v) => typeof v === b.kind);
      return false;
    case 'array':
      return b.kind === 'array' && isSubtype(a.items, b.items);
    default:
      return a.kind === b.kind;
  }
}

/** Mirrors the emitter: documented values become a literal union when they fit the field's type. */
export function isClosedUnion(field: IrField): boolean {
  const values = field.values ?? [];
  if (values.length === 0) return false;
  const t = field.type;
  if (t.kind === 'boolean') return values.every((v) => v.value === 'Y' || v.value === 'N');
  const stringish = t.kind === 'string' || (t.kind === 'alias' && t.base === 'string');
  const numeric = t.kind === 'number' || (t.kind === 'alias' && t.base === 'number');
  return (stringish && values.every((v) => typeof v.value === 'string')) || (numeric && values.every((v) => typeof v.value === 'number'));
}

const sameType = (a: IrType, b: IrType) => JSON.stringify(a) === JSON.stringify(b);

function childPath(path: string, field: IrField): string {
  return field.type.kind === 'array' ? `${path}[]` : path;
}

/** The pages holding the field lists (for rows without a file of their own) and the parent's location on each side. */
export interface FieldPlaces {
  fromPage: string;
  toPage: string;
  fromAt: SourceRef;
  toAt: SourceRef;
}

const NOWHERE: FieldPlaces = { fromPage: '', toPage: '', fromAt: { path: '', line: 0 }, toAt: { path: '', line: 0 } };

/** Field-list changes, recursively through `fields`. */
export function compareFields(from: readonly IrField[], to: readonly IrField[], base: Omit<Change, 'kind'>, prefix = '', places: FieldPlaces = NOWHERE): Change[] {
  const out: Change[] = [];
  const byName = (list: readonly IrField[]) => {
    const m = new Map<string, IrField>();
    for (const f of list) if (!m.has(f.name)) m.set(f.name, f);
    return m;
  };
  const a = byName(from);
  const b = byName(to);
  const at = (f: IrField) => (prefix ? `${prefix}.${f.name}` : f.name);
  const fromRef = (f: IrField) => fieldRef(f, places.fromPage, places.fromAt);
  const toRef = (t: IrField) => fieldRef(t, places.toPage, places.toAt);
  for (const [name, f] of a) if (!b.has(name)) out.push({ ...base, kind: 'field-removed', path: at(f), fromAt: fromRef(f), toAt: places.toAt });
  for (const [name, t] of b) {
    const f = a.get(name);
    const path = at(t);
    if (!f) {
      out.push({ ...base, kind: 'field-added', path, required: t.required, fromAt: places.fromAt, toAt: toRef(t) });
      continue;
    }
    const here = { ...base, fromAt: fromRef(f), toAt: toRef(t) };
    if (f.required !== t.required) out.push({ ...here, kind: t.required ? 'field-required' : 'field-optional', path });
    if (!sameType(f.type, t.type)) {
      out.push({ ...here, kind: 'field-type-changed', path, from: typeText(f.type), to: typeText(t.type), widened: isSubtype(f.type, t.type), narrowed: isSubtype(t.type, f.type) });
    } else if (f.docType !== t.docType) {
      out.push({ ...here, kind: 'field-doctype-changed', path, from: f.docType, to: t.docType });
    }
    const fv = new Set((f.values ?? []).map((v) => v.value));
    const tv = new Set((t.values ?? []).map((v) => v.value));
    for (const v of fv) if (!tv.has(v)) out.push({ ...here, kind: 'field-value-removed', path, value: v, closedUnion: isClosedUnion(t) || isClosedUnion(f) });
    for (const v of tv) if (!fv.has(v)) out.push({ ...here, kind: 'field-value-added', path, value: v, closedUnion: isClosedUnion(t) });
    out.push(...compareFields(f.fields ?? [], t.fields ?? [], base, childPath(path, t), { ...places, fromAt: here.fromAt, toAt: here.toAt }));
  }
  return out;
}

/** Each documented code with the first row that documents it. */
function codes(errors: readonly IrError[]): Map<string, IrError> {
  const out = new Map<string, IrError>();
  for (const e of errors) if (e.code !== null && !out.has(e.code)) out.set(e.code, e);
  return out;
}

function errorRef(e: IrError, page: string, fallback: SourceRef): SourceRef {
  return e.line !== undefined ? { path: e.file ?? page, line: e.line } : fallback;
}

/** The H1 of a method or event page. */
export function pageRef(item: { docPath: string; line?: number }): SourceRef {
  return { path: item.docPath, line: item.line ?? 1 };
}

function deprecationChange(from: IrMethod | IrEvent, to: IrMethod | IrEvent, base: Omit<Change, 'kind'>, subject: 'method' | 'event'): Change[] {
  if (!from.deprecated && to.deprecated) return [{ ...base, kind: `${subject}-deprecated`, ...(to.deprecated.replacement ? { to: to.deprecated.replacement } : {}) }];
  if (from.deprecated && !to.deprecated) return [{ ...base, kind: `${subject}-undeprecated` }];
  return [];
}

/** Entity members inlined where a field names its entity (depth-limited: entities may refer to each other). */
export type EntityLookup = (name: string) => readonly IrField[] | undefined;

function expandEntities(fields: readonly IrField[], lookup: EntityLookup | undefined, depth = 0): IrField[] {
  if (!lookup) return [...fields];
  return fields.map((f) => {
    const own = f.fields?.length ? expandEntities(f.fields, lookup, depth) : undefined;
    const linked = !own && f.entity && depth < 3 ? lookup(f.entity) : undefined;
    const members = own ?? (linked ? expandEntities(linked, lookup, depth + 1) : undefined);
    return members ? { ...f, fields: members } : f;
  });
}

function placesOf(from: { docPath: string; line?: number }, to: { docPath: string; line?: number }): FieldPlaces {
  return { fromPage: from.docPath, toPage: to.docPath, fromAt: pageRef(from), toAt: pageRef(to) };
}

/** Whether a case-only rename of `from` to `to` is kept as an alias by the `to` side's generator input. */
const aliasedIn = (aliases: readonly IrMethodAlias[] | undefined, from: string, to: string) => (aliases ?? []).some((a) => a.from === from && a.to === to);

export function compareMethod(from: IrMethod, to: IrMethod, entities?: { from?: EntityLookup; to?: EntityLookup }, aliases?: readonly IrMethodAlias[]): Change[] {
  const places = placesOf(from, to);
  const base: Omit<Change, 'kind'> = { subject: 'method', name: to.name, apiVersion: to.apiVersion, module: moduleOf(to.docPath), fromAt: places.fromAt, toAt: places.toAt };
  const out: Change[] = [];
  if (from.name !== to.name) {
    if (from.name.toLowerCase() === to.name.toLowerCase()) out.push({ ...base, kind: 'method-case-renamed', previousName: from.name, aliased: aliasedIn(aliases, from.name, to.name) });
    else out.push({ ...base, kind: 'method-renamed', previousName: from.name });
  }
  out.push(...deprecationChange(from, to, base, 'method'));
  out.push(...compareFields(from.params, to.params, { ...base, location: 'param' }, '', places));
  // A member's entity is part of its result: a field the entity gains or loses changes this method's result.
  out.push(...compareFields(expandEntities(from.result.fields, entities?.from), expandEntities(to.result.fields, entities?.to), { ...base, location: 'result' }, '', places));
  const a = codes(from.errors);
  const b = codes(to.errors);
  for (const [c, e] of a) if (!b.has(c)) out.push({ ...base, kind: 'error-removed', code: c, fromAt: errorRef(e, from.docPath, places.fromAt) });
  for (const [c, e] of b) if (!a.has(c)) out.push({ ...base, kind: 'error-added', code: c, toAt: errorRef(e, to.docPath, places.toAt) });
  return out;
}

export function compareEvent(from: IrEvent, to: IrEvent): Change[] {
  const places = placesOf(from, to);
  const base: Omit<Change, 'kind'> = { subject: 'event', name: to.name, module: moduleOf(to.docPath), fromAt: places.fromAt, toAt: places.toAt };
  const out: Change[] = [];
  if (from.name !== to.name) out.push({ ...base, kind: 'event-renamed', previousName: from.name });
  out.push(...deprecationChange(from, to, base, 'event'));
  out.push(...compareFields(from.payload, to.payload, { ...base, location: 'payload' }, '', places));
  return out;
}

const byIdentity = (a: Change, b: Change) => {
  const ka = `${a.subject}\0${a.name}\0${a.apiVersion ?? 0}`;
  const kb = `${b.subject}\0${b.name}\0${b.apiVersion ?? 0}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

/** Every change from `from` to `to`: grouped by method / event (sorted), in a fixed order within each. */
export function compareIr(
  from: Pick<IrDocument, 'methods' | 'events'> & Partial<Pick<IrDocument, 'entities'>>,
  to: Pick<IrDocument, 'methods' | 'events'> & Partial<Pick<IrDocument, 'entities' | 'methodAliases'>>,
): Change[] {
  const lookup = (doc: Partial<Pick<IrDocument, 'entities'>>): EntityLookup | undefined => {
    if (!doc.entities) return undefined;
    // Entity members are written on the entity's page: their rows name it.
    const map = new Map(doc.entities.map((e) => [e.name, e.fields.map((f) => locatedIn(f, e.source.split('#')[0]!))]));
    return (name) => map.get(name);
  };
  const entities = { from: lookup(from), to: lookup(to) };
  const out: Change[] = [];
  const m = pair(from.methods, to.methods);
  for (const t of m.added) out.push({ kind: 'method-added', subject: 'method', name: t.name, apiVersion: t.apiVersion, module: moduleOf(t.docPath), toAt: pageRef(t) });
  for (const f of m.removed) out.push({ kind: 'method-removed', subject: 'method', name: f.name, apiVersion: f.apiVersion, module: moduleOf(f.docPath), fromAt: pageRef(f) });
  for (const [f, t] of m.pairs) out.push(...compareMethod(f, t, entities, to.methodAliases));
  const e = pair(from.events, to.events);
  for (const t of e.added) out.push({ kind: 'event-added', subject: 'event', name: t.name, module: moduleOf(t.docPath), toAt: pageRef(t) });
  for (const f of e.removed) out.push({ kind: 'event-removed', subject: 'event', name: f.name, module: moduleOf(f.docPath), fromAt: pageRef(f) });
  for (const [f, t] of e.pairs) out.push(...compareEvent(f, t));
  // Stable sort: the per-item order above (rename, deprecation, params, result, errors) is kept.
  return out.sort(byIdentity);
}
