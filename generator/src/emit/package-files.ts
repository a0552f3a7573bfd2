/**
 * The package-level modules: shared aliases, the method maps, the meta registry, system errors,
 * events, the typed `createClient`, and the entry barrel.
 */
import { StructureKind, type StatementStructures } from 'ts-morph';
import type { IrError, IrField, IrMethod } from '../ir/types.js';
import type { MethodNames } from './method-names.js';
import { enumMemberNames, stringLiteral } from './naming.js';
import { escapeDoc, tsdoc } from './tsdoc.js';
import { declareInterface, interfaceStructure, newTypeContext } from './type-text.js';
import { metaLiteral } from './method-file.js';
import type { DecodeSpec } from './decode-spec.js';
import { pageUrl } from '../ir/doc-url.js';

export function commonModule(aliases: Map<string, { docName: string; base: string }>, time: readonly IrField[], fieldDescription: readonly IrField[] = []): StatementStructures[] {
  const timeCtx = newTypeContext(['B24Time', 'B24FieldDescription'], 'result');
  declareInterface('B24Time', escapeDoc('The `time` object of every response (api-reference/data-types.md#time); its members vary by method and environment.'), time, timeCtx, false);
  declareInterface('B24FieldDescription', escapeDoc('How a `fields` method describes one field (the `*rest_field_description` objects of the data-types pages); modules add members of their own.'), fieldDescription, timeCtx, false);
  timeCtx.declarations.find((d) => d.name === 'B24FieldDescription')?.indexSignatures.push({ keyType: 'string', type: 'unknown', docs: '' });
  const imports: StatementStructures[] = timeCtx.runtimeTypes.size ? [{ kind: StructureKind.ImportDeclaration, moduleSpecifier: '@b24gen/runtime', isTypeOnly: true, namedImports: [...timeCtx.runtimeTypes].sort() }] : [];
  const out: StatementStructures[] = [
    ...imports,
    ...timeCtx.declarations.map(interfaceStructure),
    { kind: StructureKind.TypeAlias, name: 'B24Boolean', isExported: true, type: "boolean | 'Y' | 'N' | 0 | 1", docs: [escapeDoc('A documented `boolean`: Bitrix24 takes and returns `Y`/`N` (sometimes `0`/`1` or `true`/`false`), see api-reference/data-types.md.')] },
  ];
  out.push(
    { kind: StructureKind.TypeAlias, name: 'B24Numeric', isExported: true, type: 'number | `${number}`', docs: [escapeDoc('A documented `integer` or `double` parameter: a number, or its decimal string (parameters travel as strings in form encoding and batch commands, and the server reads them so).')] },
    { kind: StructureKind.TypeAlias, name: 'B24FilterOperator', isExported: true, type: "'' | '=' | '!' | '!=' | '<>' | '>' | '>=' | '<' | '<=' | '%' | '=%' | '%=' | '!%' | '!=%' | '!%=' | '@' | '!@' | '><' | '!><' | '?' | '*' | '*%' | '!*'", docs: [escapeDoc('Prefixes of filter keys (`>=DATE_CREATE`, `@ID`, `%TITLE`), as the list-method docs describe them.')] },
    { kind: StructureKind.TypeAlias, name: 'B24Filter', isExported: true, typeParameters: ['T'], type: "{ [K in keyof T & string as `${B24FilterOperator}${K}`]?: unknown } & { [key: `${B24FilterOperator}UF_${string}`]: unknown; [key: `${number}`]: unknown; logic?: 'AND' | 'OR' }", docs: [escapeDoc('A filter over the documented fields `T`: each key may carry an operator prefix; `logic` with numbered sub-filters groups conditions; custom `UF_` fields are allowed.')] },
    { kind: StructureKind.TypeAlias, name: 'B24Order', isExported: true, typeParameters: ['T'], type: "{ [K in keyof T & string]?: 'ASC' | 'DESC' | 'asc' | 'desc' } & { [key: `UF_${string}`]: 'ASC' | 'DESC' | 'asc' | 'desc' }", docs: [escapeDoc('Sort order over the documented fields `T`.')] },
    { kind: StructureKind.TypeAlias, name: 'B24FieldMap', isExported: true, typeParameters: ['T'], type: '{ [K in keyof T & string]?: B24FieldDescription } & { [key: string]: B24FieldDescription }', docs: [escapeDoc('The result of a `fields` method: each field of the entity `T` (and each custom field) mapped to its description.')] },
    { kind: StructureKind.TypeAlias, name: 'B24Select', isExported: true, typeParameters: ['T'], type: "Array<(keyof T & string) | '*' | 'UF_*' | (string & {})>", docs: [escapeDoc('Fields to return: names of the documented fields `T` (autocompleted), masks such as `*` and `UF_*`, or other names the portal knows.')] },
  );
  for (const [name, a] of [...aliases.entries()].sort(([x], [y]) => (x < y ? -1 : 1))) {
    if (name === 'B24Boolean') continue;
    // Entity ids documented as numbers accept numeric strings, as every number parameter does.
    out.push({ kind: StructureKind.TypeAlias, name, isExported: true, type: a.base === 'number' ? 'B24Numeric' : a.base, docs: [escapeDoc(`The documented type \`${a.docName}\`.`)] });
  }
  return out;
}

