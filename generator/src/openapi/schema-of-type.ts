/**
 * IR fields and types → JSON Schema (OpenAPI 3.1 dialect). Two sides, as in the generated types:
 * parameters take what the portal accepts (numbers or numeric strings, `Y`/`N` or booleans, PHP
 * arrays as lists or maps); results follow the wire model of each member (`IrField.wire`).
 * Objects stay open (no `additionalProperties: false`): the portal adds members the docs do not list.
 */
import type { IrField, IrType, IrValue } from '../ir/types.js';

export type Schema = Record<string, unknown>;

export interface SchemaContext {
  side: 'params' | 'result';
  /** `$ref` of an entity's component, or undefined when the document has none for it. */
  entityRef: (entity: string) => string | undefined;
  /** `$ref` of a documented pseudo-type's component (`crm_status` → `CrmStatusId`). */
  aliasRef: (name: string, base: 'string' | 'number') => string;
  /** `$ref` of the field description object that `*.fields` results map every field to. */
  fieldDescriptionRef: string;
  /** `$ref` of a shared primitive (`B24Numeric`, `B24NumericString`, `B24Boolean`). */
  ref: (name: 'B24Numeric' | 'B24NumericString' | 'B24Boolean') => string;
}

const MAX_DEPTH = 12;

/** `anyOf` of the given schemas, merging bare `type` schemas into one `type` list. */
export function anyOf(schemas: Schema[]): Schema {
  const flat: Schema[] = [];
  for (const s of schemas) {
    if (Array.isArray(s.anyOf) && Object.keys(s).length === 1) flat.push(...(s.anyOf as Schema[]));
    else flat.push(s);
  }
  const unique = [...new Map(flat.map((s) => [JSON.stringify(s), s])).values()];
  if (unique.some((s) => Object.keys(s).length === 0)) return {};
  const bare = unique.filter((s) => Object.keys(s).length === 1 && 'type' in s);
  const rest = unique.filter((s) => !bare.includes(s));
  const types = [...new Set(bare.flatMap((s) => (Array.isArray(s.type) ? (s.type as string[]) : [s.type as string])))];
  const merged = types.length ? [{ type: types.length === 1 ? types[0] : types }] : [];
  const all = [...merged, ...rest];
  return all.length === 1 ? all[0]! : { anyOf: all };
}

/** A documented name that stands for many keys (`UF_*`, `propertyN`): its key pattern, else null. */
export function namePatternRegex(name: string): string | null {
  // The same forms the generated types turn into template-literal index signatures.
  const star = /^([A-Za-z_]\w*?)(?:\*|\.\.\.|…)$/.exec(name) ?? /^([A-Z][A-Z0-9]*_)$/.exec(name) ?? /^([A-Z][A-Z0-9_]*_)(?:[A-Z][a-z]\w*|\{\w+\}|<\w+>|XXX|xxx)$/.exec(name);
  if (star) return `^${star[1]}`;
  const numbered = /^([a-z][A-Za-z_]*?)(?:N|\{N\}|_n|\[N\])$/.exec(name);
  if (numbered && !/^[a-z]+$/.test(name)) return `^${numbered[1]}[0-9]+$`;
  return null;
}

function isNumberType(t: IrType): boolean {
  return t.kind === 'number' || (t.kind === 'alias' && t.base === 'number');
}

function isStringType(t: IrType): boolean {
  return t.kind === 'string' || (t.kind === 'alias' && t.base === 'string');
}

/** A documented number as the side (and, for results, the member's wire) has it. */
function numberSchema(ctx: SchemaContext, wire: 'string' | 'number' | 'either' | undefined): Schema {
  if (ctx.side === 'params') return { $ref: ctx.ref('B24Numeric') };
  if (wire === 'number') return { type: 'number' };
  if (wire === 'string') return { $ref: ctx.ref('B24NumericString') };
  return { $ref: ctx.ref('B24Numeric') };
}

