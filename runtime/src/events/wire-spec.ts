// The form tree → the payload as its type describes it (the JSON wire the docs show). A form body
// carries only strings, so the spec says where the payload type wants something else:
import { num } from '../decode.js';
import type { FormTree } from './php-keys.js';

/**
 * How to read one payload member from the form (emitted by the generator per event):
 * - `'n'`: a number: a numeric string becomes a number (an integer beyond 2^53 stays a string);
 * - `'b'`: a boolean: `"1"`/`"true"` → true, `"0"`/`"false"`/`""` → false (PHP sends true as `1`);
 * - `{ o: { KEY: spec } }`: an object's members by key (own keys only); met with a list, each item;
 * - `{ a: spec }`: each item of a list, or each value of a map keyed by ids.
 * Members the spec does not name keep the string they arrived as. Independently of the spec, an
 * object whose keys are exactly 0…n-1 becomes a list, as PHP's json_encode writes it.
 */
export type EventWireSpec =
  | 'n'
  | 'b'
  | { readonly o: Readonly<Record<string, EventWireSpec>> }
  | { readonly a: EventWireSpec };

/** Secrets of `auth` kept readable but not enumerable: out of JSON.stringify, util.inspect and spreads. */
const HIDDEN = new Set(['application_token', 'access_token', 'refresh_token']);
const own = Object.prototype.hasOwnProperty;

function bool(v: string): boolean | string {
  const l = v.toLowerCase();
  return l === '1' || l === 'true' ? true : l === '0' || l === 'false' || l === '' ? false : v;
}

const isList = (keys: readonly string[]) => keys.length > 0 && keys.every((k, i) => k === String(i));

function apply(spec: EventWireSpec | undefined, v: FormTree | string, hide: boolean): unknown {
  if (typeof v === 'string') return spec === 'n' ? num(v) : spec === 'b' ? bool(v) : v;
  const keys = Object.keys(v); // integer keys first, ascending: what the list test needs
  const each = typeof spec === 'object' && 'a' in spec ? spec.a : undefined;
  const members = typeof spec === 'object' && 'o' in spec ? spec.o : undefined;
  if (isList(keys)) {
    // A list of objects described by `o`, or the items of `a`.
    return keys.map((k) => apply(each ?? (members ? spec : undefined), v[k]!, false));
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const value = apply(each ?? (members && own.call(members, k) ? members[k] : undefined), v[k]!, k === 'auth');
    // defineProperty: an own member whatever its name (the parser refuses `__proto__` anyway).
    Object.defineProperty(out, k, { value, enumerable: !(hide && HIDDEN.has(k)), writable: true, configurable: true });
  }
  return out;
}

/** The payload of a form tree by its spec: plain objects and arrays, new, never sharing the tree. */
export function applyWireSpec(spec: EventWireSpec | null | undefined, tree: FormTree): Record<string, unknown> {
  return apply(spec ?? undefined, tree, false) as Record<string, unknown>;
}