function mapEntries(methods: readonly IrMethod[], names: Map<IrMethod, MethodNames>): string {
  return methods
    .map((m) => {
      const n = names.get(m)!;
      const doc = `  /** ${escapeDoc(m.title).replace(/\n/g, ' ')} {@link ${pageUrl(m.docPath)}} */`;
      return `${doc}\n  ${stringLiteral(m.name)}: { params: ${n.type}Params; result: ${n.type}Result; response: ${n.type}Response; error: ${n.type}ErrorCode };`;
    })
    .join('\n');
}

/** `B24Methods` (REST 2) and `B24MethodsV3` (REST 3.0), type-only. */
export function methodMapsSource(methods: readonly IrMethod[], names: Map<IrMethod, MethodNames>): string {
  const imports = methods.map((m) => {
    const n = names.get(m)!;
    return `import type { ${n.type}ErrorCode, ${n.type}Params, ${n.type}Response, ${n.type}Result } from './${n.module}.js';`;
  });
  const v2 = methods.filter((m) => m.apiVersion === 2);
  const v3 = methods.filter((m) => m.apiVersion === 3);
  return [
    ...imports,
    '',
    '/** Every REST method of the docs, keyed by the name the server expects: params, result (unwrapped), the whole response, and documented error codes. */',
    `export interface B24Methods {\n${mapEntries(v2, names)}\n}`,
    '',
    '/** The REST 3.0 methods (`/rest/api/`), keyed by name. */',
    `export interface B24MethodsV3 {\n${mapEntries(v3, names)}\n}`,
    '',
  ].join('\n');
}

/** The meta of every method, loaded lazily by `createClient` for `call(name)` and `paginate(name)`. */
export function registrySource(methods: readonly IrMethod[], spec: (m: IrMethod) => DecodeSpec | null = () => null): string {
  const rows = methods.map((m) => `  ${stringLiteral(`${m.apiVersion}:${m.name}`)}: ${metaLiteral(m, spec(m))},`);
  return [
    "import type { MethodMeta } from '@b24gen/runtime';",
    '',
    '/** Meta of every method keyed by `${apiVersion}:${name}`. */',
    `export const methodRegistry: Readonly<Record<string, MethodMeta>> = {\n${rows.join('\n')}\n};`,
    '',
  ].join('\n');
}

export function systemErrorsModule(errors: readonly IrError[]): StatementStructures[] {
  const codes = [...new Set(errors.map((e) => e.code).filter((c): c is string => c !== null))];
  const names = enumMemberNames(codes);
  return [
    {
      kind: StructureKind.Enum,
      name: 'SystemError',
      isExported: true,
      docs: [escapeDoc('Errors any method may return (api-reference `_includes/system-errors.md`).')],
      members: codes.map((code, i) => {
        const rows = errors.filter((e) => e.code === code);
        return { name: names[i]!, value: code, docs: [tsdoc(rows.map((e) => [e.httpStatus ? `HTTP ${e.httpStatus}.` : '', e.message, e.description].filter(Boolean).join(' ')))] };
      }),
    },
    { kind: StructureKind.TypeAlias, name: 'SystemErrorCode', isExported: true, type: '`${SystemError}`', docs: [escapeDoc('The system error codes as a string union.')] },
  ];
}

// The events module lives in events-file.ts.
export { eventsModule } from './events-file.js';

export function clientSource(): string {
  return `import {
  createClient as createRuntimeClient,
  type ApiVersion,
  type B24Client as RuntimeClient,
  type ClientOptions,
  type MethodMeta,
} from '@b24gen/runtime';
import type { B24Methods, B24MethodsV3 } from './b24-methods.js';
import { errorClasses } from './error-classes.js';

/** A Bitrix24 client typed with every documented method. */
export type B24Client = RuntimeClient<B24Methods, B24MethodsV3>;

/** The meta registry is loaded on first use, so apps that call a few bindings stay small. */
function resolveMeta(method: string, apiVersion: ApiVersion): Promise<MethodMeta | undefined> {
  return import('./registry.js').then((r) => r.methodRegistry[\`\${apiVersion}:\${method}\`]);
}

/**
 * Creates a client for an incoming webhook (\`{ webhookUrl }\`) or an OAuth application
 * (\`{ portal, oauth: { … } }\`), typed with {@link B24Methods}.
 */
export function createClient(options: ClientOptions): B24Client {
  return createRuntimeClient<B24Methods, B24MethodsV3>(options, { resolveMeta, errorClasses });
}
`;
}
