/** The error catalog: build.ts on a handcrafted IR, the class rules, and the rendered json / md / ts. */
import Ajv from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { buildErrorCatalog } from '../../generator/src/catalog/build.js';
import { classifyCode, classifyError, OPERATION_TIME_LIMIT } from '../../generator/src/catalog/classify.js';
import { catalogFiles, MD_METHOD_LINKS } from '../../generator/src/catalog/files.js';
import type { IrDocument, IrError, IrMethod } from '../../generator/src/ir/types.js';
import { loadTemplates, packageFiles } from '../../generator/src/pipeline.js';
import { PROJECT_ROOT } from '../support/docs.js';

const err = (code: string | null, httpStatus: number | null, message: string | null, description = ''): IrError => ({ code, httpStatus, message, description });

function method(name: string, errors: IrError[], apiVersion: 2 | 3 = 2): IrMethod {
  // Asserted, not annotated: the IR may gain members that the catalog does not read.
  return {
    name,
    apiVersion,
    docPath: `api-reference/${name.replace(/\./g, '-')}.md`,
    title: name,
    description: '',
    scopes: ['crm'],
    access: null,
    deprecated: false,
    kind: 'read',
    params: [],
    result: { documented: false, fields: [] },
    errors,
    systemErrors: true,
    examples: [],
    responseExamples: [],
    paramsDocumented: false,
  } as IrMethod;
}

const ir: Pick<IrDocument, 'methods' | 'systemErrors'> = {
  systemErrors: [
    err('QUERY_LIMIT_EXCEEDED', 503, 'Too many requests', 'The request intensity limit has been exceeded'),
    err('NO_AUTH_FOUND', 401, 'Wrong authorization data', 'Invalid access token'),
    err('INTERNAL_SERVER_ERROR', 500, 'Internal server error', 'An internal server error'),
    OPERATION_TIME_LIMIT,
  ],
  methods: [
    method('crm.b.get', [err('ERROR_NOT_FOUND', 400, 'Not found', 'The item was not found'), err(null, 400, 'Only a message'), err('ACCESS_DENIED', 403, 'Access denied | no rights', 'No rights')]),
    method('crm.a.get', [err('ERROR_NOT_FOUND', 404, 'Item not found', 'The item was not found'), err('ERROR_NOT_FOUND', 404, 'Item not found', 'The item was not found')]),
    method('crm.a.get', [err('ERROR_NOT_FOUND', 400, 'Not found', 'Other description')], 3),
    method('crm.c.add', [err('QUERY_LIMIT_EXCEEDED', 429, 'Slow down', 'Too fast'), err('ERROR_CORE', 500, 'Core failure', 'Internal')]),
  ],
};

