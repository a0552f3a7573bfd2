/** One method → one module: params and result types, the error enum, the meta object and the binding. */
import { StructureKind, VariableDeclarationKind, type StatementStructures } from 'ts-morph';
import type { IrEntity, IrError, IrMethod } from '../ir/types.js';
import { DecodeSpecs, specLiteral, type DecodeSpec } from './decode-spec.js';
import { entityResolver } from './entity-file.js';
import { pageUrl } from '../ir/doc-url.js';
import type { MethodNames } from './method-names.js';
import { enumMemberNames, propertyKey, stringLiteral } from './naming.js';
import { escapeDoc, tsdoc, type DocTag } from './tsdoc.js';
import { declareInterface, fieldDocs, fieldTypeText, interfaceStructure, membersTypeText, newTypeContext, type InterfaceDecl, type TypeContext } from './type-text.js';

export interface MethodModule {
  /** Statements of the module, in order. */
  statements: StatementStructures[];
  /** Shared types it imports from `common.ts`. */
  commonTypes: string[];
  /** Types it imports from the runtime besides the binding's own (`B24NumericString`). */
  runtimeTypes: string[];
  /** Entity models it imports. */
  entities: string[];
  /** Whether it emits a result decoder (a value import of the runtime's `decodeWire`). */
  decodes: boolean;
  /** The error codes of its union (unique, in documented order). */
  codes: string[];
  /** Whether params may be omitted. */
  paramsOptional: boolean;
}

export function errorCodes(errors: readonly IrError[]): string[] {
  return [...new Set(errors.map((e) => e.code).filter((c): c is string => c !== null))];
}

function paramsType(method: IrMethod, names: MethodNames, ctx: TypeContext): StatementStructures[] {
  const name = `${names.type}Params`;
  const doc = `Parameters of \`${method.name}\`.`;
  if (method.paramSets && method.paramSets.length > 1) {
    const variants = method.paramSets.map((set, i) => {
      const vname = `${name}${i + 1}`;
      declareInterface(vname, `Parameter set "${set.title}" of \`${method.name}\`.`, set.params, ctx, true);
      return vname;
    });
    return [{ kind: StructureKind.TypeAlias, name, isExported: true, type: variants.join(' | '), docs: [escapeDoc(doc + ' The docs define alternative parameter sets.')] }];
  }
  if (method.params.length === 0 && !method.paramsDocumented) {
    return [{ kind: StructureKind.TypeAlias, name, isExported: true, type: 'Record<string, unknown>', docs: [escapeDoc(`Parameters of \`${method.name}\`: the page documents none, so any are accepted.`)] }];
  }
  if (method.params.length === 0) {
    return [{ kind: StructureKind.TypeAlias, name, isExported: true, type: 'Record<string, never>', docs: [escapeDoc(`\`${method.name}\` takes no parameters.`)] }];
  }
  declareInterface(name, doc, method.params, ctx, true);
  return [];
}

function resultType(method: IrMethod, names: MethodNames, ctx: TypeContext): StatementStructures | null {
  const name = `${names.type}Result`;
  const row = method.result.fields.find((f) => f.name === 'result');
  if (!row) {
    const why = method.result.documented ? 'The returned-data table has no `result` row.' : 'The page documents no returned data.';
    return { kind: StructureKind.TypeAlias, name, isExported: true, type: 'unknown', docs: [escapeDoc(`Result of \`${method.name}\`: not documented. ${why}`)] };
  }
  // An object result is itself the `…Result` interface; an array of objects gets `…ResultItem`;
  // an object that may arrive as `[]` or `null` gets `…ResultObject` and the union.
  const wired = Boolean(row.wire?.emptyArray || row.wire?.nullable);
  const own = row.type.kind === 'object' && !wired ? name : `${name}${row.type.kind === 'object' ? 'Object' : 'Item'}`;
  let type = row.fields && row.fields.length > 0 ? membersTypeText(row, own, ctx) : fieldTypeText(row, name, ctx);
  if (row.fields?.length && row.wire?.emptyArray) type = `${type} | []`;
  if (row.fields?.length && row.wire?.nullable) type = `${type} | null`;
  if (type === name) return null;
  return { kind: StructureKind.TypeAlias, name, isExported: true, type, docs: [tsdoc([`Result of \`${method.name}\` (the \`result\` member of the response).`, row.description])] };
}

