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
  /** The documented descriptions of its errors without a code (unique, in documented order). */
  reasons: string[];
  /** Whether params may be omitted. */
  paramsOptional: boolean;
}

export function errorCodes(errors: readonly IrError[]): string[] {
  return [...new Set(errors.map((e) => e.code).filter((c): c is string => c !== null))];
}

/**
 * What the portal sends as `error_description` for the rows without a code (`-`; the CRM pages put
 * "Not found", "Access denied" there, with `error: ""`): the row's message, else its description
 * when it is a short phrase. The runtime matches a caught error's description against them (`reason`).
 */
export function errorReasons(errors: readonly IrError[]): string[] {
  return [...new Set(errors.filter((e) => e.code === null).map(reasonText).filter(Boolean))];
}

function reasonText(e: IrError): string {
  const message = (e.message ?? '').trim();
  // A number or hex value in the code column read as a message (`400`, `0x100002`) is a code, not a reason.
  if (/^(0x[0-9a-f]+|\d+)$/i.test(message)) return '';
  if (message) return message;
  const d = e.description.trim();
  return d.length <= 80 && !d.includes('\n') ? d : '';
}

/** Whether a binding's params may be omitted: no required parameter and one parameter set. */
export function paramsOptional(method: IrMethod): boolean {
  return !method.params.some((p) => p.required) && !(method.paramSets && method.paramSets.length > 1);
}

/** The `@see` tag to the method's published page. */
export function seeTag(method: IrMethod): string {
  return `@see {@link ${pageUrl(method.docPath)} | ${method.name}}`;
}

/** Appends the page link to a TSDoc body. */
function withSee(docs: string, method: IrMethod): string {
  return docs ? `${docs}\n\n${seeTag(method)}` : seeTag(method);
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
    return [{ kind: StructureKind.TypeAlias, name, isExported: true, type: variants.join(' | '), docs: [withSee(escapeDoc(doc + ' The docs define alternative parameter sets.'), method)] }];
  }
  if (method.params.length === 0 && !method.paramsDocumented) {
    return [{ kind: StructureKind.TypeAlias, name, isExported: true, type: 'Record<string, unknown>', docs: [withSee(escapeDoc(`Parameters of \`${method.name}\`: the page documents none, so any are accepted.`), method)] }];
  }
  if (method.params.length === 0) {
    return [{ kind: StructureKind.TypeAlias, name, isExported: true, type: 'Record<string, never>', docs: [withSee(escapeDoc(`\`${method.name}\` takes no parameters.`), method)] }];
  }
  declareInterface(name, doc, method.params, ctx, true);
  return [];
}

function resultType(method: IrMethod, names: MethodNames, ctx: TypeContext): StatementStructures | null {
  const name = `${names.type}Result`;
  const row = method.result.fields.find((f) => f.name === 'result');
  if (!row) {
    const why = method.result.documented ? 'The returned-data table has no `result` row.' : 'The page documents no returned data.';
    return { kind: StructureKind.TypeAlias, name, isExported: true, type: 'unknown', docs: [withSee(escapeDoc(`Result of \`${method.name}\`: not documented. ${why}`), method)] };
  }
  // An object result is itself the `…Result` interface; an array of objects gets `…ResultItem`;
  // an object that may arrive as `[]` or `null` gets `…ResultObject` and the union.
  const wired = Boolean(row.wire?.emptyArray || row.wire?.nullable);
  const own = row.type.kind === 'object' && !wired ? name : `${name}${row.type.kind === 'object' ? 'Object' : 'Item'}`;
  let type = row.fields && row.fields.length > 0 ? membersTypeText(row, own, ctx) : fieldTypeText(row, name, ctx);
  if (row.fields?.length && row.wire?.emptyArray) type = `${type} | []`;
  if (row.fields?.length && row.wire?.nullable) type = `${type} | null`;
  if (type === name) return null;
  return { kind: StructureKind.TypeAlias, name, isExported: true, type, docs: [withSee(tsdoc([`Result of \`${method.name}\` (the \`result\` member of the response).`, row.description]), method)] };
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
    docs: withSee(escapeDoc(`The response of \`${method.name}\`: \`result\`${rows.length ? `, ${rows.map((r) => `\`${r.name}\``).join(', ')}` : ''} and \`time\`.`), method),
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

/**
 * The reason union (descriptions of the errors without a code) and the method's error guard:
 * `isCrmDealGetError(e, code?)`, narrowing to its documented codes and the protocol-wide ones.
 */
function errorGuard(method: IrMethod, names: MethodNames, reasons: string[]): StatementStructures[] {
  const reasonType = `${names.type}ErrorReason`;
  const out: StatementStructures[] = [];
  if (reasons.length) {
    out.push({
      kind: StructureKind.TypeAlias,
      name: reasonType,
      isExported: true,
      type: reasons.map(stringLiteral).join(' | '),
      docs: [escapeDoc(`What \`${method.name}\` documents for its errors without a code (\`-\`): the portal's \`error_description\`, which the runtime matches into \`B24Error.reason\`.`)],
    });
  }
  const guard = `is${names.type}Error`;
  out.push({
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [
      escapeDoc(
        `Whether a caught error is a \`B24Error\` of \`${method.name}\`; with a code, one with that code: \`${names.type}ErrorCode\` or a protocol-wide code (\`B24ProtocolErrorCode\`), completed by the editor.` +
          (reasons.length ? ` Its \`reason\` is typed \`${reasonType}\`.` : ''),
      ),
    ],
    declarations: [
      {
        name: guard,
        type: `B24ErrorGuard<${names.type}ErrorCode | B24ProtocolErrorCode${reasons.length ? `, ${reasonType}` : ', never'}>`,
        initializer: `/* @__PURE__ */ errorGuard(${stringLiteral(method.name)})`,
      },
    ],
  });
  return out;
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

/** Inline code for TSDoc: backticks inside become quotes. */
const code = (s: string) => `\`${escapeDoc(s).replace(/`/g, "'")}\``;

