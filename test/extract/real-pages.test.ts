/** Extraction on real pages of the docs snapshot (a handful of pages, not the corpus). */
import { beforeAll, describe, expect, it } from 'vitest';
import type { IrDocument, IrField, IrMethod } from '../../generator/src/ir/types.js';
import { buildIr } from '../../generator/src/pipeline.js';
import { DOCS_ROOT } from '../support/docs.js';

const LOG = 'api-reference/bizproc/bizproc-activity/bizproc-activity-log.md';
const DEAL_ADD = 'api-reference/crm/deals/crm-deal-add.md';
const ITEM_ADD = 'api-reference/crm/universal/crm-item-add.md';
const ACTIVITY_ADD = 'api-reference/bizproc/bizproc-activity/bizproc-activity-add.md';
const DEAL_LIST = 'api-reference/crm/deals/crm-deal-list.md';
const V3_TASK_GET = 'api-reference/rest-v3/tasks/tasks-task-get.md';
const BOOKING_EVENT = 'api-reference/booking/booking/events/on-booking-add.md';

let ir: IrDocument;
let alone: IrDocument;
beforeAll(() => {
  ir = buildIr({ docsRoot: DOCS_ROOT, pages: [LOG, DEAL_ADD, ITEM_ADD, ACTIVITY_ADD, DEAL_LIST, V3_TASK_GET, BOOKING_EVENT], cacheFile: null }).ir;
  alone = buildIr({ docsRoot: DOCS_ROOT, pages: [DEAL_ADD], cacheFile: null }).ir;
});

const method = (doc: IrDocument, name: string): IrMethod => {
  const m = doc.methods.find((x) => x.name === name);
  if (!m) throw new Error(`no method ${name}; have ${doc.methods.map((x) => x.name).join(', ')}`);
  return m;
};
const field = (fs: readonly IrField[] | undefined, name: string) => fs?.find((f) => f.name === name);

