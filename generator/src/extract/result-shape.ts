/**
 * The response example decides the level and the shape of a result: where it contradicts the
 * returned-data table (a list where the table says `boolean`, the members one level down under
 * `booking`, `tasks` a list of objects), the example wins and a diagnostic names both. Where no
 * table describes an object but the example shows it, its shape is inferred (marked `inferred`).
 * Names and documented types always come from the tables: the example never renames a field.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { IrField, IrMethod, IrType } from '../ir/types.js';
import { irTypeOf } from './doc-type.js';
import { FIELDS_METHOD } from './entity-page.js';
import { inferField, inferMembers, isJsonObject, isNumericKeyed } from './json-shape.js';

export interface ShapeContext {
  /** Members of a named entity. */
  entityFields: (name: string) => readonly IrField[] | undefined;
  /** Entities that a method's family may return (`crm.company` for `crm.company.get`), best first. */
  familyEntities: (method: string) => string[];
  method: IrMethod;
  diagnostics: Diagnostic[];
  line: number;
}

/** Share of `keys` that are names of `fields` (case-sensitive, as the portal sends them). */
export function overlap(fields: readonly IrField[], keys: readonly string[]): number {
  if (keys.length === 0) return 0;
  const names = new Set(fields.map((f) => f.name));
  return keys.filter((k) => names.has(k)).length / keys.length;
}

export function membersOf(f: IrField, entityFields: ShapeContext['entityFields']): readonly IrField[] | undefined {
  if (f.fields?.length) return f.fields;
  if (f.entity) return entityFields(f.entity);
  return undefined;
}

const holdsMembers = (f: IrField) => f.type.kind === 'object' || f.type.kind === 'unknown' || f.type.kind === 'map' || (f.type.kind === 'array' && ['object', 'unknown', 'array'].includes(f.type.items.kind));
const isScalar = (f: IrField) => ['string', 'number', 'boolean', 'literal', 'alias', 'null'].includes(f.type.kind);

const keyedByIdValue = (v: unknown) => isJsonObject(v) && isNumericKeyed(v);

/** Keys of the objects of a value (an object, or the items of a list). */
function sampleObjects(v: unknown): Record<string, unknown>[] {
  if (Array.isArray(v)) return v.filter(isJsonObject);
  if (isJsonObject(v)) return isNumericKeyed(v) ? Object.values(v).filter(isJsonObject) : [v];
  return [];
}

function note(ctx: ShapeContext, path: string, message: string): void {
  ctx.diagnostics.push({ file: ctx.method.docPath, line: ctx.line, severity: 'info', message: `${ctx.method.name} ${path}: ${message}`, ruleId: 'result-shape' });
}

/** An entity of the method's family whose fields name at least half of the example's keys. */
function familyEntity(samples: readonly Record<string, unknown>[], ctx: ShapeContext): string | undefined {
  const keys = [...new Set(samples.flatMap((s) => Object.keys(s)))].filter((k) => !/^UF_/i.test(k));
  if (keys.length < 3) return undefined;
  return ctx.familyEntities(ctx.method.name).find((e) => overlap(ctx.entityFields(e) ?? [], keys) >= 0.5);
}