/** The deprecation tag of a method (also on its `call` overload). */
export function deprecationTag(method: IrMethod, fnByName: (name: string) => string | undefined): DocTag | null {
  if (!method.deprecated) return null;
  const r = method.deprecated.replacement;
  const fn = r ? fnByName(r) : undefined;
  const use = fn ? `{@link ${fn}} (\`${escapeDoc(r!)}\`)` : `(\`${escapeDoc(r ?? '')}\`)`;
  return { tag: 'deprecated', text: r ? `Use ${use} instead.` : 'The docs mark this method deprecated.' };
}

/**
 * The binding's tags. `@throws` starts with its text (the code, or the reason of a row without
 * one) and ends with the link to the method's error guard: a tag that starts with `{` is read as a type.
 */
export function methodTags(method: IrMethod, fnByName: (name: string) => string | undefined, guard?: string): DocTag[] {
  const tags: DocTag[] = [];
  const deprecated = deprecationTag(method, fnByName);
  if (deprecated) tags.push(deprecated);
  for (const e of method.errors) {
    const reason = e.code === null ? reasonText(e) : '';
    const lead = e.code !== null ? code(e.code) : reason ? `reason ${code(reason)}` : '';
    const message = reason ? '' : (e.message ?? '').trim();
    const description = e.description.trim() === reason ? '' : e.description.trim();
    const rest = [e.httpStatus ? `(HTTP ${e.httpStatus})` : '', message, description ? `— ${description}` : '']
      .filter(Boolean)
      .map((t) => escapeDoc(t).replace(/`/g, "'"));
    const text = [lead, ...rest].join(' ').trim();
    tags.push({ tag: 'throws', text: `${text || 'an error'}${guard ? ` ({@link ${guard}})` : ''}` });
  }
  tags.push({ tag: 'see', text: `{@link ${pageUrl(method.docPath)} | ${method.name}}` });
  return tags;
}

export function methodDocs(method: IrMethod, fnByName: (name: string) => string | undefined, guard?: string): string {
  const scope = method.scopes.length ? `Scope: ${method.scopes.map((s) => `\`${s}\``).join(', ')}.` : '';
  const access = method.access ? `Who can execute the method: ${method.access}.`.replace(/\.\.$/, '.') : '';
  return tsdoc([method.title, method.description, [scope, access].filter(Boolean).join(' ')], methodTags(method, fnByName, guard));
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
  const ctx = newTypeContext([`${names.type}Params`, `${names.type}Error`, `${names.type}ErrorCode`, `${names.type}ErrorReason`, ...(model?.reserved ?? [])], 'params');
  const usedEntities = new Set<string>();
  if (model) ctx.entityType = entityResolver(model.entities, usedEntities);
  const params = paramsType(method, names, ctx);
  ctx.side = 'result';
  const result = resultType(method, names, ctx);
  const response = responseType(method, names, ctx);
  const codes = errorCodes(method.errors);
  const reasons = errorReasons(method.errors);
  const optional = paramsOptional(method);
  const meta = `${names.fn}Meta`;
  const spec = resultSpec(method, model);
  const metaValue = metaLiteral(method, spec);
  // Every params and result interface links its page (member hovers name the interface).
  const interfaces: StatementStructures[] = ctx.declarations.map((d) => interfaceStructure({ ...d, docs: withSee(d.docs, method) }));
  const statements: StatementStructures[] = [
    ...params,
    ...interfaces,
    ...(result ? [result] : []),
    response,
    ...errorEnum(method, names, codes),
    ...errorGuard(method, names, reasons),
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
      docs: [methodDocs(method, fnByName, `is${names.type}Error`)],
      // `{ decode: true }` types the result as decoded (numbers for numeric strings), as the runtime returns it.
      typeParameters: [{ name: 'D', constraint: 'boolean', default: 'false' }],
      parameters: [
        { name: 'client', type: 'B24Invoker' },
        { name: 'params', type: `${names.type}Params`, ...(optional ? { initializer: '{}' } : {}) },
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
  ctx.runtimeTypes.add('B24ErrorGuard');
  return { statements, commonTypes: [...ctx.commonTypes].sort(), runtimeTypes: [...ctx.runtimeTypes].sort(), entities: [...usedEntities].sort(), decodes: spec !== null, codes, reasons, paramsOptional: optional };
}

/** The `MethodMeta` object literal of a method (its binding's meta and its registry entry). */
export function metaLiteral(method: IrMethod, spec: DecodeSpec | null = null): string {
  const list = method.list;
  const listText = list
    ? `, list: { paramCase: '${list.paramCase}'${list.itemsKey ? `, itemsKey: ${stringLiteral(list.itemsKey)}` : ''}${list.idField ? `, idField: ${stringLiteral(list.idField)}` : ''}${list.paging ? `, paging: '${list.paging}'` : ''} }`
    : '';
  const reasons = errorReasons(method.errors);
  const reasonsText = reasons.length ? `, reasons: [${reasons.map(stringLiteral).join(', ')}]` : '';
  return `{ method: ${stringLiteral(method.name)}, apiVersion: ${method.apiVersion}, kind: '${method.kind}'${listText}${spec ? `, decode: ${specLiteral(spec)}` : ''}${reasonsText} }`;
}