/**
 * The whole response as documented by the returned-data table: `result`, the shared `time`, and
 * the other top-level rows (`total`, `next` of list methods). Pages without the table get the envelope.
 */
function responseType(method: IrMethod, names: MethodNames, ctx: TypeContext): StatementStructures {
  const name = `${names.type}Response`;
  ctx.commonTypes.add('B24Time');
  const rows = method.result.fields.filter((f) => f.name !== 'result' && f.name !== 'time');
  const decl: InterfaceDecl = {
    name,
    docs: escapeDoc(`The response of \`${method.name}\`: \`result\`${rows.length ? `, ${rows.map((r) => `\`${r.name}\``).join(', ')}` : ''} and \`time\`.`),
    members: [
      { key: 'result', type: `${names.type}Result`, optional: false, docs: '' },
      ...rows.map((r) => ({ key: propertyKey(r.name), type: fieldTypeText(r, name, ctx), optional: true, docs: fieldDocs(r, false) })),
      { key: 'time', type: 'B24Time', optional: false, docs: escapeDoc('Execution time of the request (api-reference/data-types.md#time).') },
    ],
    indexSignatures: [],
  };
  ctx.usedNames.add(name);
  return interfaceStructure(decl);
}

function errorEnum(method: IrMethod, names: MethodNames, codes: string[]): StatementStructures[] {
  const type = `${names.type}ErrorCode`;
  if (codes.length === 0) {
    return [{ kind: StructureKind.TypeAlias, name: type, isExported: true, type: 'never', docs: [escapeDoc(`\`${method.name}\` documents no error codes of its own.`)] }];
  }
  const enumName = `${names.type}Error`;
  const memberNames = enumMemberNames(codes);
  const members = codes.map((code, i) => {
    const name = memberNames[i]!;
    const rows = method.errors.filter((e) => e.code === code);
    const docs = rows.map((e) => [e.httpStatus ? `HTTP ${e.httpStatus}` : '', e.message ?? '', e.description].filter(Boolean).join(' — ')).filter(Boolean);
    return { name, value: code, docs: docs.length ? [tsdoc(docs)] : [] };
  });
  return [
    { kind: StructureKind.Enum, name: enumName, isExported: true, members, docs: [escapeDoc(`Error codes documented for \`${method.name}\`.`)] },
    { kind: StructureKind.TypeAlias, name: type, isExported: true, type: `\`\${${enumName}}\``, docs: [escapeDoc(`The error codes of \`${method.name}\` as a string union.`)] },
  ];
}

export function methodTags(method: IrMethod, fnByName: (name: string) => string | undefined): DocTag[] {
  const tags: DocTag[] = [];
  if (method.deprecated) {
    const r = method.deprecated.replacement;
    const fn = r ? fnByName(r) : undefined;
    const use = fn ? `{@link ${fn}} (\`${escapeDoc(r!)}\`)` : `(\`${escapeDoc(r ?? '')}\`)`;
    tags.push({ tag: 'deprecated', text: r ? `Use ${use} instead.` : 'The docs mark this method deprecated.' });
  }
  for (const e of method.errors) {
    const what = [e.code ? `\`${e.code}\`` : null, e.httpStatus ? `(HTTP ${e.httpStatus})` : null, e.message, e.description ? `— ${e.description}` : null].filter(Boolean).join(' ');
    tags.push({ tag: 'throws', text: `{@link B24Error} ${escapeDoc(what.replace(/`/g, "'").replace(/^'([^']*)'/, '`$1`'))}` });
  }
  tags.push({ tag: 'see', text: `{@link ${pageUrl(method.docPath)} | ${method.name}}` });
  return tags;
}