describe('real pages', () => {
  it('reads every page as a method or an event, without error diagnostics', () => {
    expect(ir.methods.map((m) => m.docPath).sort()).toEqual([ACTIVITY_ADD, LOG, DEAL_ADD, DEAL_LIST, ITEM_ADD, V3_TASK_GET].sort());
    expect(ir.events.map((e) => e.docPath)).toEqual([BOOKING_EVENT]);
    expect(ir.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(ir.systemErrors.map((e) => e.code)).toEqual(expect.arrayContaining(['INTERNAL_SERVER_ERROR', 'QUERY_LIMIT_EXCEEDED', 'NO_AUTH_FOUND']));
  });

  it('bizproc.activity.log: params, error with HTTP status, scope, access, result unknown', () => {
    const m = method(ir, 'bizproc.activity.log');
    expect(m.params.map((p) => [p.name, p.docType, p.required])).toEqual([
      ['EVENT_TOKEN', 'string', true],
      ['LOG_MESSAGE', 'string', true],
    ]);
    expect(m.errors).toEqual([{ code: 'ERROR_EMPTY_LOG_MESSAGE', message: 'Empty log message!', description: 'log entry text is not specified', httpStatus: 400, line: 168 }]);
    expect(m).toMatchObject({ apiVersion: 2, scopes: ['bizproc'], access: 'administrator', deprecated: false, kind: 'write', systemErrors: true, result: { documented: false, fields: [] } });
    expect(m.examples.map((e) => e.tab)).toEqual(['cURL (Webhook)', 'cURL (OAuth)']);
    expect(m.examples[0]?.url).toMatch(/\/rest\/.*\/bizproc\.activity\.log$/);
    expect(m.examples[1]?.body).toMatchObject({ log_message: 'Please wait for answer!' });
    expect(m.description).not.toMatch(/TO-DO/); // the build == 'dev' note is not published
  });

  it('crm.deal.add: `fields` holds its sub-table, `params` its own', () => {
    const m = method(ir, 'crm.deal.add');
    expect(m.params.map((p) => p.name)).toEqual(['fields', 'params']);
    const fields = field(m.params, 'fields')?.fields;
    expect(fields?.length).toBeGreaterThan(20);
    expect(field(fields, 'TITLE')).toMatchObject({ docType: 'string', type: { kind: 'string' } });
    expect(field(fields, 'TYPE_ID')).toMatchObject({ docType: 'crm_status', type: { kind: 'alias', name: 'crm_status', base: 'string' } });
    expect(field(fields, 'CATEGORY_ID')).toMatchObject({ docType: 'crm_category', type: { kind: 'alias', base: 'number' } });
    expect(field(fields, 'CONTACT_IDS')?.type).toEqual({ kind: 'array', items: { kind: 'alias', name: 'crm_contact', base: 'number' } });
    expect(field(m.params, 'params')?.fields?.map((f) => f.name)).toContain('REGISTER_SONET_EVENT');
    expect(m.scopes).toEqual(['crm']);
  });

  it('crm.deal.add is deprecated in favour of crm.item.add only when that page is read too', () => {
    expect(method(ir, 'crm.deal.add').deprecated).toEqual({ replacement: 'crm.item.add' });
    expect(method(alone, 'crm.deal.add').deprecated).toEqual({});
    expect(method(ir, 'crm.item.add').deprecated).toBe(false);
  });

  it('bizproc.activity.add: escaped pipes in a linked type read as a union', () => {
    const m = method(ir, 'bizproc.activity.add');
    const name = field(m.params, 'NAME');
    expect(name).toMatchObject({ docType: 'string | object', required: true, type: { kind: 'union', of: [{ kind: 'string' }, { kind: 'object' }] } });
    expect(m.params.filter((p) => p.docType.includes(' | ')).length).toBeGreaterThanOrEqual(2);
    expect(field(m.params, 'PROPERTIES')?.fields?.map((f) => f.name)).toEqual(expect.arrayContaining(['Name', 'Type', 'Required', 'Multiple', 'Default']));
  });

  it('crm.deal.list: list meta, lower-case filter/order/select, total/next in the result', () => {
    const m = method(ir, 'crm.deal.list');
    expect(m.list).toMatchObject({ paramCase: 'lower' });
    expect(m.params.map((p) => p.name)).toEqual(expect.arrayContaining(['select', 'filter', 'order', 'start']));
    expect(field(m.params, 'select')?.type).toEqual({ kind: 'array', items: { kind: 'string' } });
    expect(m.result.documented).toBe(true);
    expect(m.result.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['result', 'total', 'next']));
    expect(m.kind).toBe('read');
  });

  it('tasks.task.get (REST 3.0): apiVersion 3, /rest/api/ URL, "Error Code:" codes', () => {
    const m = method(ir, 'tasks.task.get');
    expect(m.apiVersion).toBe(3);
    expect(m.examples.every((e) => e.url?.includes('/rest/api/'))).toBe(true);
    expect(field(m.params, 'id')).toMatchObject({ docType: 'integer', required: true });
    expect(m.errors.map((e) => e.code)).toContain('BITRIX_REST_V3_EXCEPTION_ENTITYNOTFOUNDEXCEPTION');
    expect(m.errors.every((e) => e.code?.startsWith('BITRIX_REST_V3_') && e.httpStatus === 400)).toBe(true);
  });

  it('onBookingAdd: an event with its payload and nested auth members', () => {
    const e = ir.events[0]!;
    expect(e).toMatchObject({ name: 'onBookingAdd', scopes: ['booking'], deprecated: false });
    expect(e.payload.map((f) => f.name)).toEqual(['event', 'event_handler_id', 'data', 'ts', 'auth']);
    expect(field(e.payload, 'auth')?.fields?.map((f) => f.name)).toEqual(expect.arrayContaining(['access_token', 'domain', 'member_id']));
  });

  it('the IR does not depend on which other pages are read', () => {
    const strip = (m: IrMethod) => ({ ...m, deprecated: Boolean(m.deprecated) });
    expect(strip(method(alone, 'crm.deal.add'))).toEqual(strip(method(ir, 'crm.deal.add')));
  });
});
