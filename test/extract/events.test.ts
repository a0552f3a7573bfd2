/**
 * Event pages → IrEvent, one layout at a time: on real pages of the docs snapshot (read through the
 * helpers, includes from the snapshot) and on crafted fixtures.
 */
import { describe, expect, it } from 'vitest';
import { eventName } from '../../generator/src/extract/event-page.js';
import type { IrEvent, IrField } from '../../generator/src/ir/types.js';
import { docsReader } from '../../generator/src/load/docs-files.js';
import { DOCS_ROOT } from '../support/docs.js';
import { extract, table, row } from './helpers.js';

const read = docsReader(DOCS_ROOT);
/** The docs as the `files` of `extract`: includes are read from the snapshot. */
const docsFiles = new Proxy({} as Record<string, string>, { get: (_t, p) => (typeof p === 'string' ? read(p) : undefined) });

function real(docPath: string): IrEvent & { diagnostics: Array<{ message: string; ruleId?: string }> } {
  const text = read(docPath);
  if (text === undefined) throw new Error(`no page ${docPath}`);
  const r = extract(text, docPath, docsFiles);
  if (!r.event) throw new Error(`not an event page: ${docPath} (${r.pageClass})`);
  return { ...r.event, diagnostics: r.diagnostics };
}

function crafted(md: string, docPath = 'api-reference/things/events/on-thing-add.md', files: Record<string, string> = {}) {
  const r = extract(md, docPath, files);
  if (!r.event) throw new Error(`not an event page: ${r.pageClass}`);
  return { ...r.event, diagnostics: r.diagnostics };
}

const at = (fs: readonly IrField[] | undefined, path: string): IrField | undefined => {
  let list = fs;
  let f: IrField | undefined;
  for (const name of path.split('.')) {
    f = list?.find((x) => x.name === name);
    list = f?.fields;
  }
  return f;
};
const names = (fs: readonly IrField[] | undefined) => (fs ?? []).map((f) => f.name);

const AUTH = ['access_token', 'expires_in', 'scope', 'domain', 'server_endpoint', 'status', 'client_endpoint', 'member_id', 'refresh_token', 'application_token'];

describe('layout "receives": the example and the tables under "What the handler receives"', () => {
  it('onCrmDealAdd: `data.FIELDS` (a dotted row) takes the {#fields} table, auth the shared include', () => {
    const e = real('api-reference/crm/deals/events/on-crm-deal-add.md');
    expect(e.name).toBe('onCrmDealAdd');
    expect(names(e.payload)).toEqual(['event', 'event_handler_id', 'data', 'ts', 'auth']);
    expect(names(at(e.payload, 'data.FIELDS')?.fields)).toEqual(['ID']);
    expect(at(e.payload, 'data.FIELDS.ID')).toMatchObject({ docType: 'integer', type: { kind: 'number' } });
    expect(names(at(e.payload, 'auth')?.fields)).toEqual(AUTH);
    expect(e.examples).toHaveLength(1);
    expect(e.examples[0]!.value).toMatchObject({ event: 'ONCRMDEALADD', event_handler_id: '185', data: { FIELDS: { ID: '6641' } } });
    expect(e.examples[0]!.line).toBeGreaterThan(10);
  });

  it('onCrmActivityAdd: "data contains a single key FIELDS" and no row names it: the FIELDS table goes where the example puts it', () => {
    const e = real('api-reference/crm/timeline/activities/events/on-crm-activity-add.md');
    const fields = at(e.payload, 'data.FIELDS');
    expect(fields).toMatchObject({ type: { kind: 'object' } });
    expect(fields?.description).toMatch(/example/);
    expect(names(fields?.fields)).toEqual(['ID']);
  });

  it('OnTaskAdd: PHP array() in a json block; `undefined|object` admits the string "undefined"; one-row tables named like the field give its values', () => {
    const e = real('api-reference/tasks/events-tasks/on-task-add.md');
    expect(e.examples[0]!.value).toMatchObject({ event: 'ONTASKADD', data: { FIELDS_BEFORE: 'undefined', FIELDS_AFTER: { ID: 123 } } });
    const before = at(e.payload, 'data.FIELDS_BEFORE');
    expect(before?.type).toEqual({ kind: 'union', of: [{ kind: 'literal', values: ['undefined'] }, { kind: 'object' }] });
    expect(names(before?.fields)).toEqual(['ID']);
    expect(at(e.payload, 'data.IS_ACCESSIBLE_BEFORE')?.values?.map((v) => v.value)).toEqual(['Y', 'N', 'undefined']);
  });

  it('ONIMBOTJOINCHAT: two examples (tabs); BOT keyed by bot ids is a map of the element\'s members; the nested AUTH keeps its table', () => {
    const e = real('api-reference/chat-bots/outdated/chats/events/on-imbot-join-chat.md');
    expect(e.examples).toHaveLength(2);
    const bot = at(e.payload, 'data.BOT');
    expect(bot?.type).toEqual({ kind: 'map', values: { kind: 'object' } });
    expect(names(bot?.fields)).toEqual(expect.arrayContaining(['access_token', 'AUTH', 'BOT_ID', 'BOT_CODE']));
    expect(names(bot?.fields?.find((f) => f.name === 'AUTH')?.fields)).toEqual(AUTH);
  });

  it('ONIMBOTMESSAGEADD: a map of scalars keyed by user id (MENTIONED_LIST)', () => {
    const e = real('api-reference/chat-bots/outdated/messages/events/on-imbot-message-add.md');
    expect(at(e.payload, 'data.PARAMS.MENTIONED_LIST')?.type).toEqual({ kind: 'map', values: { kind: 'number' } });
  });

  it('OnLiveFeedPostDelete: a heading anchor written as `{% #fields %}`', () => {
    const e = real('api-reference/log/events/on-live-feed-post-delete.md');
    expect(names(at(e.payload, 'data.FIELDS')?.fields)).toEqual(['POST_ID']);
  });

  it('ONBOOKINGUPDATE: no name in the H1: the name the example sends', () => {
    const e = real('api-reference/booking/booking/events/on-booking-update.md');
    expect(e.name).toBe('ONBOOKINGUPDATE');
    expect(names(at(e.payload, 'data')?.fields)).toEqual(['ID']);
  });
});

