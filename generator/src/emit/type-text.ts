/**
 * IR types → TypeScript type text. Fields with documented members become named interfaces,
 * collected into `declarations` in a stable order (parents before their members' interfaces).
 */
import { StructureKind, type InterfaceDeclarationStructure, type TypeAliasDeclarationStructure } from 'ts-morph';
import type { IrField, IrType } from '../ir/types.js';
import { pascalCase, propertyKey, stringLiteral } from './naming.js';
import { escapeDoc, tsdoc, type DocTag } from './tsdoc.js';

export interface InterfaceDecl {
  name: string;
  docs: string;
  members: Array<{ key: string; type: string; optional: boolean; docs: string }>;
  /** Template-literal keys: documented name patterns (`propertyN`, `UF_*`) and custom fields. */
  indexSignatures: Array<{ keyType: string; type: string; docs: string }>;
  /** Set for a type alias instead of an interface (a discriminated union). */
  alias?: string;
}

export interface TypeContext {
  /** Request types accept what the server accepts (filters with operators, custom `UF_` fields). */
  side: 'params' | 'result';
  declarations: InterfaceDecl[];
  /** Names of the shared aliases the types use (`B24Boolean`, `CrmStatusId`). */
  commonTypes: Set<string>;
  /** Types the runtime package exports (`B24NumericString`). */
  runtimeTypes: Set<string>;
  usedNames: Set<string>;
  /** The type name of an entity model, recording that the module imports it; undefined when unknown. */
  entityType?: (entity: string) => string | undefined;
  /** The wire of the field being typed: how its documented numbers arrive. */
  wireNumbers?: 'string' | 'number' | 'either';
}

export function newTypeContext(reserved: readonly string[] = [], side: TypeContext['side'] = 'params'): TypeContext {
  return { side, declarations: [], commonTypes: new Set(), runtimeTypes: new Set(), usedNames: new Set(reserved) };
}

/**
 * The shared alias name of a documented pseudo-type that stands for an identifier: `crm_status` →
 * `CrmStatusId`, `user` → `UserId`, `catalog_product.id` → `CatalogProductId`. Entity models take
 * the plain name (`CatalogProduct`, `CrmCompany`), so an id and its object never share a name.
 */
export function aliasName(docName: string): string {
  const base = pascalCase(docName);
  return /(Id|Ids|Code)$/.test(base) ? base : `${base}Id`;
}

/** The type name of an entity model: `crm.company` → `CrmCompany`, `catalog_product` → `CatalogProduct`. */
export function entityTypeName(entity: string): string {
  return pascalCase(entity);
}

/** A documented number in a result, as the wire sends it. */
function resultNumber(ctx: TypeContext): string {
  const numbers = ctx.wireNumbers ?? 'either';
  if (numbers === 'number') return 'number';
  ctx.runtimeTypes.add('B24NumericString');
  return numbers === 'string' ? 'B24NumericString' : 'number | B24NumericString';
}

export function typeText(type: IrType, ctx: TypeContext): string {
  switch (type.kind) {
    case 'string': return 'string';
    // Parameters reach the server as strings in form encoding and in batch commands, so numeric
    // strings are numbers to it; results keep the documented `number`.
    case 'number':
      if (ctx.side === 'result') return resultNumber(ctx);
      ctx.commonTypes.add('B24Numeric');
      return 'B24Numeric';
    case 'boolean': ctx.commonTypes.add('B24Boolean'); return 'B24Boolean';
    case 'null': return 'null';
    case 'unknown': return 'unknown';
    // A PHP array: a map, or a list (`a[0][x]=1` in form encoding) when sent as a parameter.
    case 'object': return ctx.side === 'params' ? 'Record<string, unknown> | unknown[]' : 'Record<string, unknown>';
    case 'alias': {
      // An id in a result: as the wire sends it where the evidence says (the alias admits both).
      if (ctx.side === 'result' && type.base === 'number' && ctx.wireNumbers && ctx.wireNumbers !== 'either') return resultNumber(ctx);
      const name = aliasName(type.name);
      ctx.commonTypes.add(name);
      return name;
    }
    case 'literal': return type.values.map((v) => (typeof v === 'number' ? String(v) : stringLiteral(v))).join(' | ') || 'never';
    case 'array': {
      // A bare documented `array` is a PHP array: a list or a map.
      if (type.items.kind === 'unknown') return 'unknown[] | Record<string, unknown>';
      const inner = typeText(type.items, ctx);
      return /^[\w.]+$/.test(inner) ? `${inner}[]` : `Array<${inner}>`;
    }
    case 'union': return type.of.map((t) => typeText(t, ctx)).join(' | ');
    case 'map': return `Record<string, ${type.values.kind === 'unknown' ? 'unknown' : typeText(type.values, ctx)}>`;
  }
}

