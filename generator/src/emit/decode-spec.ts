/**
 * The decode spec of a result: where the wire differs from the documented type, what the runtime's
 * `decodeWire` turns back (numeric strings to numbers, `[]` to `{}`). Compact, since every method's
 * meta carries one: `'n'` a number, `{ o: { KEY: spec } }` an object, `{ a: spec }` a list, `{ m: spec }` a map.
 * Members that need nothing are left out; a result that needs nothing has no spec.
 */
import type { IrEntity, IrField } from '../ir/types.js';
import { isNumeric } from '../ir/type-facts.js';
import { propertyKey } from './naming.js';
import { namePattern } from './type-text.js';

export type DecodeSpec = 'n' | { o: Record<string, DecodeSpec> } | { a: DecodeSpec } | { m: DecodeSpec };

export class DecodeSpecs {
  private readonly memo = new Map<string, DecodeSpec | null>();
  constructor(private readonly entities: ReadonlyMap<string, IrEntity>) {}

  /** The spec of one field's value, or null when it arrives as documented. */
  field(f: IrField, depth = 0): DecodeSpec | null {
    if (depth > 10) return null;
    if (f.describes) return null;
    const members = f.fields?.length ? this.members(f.fields, depth) : f.entity ? this.entity(f.entity, depth) : null;
    const object: DecodeSpec | null = members ?? (f.wire?.emptyArray ? { o: {} } : null);
    // A map whose values take several shapes: nothing decodes by one spec (the values stay as sent).
    if (f.type.kind === 'map' && f.type.values.kind === 'union') return null;
    if (f.type.kind === 'map') {
      const values = f.type.values.kind === 'array' ? (object ? { a: object } : null) : (object ?? (isNumeric(f.type.values) && f.wire?.numbers !== 'number' ? 'n' : null));
      return values ? { m: values } : null;
    }
    if (f.type.kind === 'array') {
      const item = object ?? (isNumeric(f.type.items) && f.wire?.numbers !== 'number' ? 'n' : null);
      return item ? { a: item } : null;
    }
    if (object) return object;
    // Listed numbers sent as strings are typed as the quoted values (`'0' | '1'`): they stay as sent, so type and value agree.
    if (f.values?.length && f.values.every((v) => typeof v.value === 'number')) return null;
    return isNumeric(f.type) && f.wire?.numbers !== 'number' ? 'n' : null;
  }

  private members(fields: readonly IrField[], depth: number): DecodeSpec | null {
    const o: Record<string, DecodeSpec> = {};
    for (const m of fields) {
      // Documented name patterns (`PARENT_ID_...`, `UF_*`) match no key of the wire: nothing to decode by name.
      if (Object.hasOwn(o, m.name) || namePattern(m.name)) continue;
      const spec = this.field(m, depth + 1);
      if (spec) o[m.name] = spec;
    }
    return Object.keys(o).length ? { o } : null;
  }

  private entity(name: string, depth: number): DecodeSpec | null {
    if (this.memo.has(name)) return this.memo.get(name)!;
    this.memo.set(name, null); // entities may refer to themselves: the inner reference decodes nothing
    const e = this.entities.get(name);
    const spec = e ? this.members(e.fields, depth) : null;
    this.memo.set(name, spec);
    return spec;
  }
}

/** A node of either spec the package carries: a result's decode spec, or an event's wire spec (`'b'`: a boolean). */
export type SpecNode = 'n' | 'b' | { o: Record<string, SpecNode> } | { a: SpecNode } | { m: SpecNode };

/** A spec as a TypeScript literal (stable key order: the documented order; `__proto__` computed, so it stays an own key). */
export function specLiteral(spec: SpecNode): string {
  if (spec === 'n' || spec === 'b') return `'${spec}'`;
  if ('o' in spec) return `{ o: { ${Object.entries(spec.o).map(([k, v]) => `${k === '__proto__' ? "['__proto__']" : propertyKey(k)}: ${specLiteral(v)}`).join(', ')} } }`;
  if ('a' in spec) return `{ a: ${specLiteral(spec.a)} }`;
  return `{ m: ${specLiteral(spec.m)} }`;
}

