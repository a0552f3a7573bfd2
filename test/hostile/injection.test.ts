/**
 * Crafted pages whose names, descriptions, error codes and values carry `*\/`, backticks, `${`,
 * quotes, backslashes, U+2028 and names such as `constructor`, `__proto__`, `default`, `123abc`,
 * `a-b` next to `a_b`, and two methods that differ only in case. The emitted package must compile,
 * say exactly what the page says (property keys, literals, enum values and meta read back through
 * the type checker and by running the transpiled JS), and execute nothing: every method module is
 * transpiled and run in a fresh V8 context with no globals of ours, where it may only define its
 * exports; the only code that runs on a call is one `client.invoke(meta, params, options)`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import vm from 'node:vm';
import { Node, Project, SyntaxKind, ts, type SourceFile } from 'ts-morph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorReasons } from '../../generator/src/emit/method-file.js';
import type { IrMethod } from '../../generator/src/ir/types.js';
import { runPipeline, typeCheck, type RunResult } from './generator-support.js';
import { PROJECT_ROOT } from '../support/docs.js';

const EVIL = "Closes */ a comment /* or not, `ticks`, ${globalThis.pwned = 1}, 'single' \"double\" back\\slash \\u0041, line\u2028sep\u2029end, \u0000nul, @deprecated {@link x} </script><script>pwned()</script> --> `${`";

type Row = [name: string, type: string, description: string];
function methodPage(name: string, o: { params: Row[]; result?: Row[]; errors: [code: string, message: string][] }): string {
  const row = ([n, t, d]: Row) => `|| **${n}**\n[\`${t}\`](../../data-types.md) | ${d} ||`;
  return `# Do things ${EVIL} ${name}

> Scope: [\`crm\`](../../scopes/permissions.md)
>
> Who can execute the method: ${EVIL}

The method ${name} does things. ${EVIL}

## Method parameters

#|
|| **Name**
\`type\` | **Description** ||
${o.params.map(row).join('\n')}
|#

## Code examples

- cURL (Webhook)

    \`\`\`bash
    curl -X POST https://**put_your_bitrix24_address**/rest/**put_your_user_id_here**/**put_your_webhook_here**/${name}
    \`\`\`

## Response handling

HTTP status: **200**

#|
|| **Name**
\`type\` | **Description** ||
|| **result**
[\`object\`](../../data-types.md) | The result ${EVIL} ||
${(o.result ?? []).map(row).join('\n')}
|#

## Error handling

HTTP status: **400**

#|
|| **Code** | **Error message** | **Description** ||
${o.errors.map(([c, m]) => `|| \`${c}\` | ${m} | ${EVIL} ||`).join('\n')}
|#
`;
}

/** Param names as the docs spell them (markdown-escaped where the page needs it). */
const PARAMS: Row[] = [
  ['\\_\\_proto\\_\\_', 'string', EVIL],
  ['default', 'string', 'a reserved word'],
  ['123abc', 'integer', 'starts with digits'],
  ['a-b', 'string', 'a dash'],
  ['a_b', 'string', 'collides with a-b once sanitised'],
  ['MODE', 'string', "Possible values:\n\n- `a'b` — a quote\n- `*/` — a comment closer\n- `back\\slash` — a backslash\n- `x\"y` — a double quote"],
];
const PARAM_NAMES = ['__proto__', 'default', '123abc', 'a-b', 'a_b', 'MODE'];
/** Params named like Object.prototype members: emitted to accept the inherited member too. */
const PROTO_PARAMS = ['constructor', 'toString', 'hasOwnProperty'];
const PROTO_PAGE = 'api-reference/crm/foo/crm-foo-proto.md';
const MODE_VALUES = ["a'b", '*/', 'back\\slash', 'x"y'];
const CODES = ['constructor', '__proto__', 'toString', '123', 'Infinity', 'NaN', 'ERROR_A_B', 'ERROR_A-B'];

const PAGES: Record<string, string> = {
  'api-reference/crm/foo/crm-foo-getlist.md': methodPage('crm.foo.getlist', {
    params: PARAMS,
    result: [['\\_\\_proto\\_\\_', 'string', EVIL], ['a-b', 'integer', EVIL], ['constructor', 'string', EVIL]],
    errors: [...CODES.map((c) => [c, `msg ${EVIL}`] as [string, string]), ['ERR_*/_X', 'unreadable code'], ["ERR'Q", 'q']],
  }),
  'api-reference/crm/foo/crm-foo-getlist-camel.md': methodPage('crm.foo.getList', { params: [['a-b', 'string', EVIL]], errors: [] }),
  'api-reference/crm/foo/crm-foo-default.md': methodPage('crm.foo.default', { params: [['a', 'string', EVIL]], errors: [['default', 'x']] }),
  [PROTO_PAGE]: methodPage('crm.foo.proto', { params: PROTO_PARAMS.map((n) => [n, 'string', EVIL] as Row), errors: [] }),
};

