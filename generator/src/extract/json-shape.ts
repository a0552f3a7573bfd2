/**
 * The shape of a JSON example as IR fields, for results that no table describes (or describes at
 * the wrong level). Only what the example shows: names, nesting, list vs object; scalar types stay
 * what JSON says (a numeric string is a string here: the wire model decides numbers elsewhere).
 */
import type { IrField, IrType } from '../ir/types.js';

export const isJsonObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** How deep inferred members go: deeper levels stay open objects. */
const MAX_DEPTH = 4;

/** A PHP list sent as an object with keys `"0"`, `"1"`, … (or ids as keys): a map, not named members. */
export function isNumericKeyed(v: Record<string, unknown>): boolean {
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => /^\d+$/.test(k));
}

function scalarType(v: unknown): IrType {
  if (typeof v === 'string') return { kind: 'string' };
  if (typeof v === 'number') return { kind: 'number' };
  if (typeof v === 'boolean') return { kind: 'boolean' };
  return { kind: 'unknown' };
}

/** Members of the objects in `samples` (their union, in first-seen order). */
export function inferMembers(samples: readonly Record<string, unknown>[], depth = 0): IrField[] {
  const byName = new Map<string, unknown[]>();
  for (const s of samples) for (const [k, v] of Object.entries(s)) (byName.get(k) ?? byName.set(k, []).get(k)!).push(v);
  return [...byName.entries()].map(([name, values]) => inferField(name, values, depth));
}

/** One inferred field from the values the examples show for it. */
export function inferField(name: string, values: readonly unknown[], depth = 0): IrField {
  const field: IrField = { name, docType: '', type: { kind: 'unknown' }, required: false, description: '', inferred: true };
  const present = values.filter((v) => v !== null && v !== undefined);
  const objects = present.filter(isJsonObject);
  const arrays = present.filter(Array.isArray);
  if (arrays.length > 0 && arrays.length >= objects.length) {
    const items = arrays.flat();
    const itemObjects = items.filter(isJsonObject);
    if (itemObjects.length > 0 && itemObjects.length === items.length) {
      field.type = { kind: 'array', items: { kind: 'object' } };
      if (depth < MAX_DEPTH) field.fields = inferMembers(itemObjects, depth + 1);
    } else if (items.length > 0) {
      const kinds = new Set(items.map((i) => typeof i));
      field.type = { kind: 'array', items: kinds.size === 1 ? scalarType(items[0]) : { kind: 'unknown' } };
    } else field.type = { kind: 'array', items: { kind: 'unknown' } };
  } else if (objects.length > 0) {
    field.type = { kind: 'object' };
    const named = objects.filter((o) => !isNumericKeyed(o));
    if (depth < MAX_DEPTH && named.length === objects.length) field.fields = inferMembers(named, depth + 1);
    else if (named.length === 0) {
      // Keyed by ids (`{ "39": {…} }`): a map of what its values show.
      const value = inferField(name, objects.flatMap((o) => Object.values(o)), depth + 1);
      field.type = { kind: 'map', values: value.type };
      if (value.fields) field.fields = value.fields;
    }
  } else if (present.length > 0) {
    const kinds = new Set(present.map((v) => typeof v));
    field.type = kinds.size === 1 ? scalarType(present[0]) : { kind: 'unknown' };
  }
  if (field.fields && field.fields.length === 0) delete field.fields;
  return field;
}
