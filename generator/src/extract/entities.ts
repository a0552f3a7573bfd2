/**
 * Entity models across the docs: collected from the pages that describe them (a `*.fields`
 * method, a fields article, a data-types object section) and linked to the result members that
 * return them: by the docs' own link (type cell or "see the fields" link in the description) or by
 * the documented type name (`catalog_product`) on a member that is not an id (`product`, not `PRODUCT_ID`).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { IrEntity, IrField, IrType } from '../ir/types.js';
import { isDataTypesPage } from './type-dictionary.js';
import type { PageExtraction } from './page.js';

export interface EntityIndex {
  byName: Map<string, IrEntity>;
  bySource: Map<string, string>;
  /** Every name an entity goes by (`catalog.catalog` → `catalog_catalog`) to the one kept. */
  canonical: Map<string, string>;
}

/** Anchors of data-types object sections that name a type (`catalog_product`, `crm_rest_field_description`). */
const TYPE_ANCHOR = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/;

export function collectEntities(pages: readonly PageExtraction[], diagnostics: Diagnostic[]): EntityIndex {
  const byName = new Map<string, IrEntity>();
  const bySource = new Map<string, string>();
  const canonical = new Map<string, string>();
  // `catalog_catalog` (data types) and `catalog.catalog` (its `getFields` method) are one entity.
  const byKey = new Map<string, IrEntity>();
  const key = (name: string) => name.toLowerCase().replace(/[._]/g, '');
  const add = (e: IrEntity) => {
    const prior = byKey.get(key(e.name));
    if (prior) {
      diagnostics.push({ file: e.source.split('#')[0]!, line: 1, severity: 'info', message: `entity ${e.name} is also described by ${prior.source}; that one is kept`, ruleId: 'entity-duplicate' });
      bySource.set(e.source, prior.name);
      canonical.set(e.name, prior.name);
      return;
    }
    byName.set(e.name, e);
    canonical.set(e.name, e.name);
    byKey.set(key(e.name), e);
    bySource.set(e.source, e.name);
  };
  // Data-types object sections first: their names are the docs' own type names.
  for (const p of pages) {
    if (!isDataTypesPage(p.docPath)) continue;
    for (const [id, fields] of Object.entries(p.anchors ?? {})) if (TYPE_ANCHOR.test(id) && fields.length) add({ name: id, title: id, source: `${p.docPath}#${id}`, fields });
  }
  for (const p of pages) if (p.entity && p.entity.fields.length) add({ name: p.entity.name, title: p.entity.title, source: p.docPath, fields: p.entity.fields });
  return { byName, bySource, canonical };
}

/** Member names that hold an id, not the object (`PRODUCT_ID`, `productId`, `ids`). */
const ID_NAME = /(^|_)(id|ids|code)$|[a-z](Id|Ids|Code)$|^ID$/i;

function objectType(t: IrType): IrType {
  return t.kind === 'array' ? { kind: 'array', items: { kind: 'object' } } : { kind: 'object' };
}

/** Links result members to entities (recursively through own members and variants). */
export function linkEntities(fields: readonly IrField[], index: EntityIndex, depth = 0): IrField[] {
  return fields.map((f) => {
    let out = f;
    if (f.describes) out = { ...f, describes: index.canonical.get(f.describes) ?? f.describes };
    if (!f.fields?.length && !f.entity && !f.describes) {
      const byRef = f.ref ? index.bySource.get(f.ref) : undefined;
      const typeName = f.docType.replace(/\[\]$/, '').trim().toLowerCase();
      const byType = !byRef && index.byName.has(typeName) && !ID_NAME.test(f.name) && ['alias', 'unknown', 'object', 'array'].includes(f.type.kind) ? typeName : undefined;
      const entity = byRef ?? byType;
      if (entity) out = { ...f, entity, type: objectType(f.docType.endsWith('[]') || f.type.kind === 'array' ? { kind: 'array', items: { kind: 'unknown' } } : f.type) };
    }
    if (depth < 12 && out.fields) out = { ...out, fields: linkEntities(out.fields, index, depth + 1) };
    if (depth < 12 && out.variants) out = { ...out, variants: out.variants.map((v) => ({ ...v, fields: linkEntities(v.fields, index, depth + 1) })) };
    return out;
  });
}

/** Entities a method's family may return, longest name first: `crm.deal.productrows.get` → `crm.deal.productrows`, `crm.deal`. */
export function familyEntities(index: EntityIndex, method: string): string[] {
  const parts = method.split('.');
  const out: string[] = [];
  for (let n = parts.length - 1; n >= 1; n--) {
    const prefix = parts.slice(0, n).join('.').toLowerCase();
    for (const name of index.byName.keys()) if (name.toLowerCase() === prefix) out.push(name);
  }
  return out;
}
