/**
 * Old spellings of renamed methods (`IrDocument.methodAliases`, case-only renames such as
 * `disk.file.copyto` → `disk.file.copyTo`) stay usable: every export of the new method's module gets a
 * `@deprecated` alias under the old name, and the old name stays a key of `B24Methods`, a `call`
 * overload and a registry entry. Bitrix24 resolves method names case-insensitively, so the old key
 * calls the same wire method; the registry entry names the new one.
 */
import { StructureKind, VariableDeclarationKind, type StatementStructures } from 'ts-morph';
import { camelCase, pascalCase, type MethodNames } from '../ir/binding-names.js';
import type { IrDocument, IrMethod } from '../ir/types.js';
import { stringLiteral } from './naming.js';
import { escapeDoc } from './tsdoc.js';

/** The old names of each method (those the IR keeps as aliases), in alias order. */
export function oldNamesByMethod(doc: Pick<IrDocument, 'methods' | 'methodAliases'>): Map<IrMethod, string[]> {
  const out = new Map<IrMethod, string[]>();
  for (const a of doc.methodAliases ?? []) {
    for (const m of doc.methods) {
      if (m.name !== a.to) continue;
      const list = out.get(m) ?? [];
      list.push(a.from);
      out.set(m, list);
    }
  }
  return out;
}

/** The type prefix and binding name the old spelling had (as `methodNames` derives them). */
function oldIdentifiers(oldName: string, method: IrMethod): { type: string; fn: string } {
  const type = pascalCase(oldName) + (method.apiVersion === 3 ? 'V3' : '');
  return { type, fn: camelCase(type) };
}

function exportedName(s: StatementStructures): { name: string; value: boolean; type: boolean } | null {
  switch (s.kind) {
    case StructureKind.Interface:
    case StructureKind.TypeAlias:
      return s.isExported ? { name: s.name, value: false, type: true } : null;
    case StructureKind.Enum:
      return s.isExported ? { name: s.name, value: true, type: true } : null;
    case StructureKind.Function:
      return s.isExported && s.name ? { name: s.name, value: true, type: false } : null;
    case StructureKind.VariableStatement:
      return s.isExported && s.declarations.length === 1 ? { name: s.declarations[0]!.name, value: true, type: false } : null;
    default:
      return null;
  }
}

/**
 * `@deprecated` aliases of the module's exports under each old name: `diskFileCopyto` for
 * `diskFileCopyTo`, `DiskFileCopytoParams` for `DiskFileCopyToParams`, and so on. An old identifier
 * that is the new one (the spelling change does not reach it) or that another export of the
 * package already uses (`taken`) gets no alias.
 */
export function aliasStatements(statements: readonly StatementStructures[], method: IrMethod, names: MethodNames, oldNames: readonly string[], taken: ReadonlySet<string>): StatementStructures[] {
  const out: StatementStructures[] = [];
  for (const oldName of oldNames) {
    const old = oldIdentifiers(oldName, method);
    // Another method of the package already has these identifiers: its exports keep them.
    if (taken.has(old.type) || taken.has(old.fn)) continue;
    for (const s of statements) {
      const e = exportedName(s);
      if (!e) continue;
      const renamed = e.name.startsWith(names.type) ? old.type + e.name.slice(names.type.length)
        : e.name.startsWith(names.fn) ? old.fn + e.name.slice(names.fn.length)
          : e.name.includes(names.type) ? e.name.replace(names.type, old.type) : null;
      if (!renamed || renamed === e.name || taken.has(renamed)) continue;
      const docs = [escapeDoc(`\`${oldName}\` is now \`${method.name}\` in the docs; Bitrix24 resolves method names case-insensitively, so both call the same method.`) + `\n\n@deprecated Use {@link ${e.name}}.`];
      if (e.value) {
        out.push({ kind: StructureKind.VariableStatement, isExported: true, declarationKind: VariableDeclarationKind.Const, docs, declarations: [{ name: renamed, type: `typeof ${e.name}`, initializer: e.name }] });
      }
      if (e.type) out.push({ kind: StructureKind.TypeAlias, isExported: true, name: renamed, type: e.name, docs });
    }
  }
  return out;
}

/** Every identifier the method modules export by prefix (type prefixes and bindings): alias names must avoid them. */
export function takenIdentifiers(names: Iterable<MethodNames>): Set<string> {
  const out = new Set<string>();
  for (const n of names) out.add(n.type).add(n.fn);
  return out;
}

/** `B24Methods` members for the old names: the new method's entry under the old key. */
export function aliasMapEntries(doc: Pick<IrDocument, 'methods' | 'methodAliases'>, apiVersion: 2 | 3, map: string): string[] {
  const out: string[] = [];
  for (const [m, olds] of oldNamesByMethod(doc)) {
    if (m.apiVersion !== apiVersion) continue;
    for (const old of olds) {
      out.push(`  /** @deprecated \`${escapeDoc(old)}\` is now \`${escapeDoc(m.name)}\`: use that name (both call the same method). */\n  ${stringLiteral(old)}: ${map}[${stringLiteral(m.name)}];`);
    }
  }
  return out;
}

/** `call` overloads for the old names, struck through in the editor. */
export function aliasOverloads(doc: Pick<IrDocument, 'methods' | 'methodAliases'>, apiVersion: 2 | 3, names: Map<IrMethod, MethodNames>, paramsOptional: (m: IrMethod) => boolean): string[] {
  const out: string[] = [];
  for (const [m, olds] of oldNamesByMethod(doc)) {
    if (m.apiVersion !== apiVersion) continue;
    const n = names.get(m)!;
    const params = paramsOptional(m) ? `params?: ${n.type}Params` : `params: ${n.type}Params`;
    for (const old of olds) {
      out.push(`  /** @deprecated \`${escapeDoc(old)}\` is now \`${escapeDoc(m.name)}\` (binding \`${n.fn}\`). */\n  call(method: ${stringLiteral(old)}, ${params}, options?: CallOptions<false>): Promise<${n.type}Result>;`);
    }
  }
  return out;
}

/** Registry rows for the old names: the new method's meta (which names the new wire method). */
export function aliasRegistryRows(doc: Pick<IrDocument, 'methods' | 'methodAliases'>, meta: (m: IrMethod) => string): string[] {
  const out: string[] = [];
  for (const [m, olds] of oldNamesByMethod(doc)) for (const old of olds) out.push(`  ${stringLiteral(`${m.apiVersion}:${old}`)}: ${meta(m)},`);
  return out;
}