let root: string;
let run: RunResult;
let project: Project;
const base = join(PROJECT_ROOT, '.cache', `hostile-injection-${process.pid}`);
const byName = (n: string): IrMethod => run.ir.methods.find((m) => m.name === n)!;
const moduleOf = (m: IrMethod): string => [...run.files!.keys()].find((k) => k.startsWith('methods/') && run.files!.get(k)!.includes(`from ${m.docPath}.`))!;
const sourceOf = (m: IrMethod): SourceFile => project.getSourceFileOrThrow(join(base, moduleOf(m)));

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'b24gen-injection-'));
  for (const [p, t] of Object.entries(PAGES)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), t);
  }
  run = runPipeline(root, Object.keys(PAGES), true);
  project = new Project({
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, strict: true, skipLibCheck: true, noEmit: true, types: [] },
    skipAddingFilesFromTsConfig: true,
  });
  for (const [p, text] of run.files!) if (p.endsWith('.ts')) project.createSourceFile(join(base, p), text, { overwrite: true });
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** `import { decodeWire, type … } from '@b24gen/runtime'`: the decoder and types, nothing else. */
/** The runtime values generated modules may import: the result decoder, the error-guard factory, the guard. */
function runtimeDecoderOnly(s: import('ts-morph').ImportDeclaration): boolean {
  return s.getModuleSpecifierValue() === '@b24gen/runtime' && s.getNamedImports().every((n) => n.isTypeOnly() || ['decodeWire', 'errorGuard', 'isB24Error'].includes(n.getName()));
}

/** event-receiver.ts imports the receiver's functions from the fixed runtime entry, nothing else. */
function runtimeEventsOnly(s: import('ts-morph').ImportDeclaration): boolean {
  return s.getModuleSpecifierValue() === '@b24gen/runtime/events' && s.getNamedImports().every((n) => n.isTypeOnly() || ['bindEvent', 'createEventReceiver', 'eventParser', 'unbindEvent'].includes(n.getName()));
}

