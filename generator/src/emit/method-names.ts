/** The identifiers of every method's exports, unique across the package and stable in sorted order. */
import type { IrMethod } from '../ir/types.js';
import { camelCase, pascalCase, uniqueNames } from './naming.js';

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
