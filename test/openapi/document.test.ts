/** generated/openapi.json compared with the corpus IR: operations, names, schemas, errors and examples of real pages. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIr, PROJECT_ROOT } from '../../generator/src/pipeline.js';
import { methodNames } from '../../generator/src/ir/binding-names.js';
import { pageUrl } from '../../generator/src/ir/doc-url.js';
import type { IrDocument, IrMethod } from '../../generator/src/ir/types.js';
import { openApiDocument, openApiFiles, openApiText } from '../../generator/src/openapi/document.js';
import { DOCS_ROOT } from '../support/docs.js';

const DOC_PATH = join(PROJECT_ROOT, 'generated/openapi.json');
type Json = Record<string, any>;

let ir: IrDocument;
let doc: Json;
const op = (name: string): Json => doc.paths[`/${name}`].post;
const method = (name: string): IrMethod => ir.methods.find((m) => m.name === name && m.apiVersion === 2)!;

beforeAll(() => {
  ir = buildIr({ docsRoot: DOCS_ROOT, cacheFile: join(PROJECT_ROOT, '.cache/pages.json') }).ir;
  doc = JSON.parse(readFileSync(DOC_PATH, 'utf8')) as Json;
});

describe('the OpenAPI document of the corpus', () => {
  it('is deterministic: the same IR gives the same text', () => {
    expect(openApiText(openApiDocument(ir, 2).document)).toBe(openApiFiles(ir).get('openapi.json'));
  });

  it('has one POST operation per v2 method, named like its binding, and the 3.0 methods in the second document', () => {
    const v2 = ir.methods.filter((m) => m.apiVersion === 2);
    expect(Object.keys(doc.paths)).toEqual(v2.map((m) => `/${m.name}`).sort());
    const names = methodNames(ir.methods);
    for (const m of v2) expect(op(m.name).operationId).toBe(names.get(m)!.fn);
    const v3 = JSON.parse(readFileSync(join(PROJECT_ROOT, 'generated/openapi-v3.json'), 'utf8')) as Json;
    expect(Object.keys(v3.paths).length).toBe(ir.methods.filter((m) => m.apiVersion === 3).length);
    expect(v3.servers[0].url).toBe('https://{portal}/rest/api/{userId}/{webhookCode}');
    expect(v3.paths['/tasks.task.get'].post.operationId).toBe('tasksTaskGetV3');
  });

  it('bizproc.activity.log: params, errors, examples, page and auth as the IR has them', () => {
    const m = method('bizproc.activity.log');
    const o = op(m.name);
    expect(o).toMatchObject({ operationId: 'bizprocActivityLog', tags: ['bizproc'], summary: m.title, externalDocs: { url: pageUrl(m.docPath) } });
    expect(o.deprecated).toBeUndefined();
    expect(o.security).toEqual([{}, { AuthParam: ['bizproc'] }, { BearerToken: ['bizproc'] }]);
    const params = doc.components.schemas.BizprocActivityLogParams;
    expect(params.required).toEqual(['EVENT_TOKEN', 'LOG_MESSAGE']);
    expect(Object.keys(params.properties)).toEqual(m.params.map((p) => p.name));
    expect(o.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/BizprocActivityLogParams' });
    expect(o.requestBody.content['application/x-www-form-urlencoded'].schema).toEqual({ $ref: '#/components/schemas/BizprocActivityLogParams' });
    // The page's cURL bodies use lower-case keys the params table spells in capitals: the schema rejects them, so they are left out.
    expect(o.requestBody.content['application/json'].examples).toBeUndefined();
    // No returned-data table: `result` stays untyped, not invented.
    expect(o.responses['200'].content['application/json'].schema.properties.result).toEqual({});
    const own = o.responses['400'].content['application/json'];
    const system400 = ir.systemErrors.filter((e) => e.httpStatus === 400).map((e) => e.code);
    expect(own.schema.properties.error.enum).toEqual(['ERROR_EMPTY_LOG_MESSAGE', ...system400]);
    expect(own.example).toEqual({ error: 'ERROR_EMPTY_LOG_MESSAGE', error_description: 'Empty log message!' });
    expect(o.responses['503']).toEqual({ $ref: '#/components/responses/SystemError503' });
    expect(doc.components.responses.SystemError503.content['application/json'].schema.properties.error.enum).toEqual(ir.systemErrors.filter((e) => e.httpStatus === 503).map((e) => e.code));
  });

  it('crm.deal.list: the result on the wire model, total and next, the response example', () => {
    const m = method('crm.deal.list');
    const o = op(m.name);
    const result = doc.components.schemas.CrmDealListResult;
    const row = m.result.fields.find((f) => f.name === 'result')!;
    expect(result.type).toBe('array');
    const id = row.fields!.find((f) => f.name === 'ID')!;
    expect(id.wire?.numbers).toBe('string');
    expect(result.items.properties.ID.$ref).toBe('#/components/schemas/B24NumericString');
    expect(result.items.properties.CATEGORY_ID.anyOf).toEqual([{ type: 'null' }, { $ref: '#/components/schemas/B24NumericString' }]);
    const envelope = o.responses['200'].content['application/json'];
    expect(Object.keys(envelope.schema.properties)).toEqual(['result', ...m.result.fields.filter((f) => f.name !== 'result' && f.name !== 'time').map((f) => f.name), 'time']);
    expect(envelope.examples.example1.value).toEqual(m.responseExamples[0]!.value);
    expect(doc.components.schemas.CrmDealListParams.properties.filter.type).toEqual(['object', 'array']);
  });

  it('deprecated methods, entities by $ref, errors without a status under default', () => {
    const deprecated = ir.methods.filter((m) => m.apiVersion === 2 && m.deprecated);
    expect(deprecated.length).toBeGreaterThan(0);
    for (const m of deprecated) expect(op(m.name).deprecated).toBe(true);
    expect(doc.components.schemas.CrmCompanyFieldsResult.additionalProperties).toEqual({ $ref: '#/components/schemas/B24FieldDescription' });
    const withEntity = ir.methods.find((m) => m.apiVersion === 2 && m.result.fields.some((f) => f.name === 'result' && f.entity === 'task'))!;
    expect(JSON.stringify(doc.components.schemas[`${methodNames(ir.methods).get(withEntity)!.type}Result`])).toContain('#/components/schemas/Task');
    const noStatus = ir.methods.find((m) => m.apiVersion === 2 && m.errors.some((e) => e.httpStatus === null && e.code))!;
    const codes = noStatus.errors.filter((e) => e.httpStatus === null).map((e) => e.code ?? '');
    expect(op(noStatus.name).responses.default.content['application/json'].schema.properties.error.enum).toEqual([...new Set(codes)]);
  });

  it('gives a 4xx response to every operation whose page documents a 4xx error (or includes the system errors), and to no other', () => {
    const without = Object.entries<Json>(doc.paths).filter(([, item]) => !Object.keys(item.post.responses).some((s) => /^4\d\d$/.test(s))).map(([p]) => p.slice(1)).sort();
    const expected = ir.methods.filter((m) => m.apiVersion === 2 && ![...m.errors, ...(m.systemErrors ? ir.systemErrors : [])].some((e) => e.httpStatus !== null && e.httpStatus >= 400 && e.httpStatus < 500)).map((m) => m.name).sort();
    expect(without).toEqual(expected);
  });
});