describe('layout "receives+parameters": the example under "What the handler receives", the tables under "Parameters"', () => {
  it('CATALOG.MEASURE.ON.ADD: a PHP short-array example; data → FIELDS → ID', () => {
    const e = real('api-reference/catalog/measure/events/catalog-measure-on-add.md');
    expect(e.name).toBe('CATALOG.MEASURE.ON.ADD');
    expect(e.examples[0]!.value).toMatchObject({ event: 'CATALOG.MEASURE.ON.ADD', event_handler_id: 1, data: { FIELDS: { ID: 1 } }, ts: 1714649632 });
    expect(names(e.payload)).toEqual(['event', 'event_handler_id', 'data', 'ts', 'auth']);
    expect(at(e.payload, 'data.FIELDS.ID')).toMatchObject({ docType: 'catalog_measure.id', required: true });
    expect(names(at(e.payload, 'auth')?.fields)).toEqual(AUTH);
  });

  it('OnAppInstall: "Request Parameters", its own auth table', () => {
    const e = real('api-reference/common/events/on-app-install.md');
    expect(names(at(e.payload, 'data')?.fields)).toEqual(['LANGUAGE_ID', 'VERSION', 'ACTIVE', 'INSTALLED']);
    expect(names(at(e.payload, 'auth')?.fields)).toEqual(['domain', 'server_endpoint', 'status', 'client_endpoint', 'member_id', 'application_token']);
  });

  it('OnOpenLineMessageAdd: members listed in a description; an object the example sends as a list of them', () => {
    const e = real('api-reference/imopenlines/openlines/events/on-open-line-message-add.md');
    expect(names(at(e.payload, 'data.DATA.connector')?.fields)).toEqual(['connector_id', 'line_id', 'chat_id', 'user_id']);
    expect(at(e.payload, 'data.DATA.connector.line_id')).toMatchObject({ type: { kind: 'unknown' }, description: 'open line identifier' });
    expect(at(e.payload, 'data.DATA')?.type).toEqual({ kind: 'array', items: { kind: 'object' } });
    expect(e.diagnostics.some((d) => /DATA: documented as an object, the example sends a list/.test(d.message))).toBe(true);
  });
});

