/**
 * Maps a documented type (`string`, `integer`, `crm_status`, `string[]`, `catalog_product.id`, a union)
 * to the normalised IR type. Unknown names are never invented: they become `unknown`.
 */
import type { IrType } from '../ir/types.js';

const PRIMITIVES: Record<string, IrType> = {
  string: { kind: 'string' }, text: { kind: 'string' }, char: { kind: 'string' },
  date: { kind: 'string' }, datetime: { kind: 'string' }, time_string: { kind: 'string' },
  integer: { kind: 'number' }, int: { kind: 'number' }, double: { kind: 'number' }, float: { kind: 'number' },
  number: { kind: 'number' }, timestamp: { kind: 'number' }, decimal: { kind: 'number' },
  boolean: { kind: 'boolean' }, bool: { kind: 'boolean' },
  object: { kind: 'object' }, array: { kind: 'array', items: { kind: 'unknown' } },
  null: { kind: 'null' }, any: { kind: 'unknown' }, mixed: { kind: 'unknown' },
  file: { kind: 'unknown' }, diskfile: { kind: 'unknown' }, attached_diskfile: { kind: 'unknown' },
  enum: { kind: 'string' }, json: { kind: 'unknown' }, time: { kind: 'object' }, lang_map: { kind: 'object' },
};

/** Pseudo-types naming an entity: ids are numbers, statuses, currencies and codes are strings. */
const STRING_ENTITIES = /^(crm_status|crm_currency|crm_currency\.currency|.*\.code|.*_code|.*\.currency|location|sale_status\.id|crm_status\.status_id)$/i;
const NUMBER_ENTITIES = /^(user|crm_company|crm_contact|crm_lead|crm_deal|crm_quote|crm_entity|crm_category|crm_smart_invoice|crm_userfield|.*\.id|.*_id|section|section_element|uf_enum_element|crm_item|group|sonet_group|task|disk_file|disk_folder|iblock|catalog_\w+|sale_\w+)$/i;

function base(name: string): IrType {
  const lower = name.toLowerCase();
  const prim = PRIMITIVES[lower];
  if (prim) return prim;
  if (STRING_ENTITIES.test(lower)) return { kind: 'alias', name, base: 'string' };
  if (NUMBER_ENTITIES.test(lower)) return { kind: 'alias', name, base: 'number' };
  return { kind: 'unknown' };
}

function single(token: string): IrType {
  const t = token.trim();
  const arr = /^(.+?)\[\]$/.exec(t) ?? /^array<(.+)>$/i.exec(t);
  if (arr?.[1]) return { kind: 'array', items: single(arr[1]) };
  return base(t);
}

/** `docType` as produced by the name cell: alternatives joined by ` | `. */
export function irTypeOf(docType: string): IrType {
  const parts = docType.split(' | ').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) return { kind: 'unknown' };
  const types = parts.map(single);
  if (types.length === 1) return types[0]!;
  if (types.some((t) => t.kind === 'unknown')) return { kind: 'unknown' };
  const seen = new Set<string>();
  const of = types.filter((t) => {
    const k = JSON.stringify(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return of.length === 1 ? of[0]! : { kind: 'union', of };
}

/** True when values of the type can carry members documented in a sub-table. */
export function holdsObject(type: IrType): boolean {
  if (type.kind === 'object') return true;
  if (type.kind === 'array') return type.items.kind === 'object' || type.items.kind === 'unknown';
  if (type.kind === 'union') return type.of.some(holdsObject);
  return type.kind === 'unknown';
}
