/**
 * One entity model → one module `entities/<name>.ts`: its interface on the wire (as results carry
 * it), with the portal's custom fields as a template-literal index. Results import only the
 * entities they use, so a binding's types pull in nothing else.
 */
import type { StatementStructures } from 'ts-morph';
import type { IrEntity } from '../ir/types.js';
import { pageUrl } from '../ir/doc-url.js';
import { tsdoc } from './tsdoc.js';
import { declareInterface, entityTypeName, interfaceStructure, newTypeContext, type TypeContext } from './type-text.js';

/** Module path of an entity inside the package, without extension. */
export function entityModule(entity: string): string {
  return `entities/${entity.replace(/[^A-Za-z0-9._-]/g, '_')}`;
}

export interface EntityModule {
  statements: StatementStructures[];
  commonTypes: string[];
  runtimeTypes: string[];
  /** Other entities it refers to. */
  entities: string[];
}

/** A type-name resolver for entities that records which ones a module uses. */
export function entityResolver(known: ReadonlyMap<string, IrEntity>, used: Set<string>, self?: string): NonNullable<TypeContext['entityType']> {
  return (name) => {
    if (!known.has(name)) return undefined;
    if (name !== self) used.add(name);
    return entityTypeName(name);
  };
}

export function entityFile(entity: IrEntity, known: ReadonlyMap<string, IrEntity>, reserved: readonly string[]): EntityModule {
  const name = entityTypeName(entity.name);
  const ctx = newTypeContext(reserved.filter((r) => r !== name), 'result');
  const used = new Set<string>();
  ctx.entityType = entityResolver(known, used, entity.name);
  const [docPath, anchor] = entity.source.split('#');
  const docs = tsdoc([`The ${entity.title.replace(/`/g, "'")} object (\`${entity.name}\`), as results carry it.`], [{ tag: 'see', text: `{@link ${pageUrl(docPath!)}${anchor ? `#${anchor}` : ''} | ${entity.name}}` }]);
  declareInterface(name, docs, entity.fields, ctx, false);
  const decl = ctx.declarations.find((d) => d.name === name);
  // Custom fields of the portal: `UF_CRM_…` in UPPER_CASE entities, `ufCrm…` in camelCase ones.
  if (decl && !decl.alias) {
    const upper = entity.fields.filter((f) => /^[A-Z][A-Z0-9_]*$/.test(f.name)).length * 2 >= entity.fields.length;
    const key = upper ? '`UF_${string}`' : '`uf${string}`';
    if (!decl.indexSignatures.some((i) => i.keyType === key)) decl.indexSignatures.push({ keyType: key, type: 'unknown', docs: 'Custom fields of the portal (user fields), which no page can list.' });
  }
  return { statements: ctx.declarations.map(interfaceStructure), commonTypes: [...ctx.commonTypes].sort(), runtimeTypes: [...ctx.runtimeTypes].sort(), entities: [...used].sort() };
}