describe('layouts with only `data` documented: the envelope goes around it', () => {
  it('"parameters" (onCrmInvoiceAdd): no handler section; "contains the field ID" names the one member', () => {
    const e = real('api-reference/crm/outdated/invoice/events-invoice/on-crm-invoice-add.md');
    expect(names(e.payload)).toEqual(['event', 'data', 'ts', 'auth']);
    expect(e.payload[0]!.description).toMatch(/documents only `data`/);
    expect(names(at(e.payload, 'data.FIELDS')?.fields)).toEqual(['ID']);
    expect(e.examples).toEqual([]);
  });

  it('"lead" (onCrmInvoiceRecurringAdd): a table right under the H1, members in a list', () => {
    const e = real('api-reference/crm/outdated/invoice/events-invoice/on-crm-invoice-recurring-add.md');
    expect(names(at(e.payload, 'data.FIELDS')?.fields)).toEqual(['ID', 'RECURRING_INVOICE_ID']);
  });

  it('"example" (onCrmMeasureAdd): no table, `array(\'FIELDS\' => array(\'ID\' => $id))`: members read from the example, marked inferred', () => {
    const e = real('api-reference/crm/outdated/measure/events/on-crm-measure-add.md');
    expect(e.examples.map((x) => x.value)).toEqual([{ FIELDS: { ID: '$id' } }]);
    expect(names(e.payload)).toEqual(['event', 'data', 'ts', 'auth']);
    expect(e.payload.map((f) => [f.name, f.inferred ?? false])).toEqual([['event', false], ['data', true], ['ts', false], ['auth', false]]);
    expect(at(e.payload, 'data.FIELDS.ID')).toMatchObject({ inferred: true, type: { kind: 'unknown' } });
  });
});

describe('the event name', () => {
  it('the H1 and the example disagree: the one the file is named after (a typo on either side)', () => {
    expect(real('api-reference/booking/resource/events/on-booking-resource-delete.md').name).toBe('ONBOOKINGRESOURCEDELETE');
    const typo = real('api-reference/tasks/comment-item/events-comment/on-task-comment-delete.md');
    expect(typo.name).toBe('OnTaskCommentDelete');
    expect(typo.diagnostics.some((d) => d.ruleId === 'event-name' && /ONTASKCOMMENDELETE/.test(d.message))).toBe(true);
  });

  it('two names in the H1: the one the example sends', () => {
    expect(real('api-reference/booking/resource/resource-type/events/on-booking-resource-type-delete.md').name).toBe('onBookingResourceTypeDelete');
  });

  it('the rule on its own', () => {
    const ex = (event: string) => [{ line: 1, value: { event } }];
    expect(eventName('Event onCrmDealAdd', ex('ONCRMDEALADD'), [])).toEqual({ name: 'onCrmDealAdd' });
    expect(eventName('Event on Booking Update', ex('ONBOOKINGUPDATE'), [])).toEqual({ name: 'ONBOOKINGUPDATE' });
    expect(eventName('Event onA Thing onThingAdd', [], [])).toEqual({ name: 'onThingAdd' });
    expect(eventName('Event onOld', ex('ONNEW'), [], 'x/on-new.md')?.name).toBe('ONNEW');
    expect(eventName('Event onThingAdd', ex('ONTHINGADDD'), [], 'x/on-thing-add.md')?.name).toBe('onThingAdd');
    expect(eventName('No event here', [], [])).toBeNull();
  });
});