function uniqueName(base: string, ctx: TypeContext): string {
  let name = base;
  for (let i = 2; ctx.usedNames.has(name); i++) name = `${base}${i}`;
  ctx.usedNames.add(name);
  return name;
}

/** Literal unions from documented values, where the values fit the documented type. */
export function valuesType(field: IrField): string | null {
  let values = field.values;
  if (!values || values.length === 0) return null;
  // Lists of formats or examples (`chatXXX`, `<ID>`, `U{id}`, `#NAME#`) are documentation, not an enumeration.
  if (values.some((v) => typeof v.value === 'string' && /XXX|[<{#\s]|_N$|\|/.test(v.value))) return null;
  // Sort directions are accepted in either case.
  if (values.every((v) => typeof v.value === 'string' && /^(asc|desc)$/i.test(v.value))) {
    values = ['ASC', 'DESC', 'asc', 'desc'].map((value) => ({ value, description: '' }));
  }
  const t = field.type;
  const stringish = t.kind === 'string' || (t.kind === 'alias' && t.base === 'string');
  const numeric = t.kind === 'number' || (t.kind === 'alias' && t.base === 'number');
  const yn = values.every((v) => v.value === 'Y' || v.value === 'N');
  if (t.kind === 'boolean' && yn) return "'Y' | 'N'";
  if (stringish && values.every((v) => typeof v.value === 'string')) return values.map((v) => stringLiteral(String(v.value))).join(' | ');
  if (numeric && values.every((v) => typeof v.value === 'number')) return values.map((v) => String(v.value)).join(' | ');
  return null;
}

/** One interface per documented variant (tab), the field typed as their union. */
function variantsTypeText(field: IrField, owner: string, ctx: TypeContext): string {
  const names = field.variants!.map((v) => {
    const name = uniqueName(owner + pascalCase(field.name) + pascalCase(v.title), ctx);
    declareInterface(name, `\`${field.name}\` when it is \`${v.title}\`.`, v.fields, ctx, ctx.side === 'params');
    return name;
  });
  const union = names.join(' | ');
  return field.type.kind === 'array' ? `Array<${union}>` : union;
}

/** Declares the interface `name` for the field's members and returns the field's type text using it. */
export function membersTypeText(field: IrField, name: string, ctx: TypeContext): string {
  // Members stay optional: update pages copy the add page's sub-table with its required markers
  // (crm.vat.update `RATE*`), and a false "required" would block valid calls. The docs say it in TSDoc.
  declareInterface(name, `Members of \`${field.name}\`.`, field.fields ?? [], ctx, false);
  const t = field.type;
  // List-method conventions: `filter` keys carry operators, `order` maps fields to a direction,
  // `select` lists field names; their sub-table documents the entity's fields.
  if (ctx.side === 'params' && /^filter$/i.test(field.name)) {
    ctx.commonTypes.add('B24Filter');
    return `B24Filter<${name}>`;
  }
  if (ctx.side === 'params' && /^order$/i.test(field.name)) {
    ctx.commonTypes.add('B24Order');
    return `B24Order<${name}>`;
  }
  if (ctx.side === 'params' && /^select$/i.test(field.name)) {
    ctx.commonTypes.add('B24Select');
    return `B24Select<${name}>`;
  }
  const arrayOf = (items: IrType) => (items.kind === 'unknown' ? `${name} | ${name}[]` : `${name}[]`);
  if (t.kind === 'array') return arrayOf(t.items);
  if (t.kind === 'map') {
    const value = (v: IrType): string => (v.kind === 'array' && (v.items.kind === 'object' || v.items.kind === 'unknown') ? `${name}[]` : v.kind === 'object' || v.kind === 'unknown' ? name : v.kind === 'union' ? v.of.map(value).join(' | ') : typeText(v, ctx));
    return `Record<string, ${value(t.values)}>`;
  }
  if (t.kind === 'union') return [...new Set(t.of.map((x) => (x.kind === 'object' || x.kind === 'unknown' ? name : x.kind === 'array' ? arrayOf(x.items) : typeText(x, ctx))))].join(' | ');
  return name;
}

/** Type text of a field, declaring interfaces for its members (named `${owner}${Field}`); results follow the field's wire. */
export function fieldTypeText(field: IrField, owner: string, ctx: TypeContext): string {
  if (ctx.side !== 'result') return documentedTypeText(field, owner, ctx);
  const saved = ctx.wireNumbers;
  ctx.wireNumbers = field.wire?.numbers;
  let text = documentedTypeText(field, owner, ctx);
  ctx.wireNumbers = saved;
  if (field.wire?.keyed) {
    const item = /^[\w.]+\[\]$/.test(text) ? text.slice(0, -2) : /^Array<(.+)>$/.exec(text)?.[1] ?? text;
    text = `${text} | Record<string, ${item}>`;
  }
  if (field.wire?.emptyString) text = `${text} | ''`;
  // Documented values stay offered for completion; other values of their kind are accepted too.
  if (field.wire?.openValues && valuesType(field)) text = `${text} | (${/^\d|^-\d/.test(String(field.values?.[0]?.value ?? '')) ? 'number' : 'string'} & {})`;
  for (const kind of field.wire?.also ?? []) {
    if (kind === 'string' && field.type.kind === 'boolean') text = `${text} | B24NumericString`;
    else text = `${text} | ${kind}`;
    if (kind === 'string' && field.type.kind === 'boolean') ctx.runtimeTypes.add('B24NumericString');
  }
  if (field.wire?.emptyArray) text = `${text} | []`;
  if (field.wire?.nullable) text = `${text} | null`;
  return text;
}

/** The `B24FieldMap` of a `fields` method's result, or an entity's interface (a list of it for arrays). */
function entityText(field: IrField, ctx: TypeContext): string | null {
  if (field.describes) {
    const target = ctx.entityType?.(field.describes);
    ctx.commonTypes.add('B24FieldMap');
    return target ? `B24FieldMap<${target}>` : 'B24FieldMap<Record<string, unknown>>';
  }
  if (!field.entity) return null;
  const target = ctx.entityType?.(field.entity);
  if (!target) return null;
  if (field.type.kind === 'map') return `Record<string, ${target}>`;
  return field.type.kind === 'array' ? `${target}[]` : target;
}

function documentedTypeText(field: IrField, owner: string, ctx: TypeContext): string {
  const linked = entityText(field, ctx);
  if (linked) return linked;
  if (field.variants && field.variants.length > 0) return variantsTypeText(field, owner, ctx);
  if (field.fields && field.fields.length > 0) return membersTypeText(field, uniqueName(owner + pascalCase(field.name), ctx), ctx);
  const literal = valuesType(field);
  if (literal) {
    // Listed numbers that the wire sends as numeric strings: the same values, quoted (or both where it sends either).
    const numericValues = field.values?.every((v) => typeof v.value === 'number');
    if (ctx.side === 'result' && numericValues && ctx.wireNumbers && ctx.wireNumbers !== 'number') {
      const quoted = field.values!.map((v) => stringLiteral(String(v.value))).join(' | ');
      return ctx.wireNumbers === 'string' ? quoted : `${literal} | ${quoted}`;
    }
    return literal;
  }
  // Ids and codes documented as strings are numeric on the wire too (`ENTITY_ID`, `MEASURE_CODE` "796"):
  // a parameter takes either spelling, as form encoding and batch commands make them the same.
  if (ctx.side === 'params' && field.type.kind === 'string' && (/(^|_)(id|code)$/i.test(field.name) || /[a-z](Id|Code)$/.test(field.name))) return 'string | number';
  return typeText(field.type, ctx);
}

const EVIDENCE = { example: 'the page\'s response example', module: 'other pages of the module', none: '' } as const;

/** What the wire model says in words: "sent as a numeric string (the page's response example)". */
function wireNote(field: IrField): string {
  const w = field.wire;
  if (!w) return '';
  const parts: string[] = [];
  if (w.numbers === 'string') parts.push('sent as a numeric string');
  else if (w.numbers === 'number') parts.push('sent as a number');
  else if (w.numbers === 'either') parts.push('sent as a number or a numeric string (no example tells which)');
  if (w.nullable) parts.push('`null` when empty');
  if (w.emptyArray) parts.push('`[]` when empty (an empty PHP array)');
  if (w.emptyString) parts.push("`''` when unset");
  if (w.keyed) parts.push('also keyed by id (a PHP map)');
  if (w.openValues) parts.push('values beyond the listed ones occur');
  if (w.also?.length) parts.push(`also sent as ${w.also.map((k) => `a ${k}`).join(' or ')}`);
  if (parts.length === 0) return '';
  const why = EVIDENCE[w.evidence];
  return `${parts.join('; ')}${why ? ` (as ${why} shows)` : ''}`;
}

export function fieldDocs(field: IrField, enforced = true): string {
  const tags: DocTag[] = [];
  const requiredNote = field.required && !enforced ? 'Required by the docs.' : '';
  if (field.default !== undefined) tags.push({ tag: 'defaultValue', text: '`' + escapeDoc(field.default).replace(/`/g, "'") + '`' });
  const wire = wireNote(field);
  const typeNote = field.docType ? `Documented type: \`${field.docType.replace(/`/g, "'")}\`${wire ? `; ${wire}` : ''}.` : wire ? `${wire.charAt(0).toUpperCase()}${wire.slice(1)}.` : '';
  const inferred = !field.inferred ? '' : field.docType ? 'Its members are inferred from the response example.' : 'Inferred from the response example: no table of the page documents it.';
  return tsdoc([field.description, requiredNote, typeNote, inferred], tags);
}

const OBJECT_MEMBERS = new Set(['constructor', 'toString', 'toLocaleString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable']);

/** A documented name that stands for many keys: `propertyN` → `property${number}`, `UF_*` → `UF_${string}`. */
export function namePattern(name: string): string | null {
  const star = /^([A-Za-z_]\w*?)(?:\*|\.\.\.|…)$/.exec(name) ?? /^([A-Z][A-Z0-9]*_)$/.exec(name) ?? /^([A-Z][A-Z0-9_]*_)(?:[A-Z][a-z]\w*|\{\w+\}|<\w+>|XXX|xxx)$/.exec(name);
  if (star) return `\`${star[1]}\${string}\``;
  const numbered = /^([a-z][A-Za-z_]*?)(?:N|\{N\}|_n|\[N\])$/.exec(name);
  if (numbered && !/^[a-z]+$/.test(name)) return `\`${numbered[1]}\${number}\``;
  return null;
}

/**
 * Declares an interface for a list of fields. A name the docs list twice keeps its first row; `requiredFlags` false makes every member optional (result objects).
 */
export function declareInterface(name: string, docs: string, fields: readonly IrField[], ctx: TypeContext, requiredFlags: boolean): void {
  const discriminated = discriminatedVariants(fields);
  if (discriminated) return declareDiscriminated(name, docs, fields, discriminated, ctx, requiredFlags);
  const decl: InterfaceDecl = { name, docs, members: [], indexSignatures: [] };
  ctx.usedNames.add(name);
  ctx.declarations.push(decl);
  const seen = new Set<string>();
  for (const f of fields) {
    if (seen.has(f.name)) continue;
    seen.add(f.name);
    const pattern = namePattern(f.name);
    if (pattern) {
      if (!decl.indexSignatures.some((i) => i.keyType === pattern)) decl.indexSignatures.push({ keyType: pattern, type: 'unknown', docs: fieldDocs(f) });
      continue;
    }
    const type = fieldTypeText(f, name, ctx);
    decl.members.push({
      key: propertyKey(f.name),
      // Every object literal inherits `constructor`, `toString`…: the member must accept what it inherits.
      type: OBJECT_MEMBERS.has(f.name) ? `(${type}) | Object[${stringLiteral(f.name)}]` : type,
      optional: requiredFlags ? !f.required : true,
      docs: fieldDocs(f, requiredFlags),
    });
  }
  // Entity fields accept the portal's custom fields (`UF_CRM_…`), which no page can list.
  if (ctx.side === 'params' && /Fields$/.test(name) && !decl.indexSignatures.some((i) => i.keyType.startsWith('`UF_'))) {
    decl.indexSignatures.push({ keyType: '`UF_${string}`', type: 'unknown', docs: 'Custom fields of the portal (`UF_…`).' });
  }
}

/** A member with variants (tabs per user-field type) beside the member that names the type. */
function discriminatedVariants(fields: readonly IrField[]): { tag: IrField; varied: IrField } | null {
  const tag = fields.find((f) => /^(USER_TYPE_ID|userTypeId)$/.test(f.name) && f.type.kind === 'string');
  const varied = fields.find((f) => f.variants && f.variants.length > 1 && f.type.kind !== 'array');
  return tag && varied ? { tag, varied } : null;
}

/** The tag values a tab title stands for: `date|datetime` → two literals, `rest_*` → a template. */
function tagType(title: string): string {
  return title
    .split('|')
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => (t.includes('*') ? `\`${t.replace(/\*.*$/, '')}\${string}\`` : stringLiteral(t)))
    .join(' | ');
}

/**
 * `{ USER_TYPE_ID, SETTINGS, … }` whose SETTINGS vary by USER_TYPE_ID (one tab each): the members
 * they share, intersected with one `{ USER_TYPE_ID: 'string'; SETTINGS?: …String }` per tab.
 */
function declareDiscriminated(name: string, docs: string, fields: readonly IrField[], d: { tag: IrField; varied: IrField }, ctx: TypeContext, requiredFlags: boolean): void {
  const alias: InterfaceDecl = { name, docs, members: [], indexSignatures: [] };
  ctx.usedNames.add(name);
  ctx.declarations.push(alias);
  const common = uniqueName(`${name}Common`, ctx);
  declareInterface(common, `Members of \`${name}\` that do not depend on \`${d.tag.name}\`.`, fields.filter((f) => f !== d.varied), ctx, requiredFlags);
  const variants = d.varied.variants!.map((v) => {
    const iface = uniqueName(name + pascalCase(d.varied.name) + pascalCase(v.title), ctx);
    declareInterface(iface, `\`${d.varied.name}\` when \`${d.tag.name}\` is \`${v.title}\`.`, v.fields, ctx, requiredFlags);
    const optional = (f: IrField) => (requiredFlags && f.required ? '' : '?');
    return `{ ${propertyKey(d.tag.name)}${optional(d.tag)}: ${tagType(v.title)}; ${propertyKey(d.varied.name)}${optional(d.varied)}: ${iface} }`;
  });
  alias.alias = `${common} & (${variants.join(' | ')})`;
}

/** The ts-morph structure of a declared interface (or of the alias of a discriminated union). */
export function interfaceStructure(d: InterfaceDecl): InterfaceDeclarationStructure | TypeAliasDeclarationStructure {
  if (d.alias) return { kind: StructureKind.TypeAlias, name: d.name, isExported: true, type: d.alias, docs: d.docs ? [d.docs] : [] };
  return {
    kind: StructureKind.Interface,
    name: d.name,
    isExported: true,
    docs: d.docs ? [d.docs] : [],
    properties: d.members.map((m) => ({ name: m.key, type: m.type, hasQuestionToken: m.optional, docs: m.docs ? [m.docs] : [] })),
    indexSignatures: d.indexSignatures.map((i) => ({ keyName: 'key', keyType: i.keyType, returnType: i.type, docs: i.docs ? [i.docs] : [] })),
  };
}