export function typeSchema(type: IrType, ctx: SchemaContext, wire?: 'string' | 'number' | 'either'): Schema {
  switch (type.kind) {
    case 'string': return { type: 'string' };
    case 'number': return numberSchema(ctx, wire);
    case 'boolean': return { $ref: ctx.ref('B24Boolean') };
    case 'null': return { type: 'null' };
    case 'unknown': return {};
    // A PHP array: a map, or a list (`a[0][x]=1` in form encoding) when sent as a parameter.
    case 'object': return ctx.side === 'params' ? { type: ['object', 'array'] } : { type: 'object' };
    case 'alias':
      if (ctx.side === 'result' && type.base === 'number' && wire && wire !== 'either') return numberSchema(ctx, wire);
      return { $ref: ctx.aliasRef(type.name, type.base) };
    case 'literal': return { enum: type.values };
    case 'array':
      // A bare documented `array` is a PHP array: a list or a map.
      if (type.items.kind === 'unknown') return { type: ['array', 'object'] };
      return { type: 'array', items: typeSchema(type.items, ctx, wire) };
    case 'union': return anyOf(type.of.map((t) => typeSchema(t, ctx, wire)));
    case 'map': return { type: 'object', additionalProperties: type.values.kind === 'unknown' ? {} : typeSchema(type.values, ctx, wire) };
  }
}