/** Reconciles one field with the value the example shows for it; returns the corrected field. */
export function reconcile(f: IrField, v: unknown, path: string, ctx: ShapeContext, depth = 0): IrField {
  if (v === null || v === undefined || depth > 8) return f;
  // Linked to an entity by its type name, but the example sends a scalar: the name stood for the id.
  if (f.entity && !f.ref && (typeof v === 'string' || typeof v === 'number')) {
    const { entity: _entity, ...rest } = f;
    note(ctx, path, `the type \`${f.docType}\` names the entity, the example sends its id`);
    return { ...rest, type: irTypeOf(f.docType) };
  }
  const members = membersOf(f, ctx.entityFields);
  const samples = sampleObjects(v);
  const list = Array.isArray(v) && v.length > 0 && samples.length === v.length;
  // A scalar (or a `boolean` result) that the example shows as a list or object of members.
  if (isScalar(f) && (list || (isJsonObject(v) && Object.keys(v).length > 0))) {
    const shown = inferField(f.name, [v]);
    const entity = familyEntity(samples, ctx);
    note(ctx, path, `documented as \`${f.docType}\`, the example sends ${list ? 'a list' : 'an object'}${entity ? ` of ${entity}` : ''}`);
    if (entity) return { ...f, type: list ? { kind: 'array', items: { kind: 'object' } } : { kind: 'object' }, entity, inferred: true };
    return { ...shown, docType: f.docType, description: f.description, required: f.required };
  }
  // A list of scalars (ids) documented, a list of objects sent.
  if (f.type.kind === 'array' && !holdsMembers(f) && list) {
    const entity = familyEntity(samples, ctx);
    note(ctx, path, `documented as \`${f.docType}\`, the example sends a list of objects${entity ? ` of ${entity}` : ''}`);
    if (entity) return { ...f, type: { kind: 'array', items: { kind: 'object' } }, entity, inferred: true };
    return { ...inferField(f.name, [v]), docType: f.docType, description: f.description, required: f.required };
  }
  if (!holdsMembers(f)) return f;
  // An open object or list documented, a scalar or a list of scalars sent (`525`, `true`, `["user", "common"]`).
  const scalar = (x: unknown) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean';
  if (!members?.length && !f.describes && !f.entity && (scalar(v) || (Array.isArray(v) && v.length > 0 && v.every(scalar)))) {
    const shown = inferField(f.name, [v]);
    if (shown.type.kind !== 'unknown' && JSON.stringify(shown.type) !== JSON.stringify(f.type)) {
      note(ctx, path, `documented as \`${f.docType || f.type.kind}\`, the example sends ${Array.isArray(v) ? 'a list of scalars' : `a ${typeof v}`}`);
      return { ...f, type: shown.type, inferred: true };
    }
  }
  // A list of objects documented, a list of scalars sent (`[9, 103]`): the example's shape.
  if (Array.isArray(v) && v.length > 0 && samples.length === 0 && members?.length && f.type.kind === 'array') {
    note(ctx, path, 'documented as a list of objects, the example sends a list of scalars');
    const { fields: _f, entity: _e, ...rest } = f;
    return { ...rest, type: inferField(f.name, [v]).type, inferred: true };
  }
  // An open object documented, a list sent (`["ONAPPINSTALL", …]`, `[["meta-user", "all-users"]]`).
  if (Array.isArray(v) && v.length > 0 && f.type.kind === 'object' && !members?.length && !f.describes && !f.entity) {
    note(ctx, path, 'documented as an object, the example sends a list');
    return { ...inferField(f.name, [v]), docType: f.docType, description: f.description, required: f.required };
  }
  // A `fields` method whose values are plain titles (`{ "ID": "ID", "NAME": "Name" }`): a map of them, not of descriptions.
  if (f.describes && isJsonObject(v) && Object.keys(v).length > 0 && Object.values(v).every((x) => typeof x === 'string' || typeof x === 'number')) {
    note(ctx, path, 'a `fields` method whose example maps each field to a plain value, not to a description');
    const { describes: _d, ...rest } = f;
    return { ...rest, type: { kind: 'map', values: inferField('', Object.values(v)).type } };
  }
  // Keyed by ids, values the docs describe no members for (`{ "3": [278, 517] }`): a map of what the example shows.
  if (keyedByIdValue(v) && !members?.length && !f.describes && !f.entity && f.type.kind === 'object') {
    note(ctx, path, 'the example sends a map keyed by id');
    const shown = inferField(f.name, Object.values(v as Record<string, unknown>));
    return { ...f, type: { kind: 'map', values: shown.type }, ...(shown.fields ? { fields: shown.fields } : {}) };
  }
  // Keyed by ids (`{ "3": {…}, "7": {…} }`): a map whose values are the documented objects, or lists of them.
  if (keyedByIdValue(v) && members?.length && f.fields?.length && f.type.kind !== 'map') {
    const values = Object.values(v as Record<string, unknown>);
    const lists = values.every(Array.isArray);
    const documented: IrType = lists ? { kind: 'array', items: { kind: 'object' } } : { kind: 'object' };
    if (overlap(members, sampleObjects(lists ? values.flat() : values).flatMap((o) => Object.keys(o))) >= 0.5) {
      note(ctx, path, 'the example sends the documented objects keyed by id (a PHP map)');
      return { ...f, type: { kind: 'map', values: documented } };
    }
    // Values of another shape too (`USER_DATA = 'N'`: ids): the map admits both, the documented members are kept.
    note(ctx, path, 'the example sends a map keyed by id whose values the documented members do not describe');
    return { ...f, type: { kind: 'map', values: { kind: 'union', of: [documented, inferField(f.name, values).type] } } };
  }
  if (samples.length === 0) return f;
  let out = f;
  const keyedById = isJsonObject(v) && isNumericKeyed(v);
  // A `fields` method whose example sends a list: it is no field map (a docs slip in the name).
  if (f.describes && list) {
    note(ctx, path, 'a `fields` method whose example sends a list, not a map of field descriptions');
    const { describes: _d, ...rest } = f;
    return { ...rest, ...inferField(f.name, [v]), docType: f.docType, description: f.description };
  }
  // List vs object: the example decides.
  if (list && f.type.kind === 'object') {
    note(ctx, path, 'documented as an object, the example sends a list');
    out = { ...out, type: { kind: 'array', items: { kind: 'object' } } };
  } else if (isJsonObject(v) && !keyedById && f.type.kind === 'array' && members?.length && overlap(members, Object.keys(v)) >= 0.5) {
    note(ctx, path, 'documented as a list, the example sends one object');
    out = { ...out, type: { kind: 'object' } };
  }
  const described = f.describes ? ctx.entityFields(f.describes) : undefined;
  const wrapMembers = members ?? described;
  if (wrapMembers && wrapMembers.length > 0) {
    // The members one level down: `{ "booking": { …members } }` for a table that lists them on `result`.
    const only = isJsonObject(v) && !keyedById && Object.keys(v).length === 1 ? Object.keys(v)[0]! : undefined;
    const inner = only !== undefined ? (v as Record<string, unknown>)[only] : undefined;
    if (only !== undefined && !wrapMembers.some((m) => m.name === only) && overlap(wrapMembers, sampleObjects(inner).flatMap((o) => Object.keys(o))) >= 0.5) {
      note(ctx, path, `the documented members arrive one level down, under \`${only}\``);
      const wrapped: IrField = { ...out, name: only, docType: '', description: '', required: false, inferred: true, type: Array.isArray(inner) ? { kind: 'array', items: { kind: 'object' } } : { kind: 'object' } };
      const outer: IrField = { name: out.name, docType: out.docType, type: { kind: 'object' }, required: out.required, description: out.description, fields: [reconcile(wrapped, inner, `${path}.${only}`, ctx, depth + 1)] };
      return outer;
    }
  }
  if (members && members.length > 0) {
    // Own members (not an entity's, which other methods share) are reconciled one by one.
    if (out.fields?.length) {
      const fields = out.fields.map((m) => {
        const values = samples.map((s) => s[m.name]).filter((x) => x !== undefined);
        return values.length ? reconcile(m, values.length === 1 ? values[0] : mergeValues(values), `${path}.${m.name}`, ctx, depth + 1) : m;
      });
      out = { ...out, fields };
    }
    return out;
  }
  if (out.describes || out.entity) return out;
  // An open object: the entity of the method's family when the example's keys are its fields, else the example's shape.
  const entity = familyEntity(samples, ctx);
  // A `fields` method's open result whose keys are the entity's fields, each with a description: the field map.
  if (entity && FIELDS_METHOD.test(ctx.method.name) && samples.every((o) => Object.values(o).every((x) => isJsonObject(x) && 'type' in x))) return { ...out, describes: entity };
  if (entity) return reconcile({ ...out, entity, type: list ? { kind: 'array', items: { kind: 'object' } } : { kind: 'object' } }, v, path, ctx, depth + 1);
  if (samples.every((s) => isNumericKeyed(s)) || samples.every((s) => Object.keys(s).length === 0)) return out;
  if (isJsonObject(v) && isNumericKeyed(v)) return out;
  const fields = inferMembers(samples);
  return fields.length ? { ...out, fields, inferred: true } : out;
}