describe('buildErrorCatalog', () => {
  const catalog = buildErrorCatalog(ir);
  const entry = (code: string) => catalog.entries.find((e) => e.code === code)!;

  it('has the system codes (OPERATION_TIME_LIMIT included) and every per-method code, sorted by code', () => {
    expect(catalog.entries.map((e) => e.code)).toEqual(['ACCESS_DENIED', 'ERROR_CORE', 'ERROR_NOT_FOUND', 'INTERNAL_SERVER_ERROR', 'NO_AUTH_FOUND', 'OPERATION_TIME_LIMIT', 'QUERY_LIMIT_EXCEEDED']);
    expect(catalog.entries.filter((e) => e.system).map((e) => e.code)).toEqual(['INTERNAL_SERVER_ERROR', 'NO_AUTH_FOUND', 'OPERATION_TIME_LIMIT', 'QUERY_LIMIT_EXCEEDED']);
  });

  it('keeps every distinct message, status and description, and each documenting method once with its page', () => {
    expect(entry('ERROR_NOT_FOUND')).toEqual({
      code: 'ERROR_NOT_FOUND',
      class: 'permanent',
      httpStatuses: [400, 404],
      messages: ['Item not found', 'Not found'],
      descriptions: ['The item was not found', 'Other description'],
      system: false,
      methods: [
        { name: 'crm.a.get', apiVersion: 2, url: 'https://apidocs.bitrix24.com/api-reference/crm-a-get.html' },
        { name: 'crm.a.get', apiVersion: 3, url: 'https://apidocs.bitrix24.com/api-reference/crm-a-get.html' },
        { name: 'crm.b.get', apiVersion: 2, url: 'https://apidocs.bitrix24.com/api-reference/crm-b-get.html' },
      ],
    });
  });

  it('a system code documented by a method keeps both messages and is classed by its system definition', () => {
    expect(entry('QUERY_LIMIT_EXCEEDED')).toMatchObject({ system: true, class: 'transient', httpStatuses: [429, 503], messages: ['Too many requests', 'Slow down'], methods: [{ name: 'crm.c.add' }] });
    expect(entry('OPERATION_TIME_LIMIT')).toMatchObject({ system: true, class: 'transient', httpStatuses: [429], methods: [] });
  });

  it('classes come from classify.ts', () => {
    for (const e of catalog.entries) expect(e.class).toBe(classifyCode(e.code, e.system ? ir.systemErrors.filter((s) => s.code === e.code).map((s) => s.httpStatus) : e.httpStatuses));
    expect(entry('NO_AUTH_FOUND').class).toBe('auth');
    expect(entry('ERROR_CORE').class).toBe('transient');
    expect(entry('ACCESS_DENIED').class).toBe('permanent');
  });

  it('is deterministic: the order of methods in the IR does not matter', () => {
    const shuffled = { ...ir, methods: [...ir.methods].reverse() };
    expect(JSON.stringify(buildErrorCatalog(shuffled))).toBe(JSON.stringify(catalog));
  });
});

describe('class rules', () => {
  it('classifyError', () => {
    expect(classifyError({ code: 'QUERY_LIMIT_EXCEEDED', httpStatus: 503 })).toBe('transient');
    expect(classifyError({ code: 'OPERATION_TIME_LIMIT', httpStatus: 429 })).toBe('transient');
    expect(classifyError({ code: 'expired_token', httpStatus: 401 })).toBe('auth');
    expect(classifyError({ code: 'ANYTHING', httpStatus: 401 })).toBe('auth');
    expect(classifyError({ code: 'INTERNAL_SERVER_ERROR', httpStatus: 500 })).toBe('transient');
    expect(classifyError({ code: 'OVERLOAD_LIMIT', httpStatus: 503 })).toBe('permanent');
    expect(classifyError({ code: 'PORTAL_DELETED', httpStatus: 500 })).toBe('permanent');
    expect(classifyError({ code: 'ERROR_NOT_FOUND', httpStatus: 400 })).toBe('permanent');
    expect(classifyError({ code: 'ERROR_NOT_FOUND', httpStatus: null })).toBe('permanent');
  });

  it('classifyCode: several statuses resolve to the class that retries least', () => {
    expect(classifyCode('X', [])).toBe('permanent');
    expect(classifyCode('X', [500, 503])).toBe('transient');
    expect(classifyCode('X', [500, 400])).toBe('permanent');
    expect(classifyCode('X', [500, 401])).toBe('auth');
    expect(classifyCode('QUERY_LIMIT_EXCEEDED', [503, 400])).toBe('transient');
  });
});