describe('crafted pages, one per layout', () => {
  const head = (h1 = 'Event on adding a thing onThingAdd') => `# ${h1}\n\n> Scope: [\`crm\`](x.md)\n>\n> Who can subscribe: any user\n\nFires when a thing is added.\n\n`;
  const AUTH_INCLUDE = '_includes/auth-params-in-events.md';
  const authInclude = table([row('**access_token**', 'string'), row('**domain***', 'string'), row('**member_id***', 'string')]);
  const envelope = table([row('**event***', 'string'), row('**data***', 'object', 'Data. The structure is described [below](#data)'), row('**ts***', 'timestamp'), row('**auth***', 'object', 'Auth, [below](#auth)')]);
  const dataTable = table([row('**FIELDS***', 'object', 'Fields, [below](#fields)')]);
  const fieldsTable = table([row('**ID***', 'integer'), row('**TITLE**', 'string')]);
  const subTables = `### Parameter data {#data}\n\n${dataTable}\n### Parameter FIELDS {#fields}\n\n${fieldsTable}\n### Parameter auth {#auth}\n\n{% include notitle [auth](../../../${AUTH_INCLUDE}) %}\n`;
  const files = { [AUTH_INCLUDE]: authInclude };

  it('receives: JSON example, envelope table, sub-tables by anchor, auth from the include', () => {
    const e = crafted(`${head()}## What the handler receives\n\n\`\`\`json\n{ "event": "ONTHINGADD", "data": { "FIELDS": { "ID": "1" } }, "ts": "1", "auth": { "domain": "x" } }\n\`\`\`\n\n${envelope}\n${subTables}`, undefined, files);
    expect(e.name).toBe('onThingAdd');
    expect(names(e.payload)).toEqual(['event', 'data', 'ts', 'auth']);
    expect(names(at(e.payload, 'data.FIELDS')?.fields)).toEqual(['ID', 'TITLE']);
    expect(names(at(e.payload, 'auth')?.fields)).toEqual(['access_token', 'domain', 'member_id']);
    expect(e.examples).toEqual([{ line: 11, value: { event: 'ONTHINGADD', data: { FIELDS: { ID: '1' } }, ts: '1', auth: { domain: 'x' } } }]);
  });

  it('receives+parameters: a form-body example, the tables under "## Parameters"', () => {
    const e = crafted(`${head()}## What the handler receives\n\n\`\`\`\nevent=ONTHINGADD&data[FIELDS][ID]=1&ts=1\n\`\`\`\n\n## Parameters\n\n${envelope}\n${subTables}`, undefined, files);
    expect(e.examples.map((x) => x.value)).toEqual([{ event: 'ONTHINGADD', data: { FIELDS: { ID: '1' } }, ts: '1' }]);
    expect(names(at(e.payload, 'data.FIELDS')?.fields)).toEqual(['ID', 'TITLE']);
  });

  it('parameters: only `data`\'s members documented: wrapped in the envelope', () => {
    const e = crafted(`# Event onThingAdd\n\nFires.\n\n## Parameters\n\n${table([row('**FIELDS**', 'array', 'The array contains the following fields:\n- **ID** — the thing id\n- **CODE** — its code')])}`);
    expect(names(e.payload)).toEqual(['event', 'data', 'ts', 'auth']);
    expect(names(at(e.payload, 'data.FIELDS')?.fields)).toEqual(['ID', 'CODE']);
    expect(at(e.payload, 'data.FIELDS.CODE')?.description).toBe('its code');
  });

  it('lead: a table right under the H1', () => {
    const e = crafted(`# Event onThingAdd\n\nFires.\n\n${table([row('**ID**', 'integer')], '**Field** | **Description**')}`);
    expect(names(at(e.payload, 'data')?.fields)).toEqual(['ID']);
  });

  it('example: a PHP snippet of `data` only', () => {
    const e = crafted(`${head()}## Response Handling\n\n\`\`\`php\narray('FIELDS' => array('ID' => $id, 'NAME' => 'x', 'SORT' => 10))\n\`\`\`\n`);
    expect(at(e.payload, 'data.FIELDS')?.fields?.map((f) => [f.name, f.type.kind, f.inferred])).toEqual([['ID', 'unknown', true], ['NAME', 'string', true], ['SORT', 'number', true]]);
  });

  it('none: no table, no example: an empty payload and a note', () => {
    const e = crafted(`${head()}Nothing more.\n`);
    expect(e.payload).toEqual([]);
    expect(e.examples).toEqual([]);
    expect(e.diagnostics.some((d) => d.ruleId === 'event-payload' && /documents no payload/.test(d.message))).toBe(true);
  });

  it('a sub-table no member claims is reported', () => {
    const e = crafted(`${head()}## What the handler receives\n\n${envelope}\n### Parameter data {#data}\n\n${dataTable}\n### Parameter ORPHAN {#orphan}\n\n${fieldsTable}`);
    expect(e.diagnostics.some((d) => d.ruleId === 'event-payload' && /"Parameter ORPHAN" is tied to no member/.test(d.message))).toBe(true);
  });
});