export function methodDocs(method: IrMethod, fnByName: (name: string) => string | undefined): string {
  const scope = method.scopes.length ? `Scope: ${method.scopes.map((s) => `\`${s}\``).join(', ')}.` : '';
  const access = method.access ? `Who can execute the method: ${method.access}.`.replace(/\.\.$/, '.') : '';
  return tsdoc([method.title, method.description, [scope, access].filter(Boolean).join(' ')], methodTags(method, fnByName));
}

/** What every method module shares: the entity models, their names, and the decode specs. */
export interface EmitModel {
  entities: ReadonlyMap<string, IrEntity>;
  /** Type names no local declaration may take (the entities'). */
  reserved: readonly string[];
  specs: DecodeSpecs;
}

export function emitModel(entities: readonly IrEntity[], typeName: (e: string) => string): EmitModel {
  const map = new Map(entities.map((e) => [e.name, e]));
  return { entities: map, reserved: entities.map((e) => typeName(e.name)), specs: new DecodeSpecs(map) };
}

/** The decode spec of a method's result (null: it arrives as documented). */
export function resultSpec(method: IrMethod, model: EmitModel | undefined): DecodeSpec | null {
  const row = method.result.fields.find((f) => f.name === 'result');
  return row && model ? model.specs.field(row) : null;
}

export function methodModule(method: IrMethod, names: MethodNames, fnByName: (name: string) => string | undefined, model?: EmitModel): MethodModule {
  const ctx = newTypeContext([`${names.type}Params`, `${names.type}Error`, `${names.type}ErrorCode`, ...(model?.reserved ?? [])], 'params');
  const usedEntities = new Set<string>();
  if (model) ctx.entityType = entityResolver(model.entities, usedEntities);
  const params = paramsType(method, names, ctx);
  ctx.side = 'result';
  const result = resultType(method, names, ctx);
  const response = responseType(method, names, ctx);
  const codes = errorCodes(method.errors);
  const paramsOptional = !method.params.some((p) => p.required) && !(method.paramSets && method.paramSets.length > 1);
  const meta = `${names.fn}Meta`;
  const spec = resultSpec(method, model);
  const metaValue = metaLiteral(method, spec);
  const interfaces: StatementStructures[] = ctx.declarations.map(interfaceStructure);
  const statements: StatementStructures[] = [
    ...params,
    ...interfaces,
    ...(result ? [result] : []),
    response,
    ...errorEnum(method, names, codes),
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [escapeDoc(`How the runtime calls \`${method.name}\`.`)],
      declarations: [{ name: meta, type: 'MethodMeta', initializer: metaValue }],
    },
    {
      kind: StructureKind.Function,
      name: names.fn,
      isExported: true,
      docs: [methodDocs(method, fnByName)],
      // `{ decode: true }` types the result as decoded (numbers for numeric strings), as the runtime returns it.
      typeParameters: [{ name: 'D', constraint: 'boolean', default: 'false' }],
      parameters: [
        { name: 'client', type: 'B24Invoker' },
        { name: 'params', type: `${names.type}Params`, ...(paramsOptional ? { initializer: '{}' } : {}) },
        { name: 'options', type: 'CallOptions<D>', hasQuestionToken: true },
      ],
      returnType: `Promise<MaybeDecoded<${names.type}Result, D>>`,
      statements: [`return client.invoke(${meta}, params, options) as Promise<MaybeDecoded<${names.type}Result, D>>;`],
    },
  ];
  ctx.runtimeTypes.add('MaybeDecoded');
  if (spec) {
    statements.push({
      kind: StructureKind.Function,
      name: `decode${names.type}Result`,
      isExported: true,
      docs: [escapeDoc(`The result of \`${method.name}\` with the documented types: numeric strings become numbers, \`[]\` sent for an empty object becomes \`{}\`; dates stay ISO strings. The input is not changed.`)],
      parameters: [{ name: 'result', type: `${names.type}Result` }],
      returnType: `Decoded<${names.type}Result>`,
      statements: [`return decodeWire<Decoded<${names.type}Result>>(${meta}.decode, result);`],
    });
    ctx.runtimeTypes.add('Decoded');
  }
  return { statements, commonTypes: [...ctx.commonTypes].sort(), runtimeTypes: [...ctx.runtimeTypes].sort(), entities: [...usedEntities].sort(), decodes: spec !== null, codes, paramsOptional };
}

/** The `MethodMeta` object literal of a method (its binding's meta and its registry entry). */
export function metaLiteral(method: IrMethod, spec: DecodeSpec | null = null): string {
  const list = method.list;
  const listText = list
    ? `, list: { paramCase: '${list.paramCase}'${list.itemsKey ? `, itemsKey: ${stringLiteral(list.itemsKey)}` : ''}${list.idField ? `, idField: ${stringLiteral(list.idField)}` : ''} }`
    : '';
  return `{ method: ${stringLiteral(method.name)}, apiVersion: ${method.apiVersion}, kind: '${method.kind}'${listText}${spec ? `, decode: ${specLiteral(spec)}` : ''} }`;
}
