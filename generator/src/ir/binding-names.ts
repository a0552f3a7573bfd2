/**
 * The names of the generated bindings, derived from the IR alone: the emitter exports them and the
 * OpenAPI document uses them as `operationId`s, so both stages ask here and neither imports the other.
 */
import type { IrMethod } from './types.js';

const RESERVED = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with as implements interface let package private protected public static yield await any boolean number string symbol type from of unknown never object bigint undefined arguments eval'.split(' '),
);

function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/** `bizproc.activity.log` → `BizprocActivityLog`; never empty, never starts with a digit. */
export function pascalCase(text: string): string {
  const id = words(text)
    .map((w) => cap(w.toLowerCase() === w || w.toUpperCase() === w ? w.toLowerCase() : w))
    .join('');
  if (!id) return 'X';
  return /^[0-9]/.test(id) ? `N${id}` : id;
}

/** `bizproc.activity.log` → `bizprocActivityLog`; reserved words get a trailing underscore. */
export function camelCase(text: string): string {
  const p = pascalCase(text);
  const id = p.charAt(0).toLowerCase() + p.slice(1);
  return RESERVED.has(id) ? `${id}_` : id;
}

/** Makes names unique in first-come order by appending `_2`, `_3`…; the input order must be stable. */
export function uniqueNames(names: readonly string[], key: (n: string) => string = (n) => n): string[] {
  const used = new Map<string, number>();
  return names.map((n) => {
    const k = key(n);
    const count = used.get(k) ?? 0;
    used.set(k, count + 1);
    if (count === 0) return n;
    let i = count + 1;
    while (used.has(key(`${n}_${i}`))) i++;
    used.set(key(`${n}_${i}`), 1);
    return `${n}_${i}`;
  });
}

/** The identifiers of every method's exports, unique across the package and stable in sorted order. */
export interface MethodNames {
  /** Type prefix: `BizprocActivityLog`. */
  type: string;
  /** Binding function: `bizprocActivityLog`. */
  fn: string;
  /** Module path inside the package, without extension: `methods/bizproc/bizproc.activity.log`. */
  module: string;
}

function fileSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}

export function methodNames(methods: readonly IrMethod[]): Map<IrMethod, MethodNames> {
  const suffix = (m: IrMethod) => (m.apiVersion === 3 ? 'V3' : '');
  const types = uniqueNames(methods.map((m) => pascalCase(m.name) + suffix(m)), (n) => n.toLowerCase());
  const modules = uniqueNames(
    methods.map((m) => `${m.apiVersion === 3 ? 'methods-v3' : 'methods'}/${fileSafe(m.name.split('.')[0] ?? 'misc').toLowerCase()}/${fileSafe(m.name)}`),
    (n) => n.toLowerCase(), // case-insensitive file systems
  );
  const out = new Map<IrMethod, MethodNames>();
  methods.forEach((m, i) => {
    const type = types[i]!;
    out.set(m, { type, fn: camelCase(type), module: modules[i]! });
  });
  return out;
}