describe('rendered catalog files', () => {
  const files = catalogFiles(ir, loadTemplates());
  const json = JSON.parse(files.get('error-catalog.json')!) as unknown;
  const schema = JSON.parse(readFileSync(join(PROJECT_ROOT, 'generator/src/catalog/error-catalog.schema.json'), 'utf8')) as object;
  const validate = new Ajv({ allErrors: true }).compile(schema);

  it('error-catalog.json is valid against the checked-in JSON Schema', () => {
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(json).toEqual(buildErrorCatalog(ir));
  });

  it('the schema rejects a wrong class or a missing field', () => {
    const bad = structuredClone(json) as { entries: Array<Record<string, unknown>> };
    bad.entries[0]!.class = 'sometimes';
    expect(validate(bad)).toBe(false);
    delete (bad.entries[1] as Record<string, unknown>).methods;
    expect(validate(bad)).toBe(false);
  });

  it('the committed generated/error-catalog.json is valid and agrees with generated/error-classes.ts', () => {
    const path = join(PROJECT_ROOT, 'generated/error-catalog.json');
    if (!existsSync(path)) return;
    const committed = JSON.parse(readFileSync(path, 'utf8')) as { entries: Array<{ code: string; class: string; system: boolean }> };
    expect(validate(committed), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const classes = readFileSync(join(PROJECT_ROOT, 'generated/error-classes.ts'), 'utf8');
    const rows = [...classes.matchAll(/^\s+'?([A-Za-z0-9_.:-]+)'?: '(\w+)',$/gm)].map((m) => [m[1], m[2]]);
    expect(rows.length).toBeGreaterThan(0);
    for (const [code, cls] of rows) expect([code, committed.entries.find((e) => e.code === code && e.system)?.class]).toEqual([code, cls]);
  });

  it('error-catalog.md: one row per code, pipes escaped, methods linked', () => {
    const md = files.get('error-catalog.md')!;
    expect(md).toContain('4 system codes that any method may\nreturn and 3 codes documented by method pages (7 in all)');
    expect(md).toContain('| `QUERY_LIMIT_EXCEEDED` | transient | 429, 503 | Too many requests<br>Slow down | [crm.c.add](https://apidocs.bitrix24.com/api-reference/crm-c-add.html) |');
    expect(md).toContain('| `ACCESS_DENIED` | permanent | 403 | Access denied \\| no rights |');
    expect(md).toContain('[crm.a.get (v3)](https://apidocs.bitrix24.com/api-reference/crm-a-get.html)');
    expect(md.match(/^\| `/gm)).toHaveLength(7);
  });

  it('error-catalog.md lists at most MD_METHOD_LINKS methods per code', () => {
    const many = { ...ir, methods: Array.from({ length: MD_METHOD_LINKS + 3 }, (_, i) => method(`crm.m${String(i).padStart(2, '0')}.get`, [err('ERROR_MANY', 400, 'Many')])) };
    const md = catalogFiles(many, loadTemplates()).get('error-catalog.md')!;
    const line = md.split('\n').find((l) => l.startsWith('| `ERROR_MANY`'))!;
    expect(line.match(/\]\(https:/g)).toHaveLength(MD_METHOD_LINKS);
    expect(line).toContain('and 3 more (see error-catalog.json)');
  });

  it('error-catalog.ts type-checks and exports the typed catalog', () => {
    const project = new Project({ tsConfigFilePath: join(PROJECT_ROOT, 'tsconfig.json'), skipAddingFilesFromTsConfig: true });
    const dir = join(PROJECT_ROOT, 'test/catalog/__snippet__');
    project.createSourceFile(join(dir, 'error-catalog.ts'), files.get('error-catalog.ts')!, { overwrite: true });
    const use = project.createSourceFile(
      join(dir, 'use.ts'),
      `import { errorCatalog, type ErrorCatalogEntry } from './error-catalog.js';
const e: ErrorCatalogEntry | undefined = errorCatalog.find((x) => x.code === 'ERROR_NOT_FOUND');
const cls: 'transient' | 'auth' | 'permanent' | undefined = e?.class;
const n: number | undefined = e?.httpStatuses[0];
void cls; void n;
// @ts-expect-error the catalog is read-only
errorCatalog[0].code = 'X';
`,
      { overwrite: true },
    );
    const diags = project.getPreEmitDiagnostics().map((d) => `${d.getSourceFile()?.getBaseName()}: ${JSON.stringify(d.getMessageText())}`);
    expect(diags).toEqual([]);
    expect(use.getFullText()).toContain('errorCatalog');
  }, 60_000);

  it('packageFiles holds the catalog files and index.ts exports errorCatalog', () => {
    const full: IrDocument = { schemaVersion: '1.0.0', generatorVersion: '0', source: { repository: 'r', commit: null, contentHash: 'h' }, events: [], diagnostics: [], protocol: { time: [] }, entities: [], ...ir };
    const pkg = packageFiles(full);
    expect([...pkg.keys()]).toEqual(expect.arrayContaining(['error-catalog.json', 'error-catalog.md', 'error-catalog.ts']));
    expect(pkg.get('index.ts')).toContain("export { errorCatalog, type ErrorCatalogEntry, type ErrorCatalogMethod } from './error-catalog.js';");
  });
});
