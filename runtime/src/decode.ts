// Opt-in decoding of results from what the portal sends (the wire) to the documented types.
// No imports on purpose. client.ts imports it and hands it to batch and pagination (`Core.D`): it is
// exported from index.ts too, and a module both there and in a lazy chunk would become an eagerly
// loaded shared chunk (esbuild); this way it is ~0.4 KB gzipped inside the entry chunk.

/** A number the portal sends as a string (`"ID": "410"`, `"OPPORTUNITY": "1000000.00"`). */
export type B24NumericString = `${number}`;

/**
 * How to decode one method's result; emitted by the generator per method (`MethodMeta.decode`).
 * - `'n'`: a documented number: a numeric string becomes a number; anything else is kept as is;
 * - `{ o, rest }`: an object whose members decode by `o[key]` (own keys only), the others by `rest`;
 *   `[]` (PHP's empty array) becomes `{}`;
 * - `{ a }`: a list whose items decode by `a` (a PHP map with keys 0..n stays an object, values decoded);
 * - `{ m }`: a map whose values decode by `m`; `[]` becomes `{}`.
 * Members the spec does not mention are kept as they are (shared, not copied).
 */
export type DecodeSpec =
  | 'n'
  | { readonly o: Readonly<Record<string, DecodeSpec>>; readonly rest?: DecodeSpec }
  | { readonly a: DecodeSpec }
  | { readonly m: DecodeSpec };

type IsExactlyNumeric<T> = [T] extends [B24NumericString] ? ([B24NumericString] extends [T] ? true : false) : false;
type DecodedMember<T> = T extends unknown // one union member at a time
  ? IsExactlyNumeric<T> extends true ? number
    : T extends readonly [] ? T // only reached when `[]` is all there is: nothing to drop it in favour of
    : T extends (...args: any[]) => unknown ? T
    : T extends object ? { [K in keyof T]: Decoded<T[K]> } // arrays and tuples stay arrays and tuples
    : T
  : never;
/**
 * The logical type of a wire type: exactly `${number}` becomes `number` (literal unions such as
 * `'1' | '2'` and plain `string` stay), `[]` is dropped from unions (the decoder turns it into `{}`),
 * arrays and objects map recursively, `null` stays. Dates stay ISO strings.
 */
export type Decoded<T> = 0 extends 1 & T ? T : DecodedMember<[Exclude<T, readonly []>] extends [never] ? T : Exclude<T, readonly []>>;
/** A result type as returned with `decode: D` (`boolean`: either). */
export type MaybeDecoded<R, D extends boolean> = D extends true ? Decoded<R> : R;

const NUMERIC = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const own = Object.prototype.hasOwnProperty;

/** A numeric string as a number; an integer beyond 2^53 stays a string (its digits would be lost). Anything else as it is. */
export function num(v: unknown): unknown {
  if (typeof v !== 'string' || !NUMERIC.test(v)) return v;
  const n = Number(v);
  return Number.isFinite(n) && (Number.isSafeInteger(n) || !/^[-+]?\d+$/.test(v)) ? n : v;
}

/**
 * A copy of `v` (array or object, own enumerable keys) with each value decoded by `specOf(key)`.
 * Object.fromEntries defines members: a `__proto__` key becomes an own member, never the prototype.
 */
const each = (v: object, specOf: (k: string) => DecodeSpec | undefined): unknown =>
  Array.isArray(v)
    ? v.map((x, i) => dec(specOf(String(i)), x))
    : Object.fromEntries(Object.keys(v).map((k) => [k, dec(specOf(k), (v as Record<string, unknown>)[k])]));

function dec(spec: DecodeSpec | undefined, v: unknown): unknown {
  if (spec === 'n') return num(v);
  if (!spec || typeof spec !== 'object' || v === null || typeof v !== 'object') return v;
  if ('a' in spec) return each(v, () => spec.a);
  const empty = Array.isArray(v) && !v.length; // PHP's empty array for an empty object or map
  if ('o' in spec) return empty ? {} : each(v, (k) => (own.call(spec.o, k) ? spec.o[k] : spec.rest));
  if ('m' in spec) return empty ? {} : each(v, () => spec.m);
  return v;
}

/**
 * Decodes a wire value by a spec (see {@link DecodeSpec}); no spec returns the value as it is.
 * Pure: never mutates `value`, never throws, never produces NaN.
 */
export function decodeWire<T>(spec: DecodeSpec | undefined, value: unknown): T {
  return dec(spec, value) as T;
}

/** The spec of one item of a list result: `{a: X}` → X, or `{o: {[itemsKey]: {a: X}}}` → X. */
export function itemSpec(spec: DecodeSpec | undefined, itemsKey?: string): DecodeSpec | undefined {
  let s = spec;
  if (itemsKey && s && typeof s === 'object' && 'o' in s) s = own.call(s.o, itemsKey) ? s.o[itemsKey] : s.rest;
  return s && typeof s === 'object' && 'a' in s ? s.a : undefined;
}