/** Several examples' values of one member, as one sample for the shape (lists are joined). */
function mergeValues(values: readonly unknown[]): unknown {
  if (values.every(Array.isArray)) return (values as unknown[][]).flat();
  return values.find((x) => x !== null) ?? values[0];
}

/** The method's result reconciled with its first response example (the others feed the wire model). */
export function shapeResult(method: IrMethod, ctx: Omit<ShapeContext, 'method' | 'line'>): IrMethod['result'] {
  const example = method.responseExamples.find((e) => isJsonObject(e.value) && e.value.result !== undefined);
  if (!example || !isJsonObject(example.value)) return method.result;
  const value = example.value.result;
  const full: ShapeContext = { ...ctx, method, line: example.line };
  const row = method.result.fields.find((f) => f.name === 'result');
  if (!row) {
    const inferred = inferField('result', [value]);
    const entity = familyEntity(sampleObjects(value), full);
    const field: IrField = entity ? { ...inferred, fields: undefined, entity } : inferred;
    if (entity) delete field.fields;
    field.description = 'Inferred from the response example: the page has no returned-data table for `result`.';
    return { documented: method.result.documented, fields: [field, ...method.result.fields], shapeFrom: 'example' };
  }
  const fixed = reconcile(row, value, 'result', full);
  return { ...method.result, fields: method.result.fields.map((f) => (f === row ? fixed : f)), shapeFrom: fixed === row ? 'table' : 'table+example' };
}
