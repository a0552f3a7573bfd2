/**
 * The package-level modules: shared aliases, the method maps, the meta registry, system errors,
 * events, the typed `createClient`, and the entry barrel.
 */
import { StructureKind, type StatementStructures } from 'ts-morph';
import type { IrDocument, IrError, IrField, IrMethod } from '../ir/types.js';
import type { MethodNames } from './method-names.js';
import { enumMemberNames, stringLiteral } from './naming.js';
import { escapeDoc, tsdoc } from './tsdoc.js';
import { declareInterface, interfaceStructure, newTypeContext } from './type-text.js';
import { errorCodes, metaLiteral, paramsOptional, seeTag } from './method-file.js';
import type { DecodeSpec } from './decode-spec.js';
import { pageUrl } from '../ir/doc-url.js';
import { aliasMapEntries, aliasOverloads, aliasRegistryRows } from './method-aliases.js';

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

/**
 * One `call` overload per method: hovering a call shows the method's summary and page, and a call of
 * a deprecated method is reported deprecated (struck through). The overloads take the wire form
 * (no `decode`); a call with `decode`, or with a name held in a variable, resolves to the last,
 * generic overload, whose errors (wrong params, a misspelt name) are the ones the compiler reports.
 */
function callOverloads(methods: readonly IrMethod[], names: Map<IrMethod, MethodNames>, map: string, fnByName: (name: string) => string | undefined): string {
  const lines = methods.map((m) => {
    const n = names.get(m)!;
    const first = (m.description ?? '').split(/\n\s*\n/)[0]?.trim() ?? '';
    // The bindings are not in scope here: name the replacement for a call by name, and its binding.
    const r = m.deprecated ? m.deprecated.replacement : undefined;
    const fn = r ? fnByName(r) : undefined;
    const deprecated = m.deprecated
      ? { tag: 'deprecated', text: r ? `Use \`${escapeDoc(r)}\` instead${fn ? ` (binding \`${fn}\`)` : ''}.` : 'The docs mark this method deprecated.' }
      : null;
    const body = tsdoc([m.title, first], [...(deprecated ? [deprecated] : []), { tag: 'see', text: seeTag(m).slice('@see '.length) }]);
    const doc = ['  /**', ...body.split('\n').map((l) => (l ? `   * ${l}` : '   *')), '   */'].join('\n');
    const params = paramsOptional(m) ? `params?: ${n.type}Params` : `params: ${n.type}Params`;
    return `${doc}\n  call(method: ${stringLiteral(m.name)}, ${params}, options?: CallOptions<false>): Promise<${n.type}Result>;`;
  });
  lines.push(
    `  /** A method of {@link ${map}} by name, with \`decode\` or a name held in a variable; a misspelt name does not compile. */`,
    `  call<K extends string = MethodName<${map}>, D extends boolean = false>(method: KnownMethod<${map}, K>, ...args: ArgsOf<${map}, K & MethodName<${map}>, D>): Promise<CallResult<${map}, K & MethodName<${map}>, D>>;`,
  );
  return lines.join('\n');
}

/** `B24Methods` (REST 2) and `B24MethodsV3` (REST 3.0), and their `call` overloads `B24Calls`, `B24CallsV3`; type-only. */
export function methodMapsSource(methods: readonly IrMethod[], names: Map<IrMethod, MethodNames>, fnByName: (name: string) => string | undefined = () => undefined, aliases: Pick<IrDocument, 'methods' | 'methodAliases'> = { methods: [] }): string {
  const imports = methods.map((m) => {
    const n = names.get(m)!;
    return `import type { ${n.type}ErrorCode, ${n.type}Params, ${n.type}Response, ${n.type}Result } from './${n.module}.js';`;
  });
  const v2 = methods.filter((m) => m.apiVersion === 2);
  const v3 = methods.filter((m) => m.apiVersion === 3);
  return [
    "import type { ArgsOf, CallOptions, CallResult, KnownMethod, MethodName } from '@b24gen/runtime';",
    ...imports,
    '',
    '/** Every REST method of the docs, keyed by the name the server expects: params, result (unwrapped), the whole response, and documented error codes. */',
    `export interface B24Methods {\n${[mapEntries(v2, names), ...aliasMapEntries(aliases, 2, 'B24Methods')].join('\n')}\n}`,
    '',
    '/** The REST 3.0 methods (`/rest/api/`), keyed by name. */',
    `export interface B24MethodsV3 {\n${[mapEntries(v3, names), ...aliasMapEntries(aliases, 3, 'B24MethodsV3')].join('\n')}\n}`,
    '',
    '/** `call` of {@link B24Methods}: one overload per method (hover: its summary and page; deprecated ones struck through), then the generic form. */',
    `export interface B24Calls {\n${[...aliasOverloads(aliases, 2, names, paramsOptional), callOverloads(v2, names, 'B24Methods', fnByName)].join('\n')}\n}`,
    '',
    '/** `v3.call` of {@link B24MethodsV3}: one overload per method, then the generic form. */',
    `export interface B24CallsV3 {\n${[...aliasOverloads(aliases, 3, names, paramsOptional), callOverloads(v3, names, 'B24MethodsV3', fnByName)].join('\n')}\n}`,
    '',
  ].join('\n');
}

/** The meta of every method, for calls by name; `loadMethodRegistry` (client.ts) imports it when the app passes it to `createClient`. */
export function registrySource(methods: readonly IrMethod[], spec: (m: IrMethod) => DecodeSpec | null = () => null, aliases: Pick<IrDocument, 'methods' | 'methodAliases'> = { methods: [] }): string {
  const rows = methods.map((m) => `  ${stringLiteral(`${m.apiVersion}:${m.name}`)}: ${metaLiteral(m, spec(m))},`);
  rows.push(...aliasRegistryRows(aliases, (m) => metaLiteral(m, spec(m))));
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

/**
 * `error-codes.ts`: the union of every known code (the catalog's codes and the protocol-wide ones)
 * and `isB24Error` typed with it, so `isB24Error(e, '…')` completes and a typo does not compile.
 */
export function errorCodesSource(doc: Pick<IrDocument, 'methods'>): string {
  const codes = [...new Set(doc.methods.flatMap((m) => errorCodes(m.errors)))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [
    "import { isB24Error as isAnyB24Error, type B24ErrorGuard, type B24OAuthErrorCode, type B24RuntimeErrorCode } from '@b24gen/runtime';",
    "import type { SystemErrorCode } from './system-errors.js';",
    '',
    '/** Codes any method may answer with: the system errors of the docs, the OAuth errors, and the runtime\'s own (`TIMEOUT`, `NETWORK_ERROR`, `HTTP_<status>` …). */',
    'export type B24ProtocolErrorCode = SystemErrorCode | B24OAuthErrorCode | B24RuntimeErrorCode;',
    '',
    `/** Every error code a method page documents (${codes.length}; see error-catalog.md). */`,
    `export type B24DocumentedErrorCode =\n${codes.length ? codes.map((c) => `  | ${stringLiteral(c)}`).join('\n') : '  never'};`,
    '',
    '/** Every known error code: documented by a method page, or protocol-wide. */',
    'export type B24ErrorCode = B24ProtocolErrorCode | B24DocumentedErrorCode;',
    '',
    '/**',
    ' * Whether a caught error is a `B24Error`; with a code, one with that code, narrowed to the literal. The',
    ' * code is one of {@link B24ErrorCode} (completed by the editor; a misspelt code does not compile). To',
    ' * narrow to one method\'s codes, use the guard beside its binding (`isCrmDealGetError`).',
    ' */',
    'export const isB24Error = isAnyB24Error as B24ErrorGuard<B24ErrorCode>;',
    '',
  ].join('\n');
}

export function clientSource(): string {
  return `import {
  createClient as createRuntimeClient,
  type ApiVersion,
  type B24Client as RuntimeClient,
  type ClientOptions,
  type MethodMeta,
} from '@b24gen/runtime';
import type { B24Calls, B24CallsV3, B24Methods, B24MethodsV3 } from './b24-methods.js';
import { errorClasses } from './error-classes.js';

/** Meta of every method keyed by \`\${apiVersion}:\${name}\`. */
export type MethodRegistry = Readonly<Record<string, MethodMeta>>;

/**
 * A Bitrix24 client typed with every documented method. Bindings take it; \`call\` has one overload
 * per method, so hovering a call shows the method's summary and page, and deprecated methods are struck through.
 */
export interface B24Client extends Omit<RuntimeClient<B24Methods, B24MethodsV3>, 'call' | 'v3'>, B24Calls {
  /** REST 3.0 (\`/rest/api/...\`): calls typed per method, batch, paginate and listAll. */
  readonly v3: B24CallsV3 & Omit<RuntimeClient<B24Methods, B24MethodsV3>['v3'], 'call'>;
}

/** The options of {@link createClient}: the runtime's, and the method registry for calls by name. */
export type B24ClientOptions = ClientOptions & {
  /**
   * The meta of every method, for calls by name (\`call\`, \`batch\`, \`paginate\`, \`listAll\`): pass
   * {@link loadMethodRegistry}. With it, \`paginate\` takes the ID cursor where the list allows it,
   * \`decode: true\` works by name, and errors get their documented \`reason\`. Without it a method called
   * by name is read or write by its verb, \`paginate\` follows \`next\`, and \`decode: true\` by name throws.
   * Bindings carry their own meta and never need it: an app of bindings stays small, even bundled as one file.
   */
  registry?: (() => Promise<MethodRegistry>) | undefined;
};

/**
 * Loads the meta of every method (about 150 KB minified; a lazy chunk when the bundle is split):
 * \`createClient({ webhookUrl, registry: loadMethodRegistry })\`.
 */
export function loadMethodRegistry(): Promise<MethodRegistry> {
  return import('./registry.js').then((r) => r.methodRegistry);
}

/**
 * Creates a client for an incoming webhook (\`{ webhookUrl }\`) or an OAuth application
 * (\`{ portal, oauth: { … } }\`), typed with {@link B24Methods}. The method registry is not loaded
 * unless \`registry\` is given.
 */
export function createClient(options: B24ClientOptions): B24Client {
  const load = options.registry;
  let registry: Promise<MethodRegistry> | undefined;
  const resolveMeta = load && ((method: string, apiVersion: ApiVersion) => (registry ??= load()).then((r) => r[\`\${apiVersion}:\${method}\`]));
  return createRuntimeClient<B24Methods, B24MethodsV3>(options, { resolveMeta, errorClasses }) as unknown as B24Client;
}
`;
}