describe('hostile names and prose', () => {
  it('the IR keeps the documented strings', () => {
    expect(run.ir.methods.map((m) => m.name).sort()).toEqual(['crm.foo.default', 'crm.foo.getList', 'crm.foo.getlist', 'crm.foo.proto']);
    expect(byName('crm.foo.proto').params.map((p) => p.name)).toEqual(PROTO_PARAMS);
    const m = byName('crm.foo.getlist');
    expect(m.params.map((p) => p.name)).toEqual(PARAM_NAMES);
    expect(m.params.find((p) => p.name === 'MODE')!.values!.map((v) => v.value)).toEqual(MODE_VALUES);
    for (const c of CODES) expect(m.errors.map((e) => e.code)).toContain(c);
  });

  it('the emitted package compiles', () => {
    const proto = moduleOf(byName('crm.foo.proto'));
    expect(typeCheck(run.files!, (p) => p !== proto)).toEqual([]);
  }, 120_000);

  // `constructor?: string` alone would conflict with the `constructor: Function` every object literal
  // has, so no object literal (not even the binding's `params = {}` default) would be assignable.
  it('params named like Object.prototype members still accept object literals', () => {
    const proto = moduleOf(byName('crm.foo.proto'));
    expect(typeCheck(run.files!, (p) => p === proto)).toEqual([]);
  }, 120_000);

  it('methods that differ only in case get distinct modules, names and map keys', () => {
    const a = moduleOf(byName('crm.foo.getlist'));
    const b = moduleOf(byName('crm.foo.getList'));
    expect(a && b && a.toLowerCase() !== b.toLowerCase()).toBe(true);
    const map = project.getSourceFileOrThrow(join(base, 'b24-methods.ts')).getInterfaceOrThrow('B24Methods');
    const keys = map.getType().getProperties().map((s) => s.getName());
    expect(keys).toEqual(expect.arrayContaining(['crm.foo.getlist', 'crm.foo.getList', 'crm.foo.default']));
  });

  it('params interfaces have exactly the documented keys and literal values', () => {
    const m = byName('crm.foo.getlist');
    const file = sourceOf(m);
    const params = file.getInterfaces().find((i) => i.getName().endsWith('Params'))!;
    const props = params.getType().getProperties();
    expect(props.map((p) => p.getName())).toEqual(PARAM_NAMES);
    const mode = props.find((p) => p.getName() === 'MODE')!.getTypeAtLocation(params);
    const literals = mode.getNonNullableType().getUnionTypes().map((t) => t.getLiteralValue());
    expect(literals.sort()).toEqual([...MODE_VALUES].sort());
    const proto = sourceOf(byName('crm.foo.proto')).getInterfaces().find((i) => i.getName().endsWith('Params'))!;
    expect(proto.getType().getProperties().map((p) => p.getName())).toEqual(PROTO_PARAMS);
  });

  it('no prose escapes its comment: every statement is a declaration of a known shape', () => {
    for (const [path, text] of run.files!) {
      if (!path.endsWith('.ts')) continue;
      const f = project.getSourceFileOrThrow(join(base, path));
      expect(f.getFullText()).toBe(text);
      for (const s of f.getStatements()) {
        const ok =
          (Node.isImportDeclaration(s) && (s.isTypeOnly() || path === 'client.ts' || path === 'index.ts' || runtimeDecoderOnly(s) || runtimeEventsOnly(s))) ||
          Node.isExportDeclaration(s) || Node.isInterfaceDeclaration(s) || Node.isTypeAliasDeclaration(s) || Node.isEnumDeclaration(s) ||
          Node.isFunctionDeclaration(s) || Node.isVariableStatement(s);
        expect(ok, `${path}: ${s.getKindName()} ${s.getText().slice(0, 80)}`).toBe(true);
      }
      // The prose survives only in comments and as string data (the error catalog): never as code.
      for (const n of f.getDescendantsOfKind(SyntaxKind.TemplateExpression)) expect(n.getText(), path).not.toMatch(/pwned/);
      for (const n of f.getDescendantsOfKind(SyntaxKind.Identifier)) expect(n.getText(), path).not.toMatch(/pwned/);
      for (const n of f.getDescendantsOfKind(SyntaxKind.CallExpression)) expect(n.getExpression().getText(), path).not.toMatch(/pwned|globalThis/);
    }
  });

  it('running each method module defines its exports and nothing else; a call is one invoke', async () => {
    for (const m of run.ir.methods) {
      const path = moduleOf(m);
      const js = ts.transpileModule(run.files!.get(path)!, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
      const required: string[] = [];
      const exports: Record<string, any> = {};
      // A fresh context: no process, no require of ours; `pwned` would land on its global.
      const context = vm.createContext({});
      const before = vm.runInContext('Object.getOwnPropertyNames(globalThis).join()', context);
      const factory = vm.runInContext(`(function (exports, require) {${js}\n})`, context, { timeout: 1000 });
      // The only values a method module imports are the runtime's result decoder (when its result needs
      // decoding) and its error-guard factory, called once with the method's name.
      const guarded: unknown[] = [];
      const guard = () => false;
      factory(exports, (id: string) => (required.push(id), { decodeWire: (_spec: unknown, v: unknown) => v, errorGuard: (method: unknown) => (guarded.push(method), guard) }));
      expect(guarded, path).toEqual([m.name]);
      expect(required.filter((id) => id !== '@b24gen/runtime'), path).toEqual([]);
      expect(vm.runInContext('Object.getOwnPropertyNames(globalThis).join()', context), path).toBe(before);

      const file = sourceOf(m);
      const variables = file.getVariableStatements().map((v) => v.getDeclarations()[0]!.getName());
      const metaName = variables.find((n) => n.endsWith('Meta'))!;
      const guardName = variables.find((n) => /^is.*Error$/.test(n))!;
      expect(exports[guardName], path).toBe(guard);
      const fnNames = file.getFunctions().map((f) => f.getName()!);
      const enums = file.getEnums();
      expect(Object.keys(exports).filter((k) => k !== '__esModule').sort(), path).toEqual([metaName, guardName, ...fnNames, ...enums.map((e) => e.getName())].sort());
      const { decode: _decode, reasons, ...meta } = exports[metaName] as Record<string, unknown>;
      expect(meta, path).toEqual({ method: m.name, apiVersion: 2, kind: m.kind });
      // Reasons are data: the documented texts of the rows without a code, as they are.
      expect(reasons ?? [], path).toEqual(errorReasons(m.errors));
      // Enum members are what the docs say: for every member, E[member] === documented code.
      const codes = [...new Set(m.errors.map((e) => e.code).filter(Boolean))];
      for (const e of enums) {
        const obj = exports[e.getName()];
        const members = e.getMembers();
        expect(members.map((x) => x.getValue()).sort(), path).toEqual([...codes].sort());
        for (const x of members) {
          const key = x.getSymbolOrThrow().getName();
          expect(Object.getOwnPropertyDescriptor(obj, key)?.value, `${path} ${e.getName()}[${JSON.stringify(key)}]`).toBe(x.getValue());
        }
      }
      const calls: unknown[][] = [];
      const client = { invoke: (...args: unknown[]) => (calls.push(args), Promise.resolve('ok')) };
      const params = { any: 1 };
      await expect(exports[fnNames[0]!](client, params)).resolves.toBe('ok');
      expect(calls, path).toEqual([[exports[metaName], params, undefined]]);
    }
  });
});
