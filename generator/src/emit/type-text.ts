/**
 * IR types → TypeScript type text. Fields with documented members become named interfaces,
 * collected into `declarations` in a stable order (parents before their members' interfaces).
 */
import type { IrField, IrType } from '../ir/types.js';
import { pascalCase, propertyKey, stringLiteral } from './naming.js';
import { escapeDoc, tsdoc, type DocTag } from './tsdoc.js';

export interface InterfaceDecl {
  name: string;
  docs: string;
  members: Array<{ key: string; type: string; optional: boolean; docs: string }>;
}

export interface TypeContext {
  declarations: InterfaceDecl[];
  /** Names of the shared aliases the types use (`B24Boolean`, `CrmStatus`). */
  commonTypes: Set<string>;
  usedNames: Set<string>;
}

export function newTypeContext(reserved: readonly string[] = []): TypeContext {
  return { declarations: [], commonTypes: new Set(), usedNames: new Set(reserved) };
}

/** The shared alias name of a documented pseudo-type: `crm_status` → `CrmStatus`, `catalog_product.id` → `CatalogProductId`. */
export function aliasName(docName: string): string {
  return pascalCase(docName);
}

export function typeText(type: IrType, ctx: TypeContext): string {
  switch (type.kind) {
    case 'string': return 'string';
    case 'number': return 'number';
    case 'boolean': ctx.commonTypes.add('B24Boolean'); return 'B24Boolean';
    case 'null': return 'null';
    case 'unknown': return 'unknown';
    case 'object': return 'Record<string, unknown>';
    case 'alias': {
      const name = aliasName(type.name);
      ctx.commonTypes.add(name);
      return name;
    }
    case 'literal': return type.values.map((v) => (typeof v === 'number' ? String(v) : stringLiteral(v))).join(' | ') || 'never';
    case 'array': {
      const inner = typeText(type.items, ctx);
      return /^[\w.]+$/.test(inner) ? `${inner}[]` : `Array<${inner}>`;
    }
    case 'union': return type.of.map((t) => typeText(t, ctx)).join(' | ');
  }
}

function uniqueName(base: string, ctx: TypeContext): string {
  let name = base;
  for (let i = 2; ctx.usedNames.has(name); i++) name = `${base}${i}`;
  ctx.usedNames.add(name);
  return name;
}

/** Literal unions from documented values, where the values fit the documented type. */
function valuesType(field: IrField, ctx: TypeContext): string | null {
  const values = field.values;
  if (!values || values.length === 0) return null;
  const t = field.type;
  const stringish = t.kind === 'string' || (t.kind === 'alias' && t.base === 'string');
  const numeric = t.kind === 'number' || (t.kind === 'alias' && t.base === 'number');
  const yn = values.every((v) => v.value === 'Y' || v.value === 'N');
  if (t.kind === 'boolean' && yn) return "'Y' | 'N'";
  if (stringish && values.every((v) => typeof v.value === 'string')) return values.map((v) => stringLiteral(String(v.value))).join(' | ');
  if (numeric && values.every((v) => typeof v.value === 'number')) return values.map((v) => String(v.value)).join(' | ');
  void ctx;
  return null;
}

/** Declares the interface `name` for the field's members and returns the field's type text using it. */
export function membersTypeText(field: IrField, name: string, ctx: TypeContext): string {
  declareInterface(name, `Members of \`${field.name}\`.`, field.fields ?? [], ctx, false);
  const t = field.type;
  if (t.kind === 'array') return `${name}[]`;
  if (t.kind === 'union') return t.of.map((x) => (x.kind === 'object' || x.kind === 'unknown' ? name : x.kind === 'array' ? `${name}[]` : typeText(x, ctx))).join(' | ');
  return name;
}

/** Type text of a field, declaring interfaces for its members (named `${owner}${Field}`). */
export function fieldTypeText(field: IrField, owner: string, ctx: TypeContext): string {
  if (field.fields && field.fields.length > 0) return membersTypeText(field, uniqueName(owner + pascalCase(field.name), ctx), ctx);
  return valuesType(field, ctx) ?? typeText(field.type, ctx);
}

export function fieldDocs(field: IrField): string {
  const tags: DocTag[] = [];
  if (field.default !== undefined) tags.push({ tag: 'defaultValue', text: '`' + escapeDoc(field.default).replace(/`/g, "'") + '`' });
  const typeNote = field.docType ? `Documented type: \`${field.docType.replace(/`/g, "'")}\`.` : '';
  return tsdoc([field.description, typeNote], tags);
}

/**
 * Declares an interface for a list of fields. A name the docs list twice keeps its first row; `requiredFlags` false makes every member optional (result objects).
 */
export function declareInterface(name: string, docs: string, fields: readonly IrField[], ctx: TypeContext, requiredFlags: boolean): void {
  const decl: InterfaceDecl = { name, docs, members: [] };
  ctx.usedNames.add(name);
  ctx.declarations.push(decl);
  const seen = new Set<string>();
  for (const f of fields) {
    if (seen.has(f.name)) continue;
    seen.add(f.name);
    decl.members.push({
      key: propertyKey(f.name),
      type: fieldTypeText(f, name, ctx),
      optional: requiredFlags ? !f.required : true,
      docs: fieldDocs(f),
    });
  }
}