/** Listed values that form a closed set of the documented type (lists of formats or examples do not). */
function valuesEnum(field: IrField, ctx: SchemaContext): Array<string | number> | null {
  let values: IrValue[] | undefined = field.values;
  if (!values || values.length === 0) return null;
  if (values.some((v) => typeof v.value === 'string' && /XXX|[<{#\s]|_N$|\|/.test(v.value))) return null;
  if (values.every((v) => typeof v.value === 'string' && /^(asc|desc)$/i.test(v.value))) values = ['ASC', 'DESC', 'asc', 'desc'].map((value) => ({ value, description: '' }));
  const t = field.type;
  if (t.kind === 'boolean' && values.every((v) => v.value === 'Y' || v.value === 'N')) return ['Y', 'N'];
  if (isStringType(t) && values.every((v) => typeof v.value === 'string')) return values.map((v) => v.value);
  if (isNumberType(t) && values.every((v) => typeof v.value === 'number')) {
    const numbers = values.map((v) => v.value);
    if (ctx.side === 'params') return [...numbers, ...numbers.map(String)];
    const wire = field.wire?.numbers;
    if (wire === 'number') return numbers;
    return wire === 'string' ? numbers.map(String) : [...numbers, ...numbers.map(String)];
  }
  return null;
}

/** The words of a member's docs: its description, documented type, values and wire. */
function fieldDescription(field: IrField): string {
  const parts = [field.description.trim()];
  if (field.docType) parts.push(`Documented type: \`${field.docType}\`.`);
  if (field.values?.length) parts.push(`Values: ${field.values.map((v) => `\`${v.value}\`${v.description ? ` — ${v.description}` : ''}`).join('; ')}.`);
  if (field.default !== undefined) parts.push(`Default: \`${field.default}\`.`);
  if (field.inferred) parts.push('Inferred from the response example.');
  return parts.filter(Boolean).join('\n\n');
}

/** An object schema for a list of members; `requiredFlags` keeps the docs' required markers. */
export function objectSchema(fields: readonly IrField[], ctx: SchemaContext, requiredFlags: boolean, depth = 0): Schema {
  const properties: Record<string, Schema> = {};
  const patternProperties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const f of fields) {
    if (Object.hasOwn(properties, f.name)) continue; // a name listed twice keeps its first row
    const pattern = namePatternRegex(f.name);
    if (pattern) {
      patternProperties[pattern] ??= { description: fieldDescription(f) };
      continue;
    }
    properties[f.name] = fieldSchema(f, ctx, depth + 1);
    if (requiredFlags && f.required) required.push(f.name);
  }
  const out: Schema = { type: 'object' };
  if (Object.keys(properties).length) out.properties = properties;
  if (Object.keys(patternProperties).length) out.patternProperties = patternProperties;
  if (required.length) out.required = required;
  return out;
}

/** The schema of a member's value as documented (before the result wire's additions). */
function documentedSchema(field: IrField, ctx: SchemaContext, depth: number): Schema {
  const wire = ctx.side === 'result' ? field.wire?.numbers : undefined;
  if (field.describes) return { type: 'object', additionalProperties: { $ref: ctx.fieldDescriptionRef } };
  const entity = field.entity ? ctx.entityRef(field.entity) : undefined;
  if (entity) {
    if (field.type.kind === 'map') return { type: 'object', additionalProperties: { $ref: entity } };
    return field.type.kind === 'array' ? { type: 'array', items: { $ref: entity } } : { $ref: entity };
  }
  if (depth > MAX_DEPTH) return {};
  // List-method conventions: `filter` keys carry operators (`>=DATE_CREATE`) and values may be lists,
  // `order` maps fields to a direction, `select` lists field names.
  // Where the sub-table documents the entity's fields (as the generated `B24Filter`, `B24Order`, `B24Select` do).
  const documented = Boolean(field.fields?.length);
  if (ctx.side === 'params' && /^filter$/i.test(field.name) && field.type.kind === 'object' && documented) return { type: ['object', 'array'] };
  if (ctx.side === 'params' && /^order$/i.test(field.name) && field.type.kind === 'object' && documented) return { type: 'object', additionalProperties: { enum: ['ASC', 'DESC', 'asc', 'desc'] } };
  if (ctx.side === 'params' && /^select$/i.test(field.name) && field.type.kind === 'array' && documented) return { type: 'array', items: { type: 'string' } };
  if (field.variants && field.variants.length > 0) {
    const each = anyOf(field.variants.map((v) => objectSchema(v.fields, ctx, false, depth)));
    return field.type.kind === 'array' ? { type: 'array', items: each } : each;
  }
  if (field.fields && field.fields.length > 0) {
    // Members stay optional below the top level, as in the generated types (update pages copy the add page's markers).
    const members = objectSchema(field.fields, ctx, false, depth);
    const t = field.type;
    if (t.kind === 'array') return t.items.kind === 'unknown' ? anyOf([members, { type: 'array', items: members }]) : { type: 'array', items: members };
    if (t.kind === 'map') return { type: 'object', additionalProperties: t.values.kind === 'array' ? { type: 'array', items: members } : members };
    if (t.kind === 'union') return anyOf(t.of.map((x) => (x.kind === 'object' || x.kind === 'unknown' ? members : x.kind === 'array' ? { type: 'array', items: members } : typeSchema(x, ctx, wire))));
    return members;
  }
  const values = field.wire?.openValues ? null : valuesEnum(field, ctx);
  if (values) return { enum: values };
  // Ids and codes documented as strings are numeric on the wire too: a parameter takes either spelling.
  if (ctx.side === 'params' && field.type.kind === 'string' && (/(^|_)(id|code)$/i.test(field.name) || /[a-z](Id|Code)$/.test(field.name))) return { type: ['string', 'number'] };
  return typeSchema(field.type, ctx, wire);
}

/** The schema of one parameter or result member, with its docs; results add what the wire sends besides. */
export function fieldSchema(field: IrField, ctx: SchemaContext, depth = 0): Schema {
  let schema = documentedSchema(field, ctx, depth);
  const w = ctx.side === 'result' ? field.wire : undefined;
  if (w) {
    const extra: Schema[] = [];
    if (w.keyed) extra.push({ type: 'object', additionalProperties: schema.type === 'array' && schema.items ? (schema.items as Schema) : schema });
    if (w.emptyString) extra.push({ const: '' });
    for (const kind of w.also ?? []) extra.push(kind === 'string' && isNumberType(field.type) ? { $ref: ctx.ref('B24NumericString') } : { type: kind });
    if (w.emptyArray) extra.push({ type: 'array', maxItems: 0 });
    if (w.nullable) extra.push({ type: 'null' });
    if (extra.length) schema = anyOf([schema, ...extra]);
  }
  const description = fieldDescription(field);
  return description ? withDescription(schema, description) : schema;
}

/** A schema with a description: beside a `$ref` (allowed in 3.1) or inside the schema. */
export function withDescription(schema: Schema, description: string): Schema {
  return { ...schema, description };
}
