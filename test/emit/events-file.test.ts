/**
 * events.ts: payloads keyed by the name as sent (upper case), the docs' spelling kept in
 * B24EventDocNames, one shared B24EventAuth, maps keyed by ids, notes on pages without tables; and
 * the event coverage (names share, empty payloads) computed over the same IR.
 */
import { Project, StructureKind } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { eventAuthFields, eventKey, eventsModule } from '../../generator/src/emit/events-file.js';
import { printFile } from '../../generator/src/emit/project.js';
import type { IrDocument, IrEvent, IrField } from '../../generator/src/ir/types.js';
import { eventCoverage } from '../../generator/src/report/coverage.js';

const f = (name: string, docType: string, type: IrField['type'], extra: Partial<IrField> = {}): IrField => ({ name, docType, type, required: false, description: `The ${name}.`, ...extra });
const member = (n: string) => f(n, 'string', { kind: 'string' }, n === 'status' ? { values: [{ value: 'L', description: 'local' }, { value: 'F', description: 'free' }] } : {});
const auth = (...names: string[]) => f('auth', 'object', { kind: 'object' }, { fields: names.map(member) });
const TABLE = ['access_token', 'domain', 'member_id', 'status'];

function event(name: string, over: Partial<IrEvent> = {}): IrEvent {
  return {
    name,
    docPath: `api-reference/things/events/${name}.md`,
    title: `Event ${name}`,
    description: '',
    scopes: ['crm'],
    deprecated: false,
    payload: [f('event', 'string', { kind: 'string' }), f('data', 'object', { kind: 'object' }, { fields: [f('FIELDS', 'object', { kind: 'object' }, { fields: [f('ID', 'integer', { kind: 'number' })] })] }), auth(...TABLE)],
    examples: [],
    ...over,
  };
}

function doc(events: IrEvent[]): IrDocument {
  return { schemaVersion: '1.2.0', generatorVersion: '0', source: { repository: '', commit: null, contentHash: '' }, methods: [], events, systemErrors: [], protocol: { time: [] }, entities: [], diagnostics: [] };
}

const EVENTS = [
  event('onThingAdd', { examples: [{ line: 3, value: { event: 'ONTHINGADD', data: { FIELDS: { ID: '1', UF_CRM_X: 'y' } }, auth: { domain: 'x', user_id: '27', expires: 1773764765 } } }] }),
  event('THING.ON.UPDATE'),
  // Its own, shorter auth table with a value the shared one lacks.
  event('OnAppThing', { payload: [f('event', 'string', { kind: 'string' }), f('auth', 'object', { kind: 'object' }, { fields: [f('status', 'string', { kind: 'string' }, { values: [{ value: 'S', description: 'subscription' }] })] })] }),
  event('onThingAdd2', { payload: [auth(...TABLE)] }),
  event('ONTHINGADD', { docPath: 'api-reference/other/dup.md' }),
  event('onBotThing', {
    payload: [
      f('data', 'object', { kind: 'object' }, {
        fields: [f('BOT', 'object', { kind: 'map', values: { kind: 'object' } }, { fields: [f('BOT_ID', 'integer', { kind: 'number' }), auth(...TABLE)].map((x) => (x.name === 'auth' ? { ...x, name: 'AUTH' } : x)) })],
      }),
      auth(...TABLE),
    ],
  }),
  event('onNothing', { payload: [] }),
  event('onOldThing', { payload: [f('event', 'string', { kind: 'string' }), f('data', 'object', { kind: 'object' }, { inferred: true, fields: [f('ID', '', { kind: 'unknown' }, { inferred: true })] })] }),
];

function emitted(events: IrEvent[] = EVENTS): string {
  const mod = eventsModule(doc(events));
  return printFile('// test', { kind: StructureKind.SourceFile, statements: mod.statements });
}

describe('the events module', () => {
  it('one rule: the key is the name as sent, upper case', () => {
    expect(eventKey('onCrmDealAdd')).toBe('ONCRMDEALADD');
    expect(eventKey('CATALOG.MEASURE.ON.ADD')).toBe('CATALOG.MEASURE.ON.ADD');
    expect(eventKey('OnAppInstall')).toBe('ONAPPINSTALL');
  });

  it('B24Events is keyed by the upper-case name (sorted; the first page of a name kept), B24EventDocNames keeps the docs\' spelling', () => {
    const text = emitted();
    const block = /export interface B24Events \{([\s\S]*?)\n\}/.exec(text)![1]!;
    expect([...block.matchAll(/^ {2}'?([\w.]+)'?: (\w+);/gm)].map((m) => [m[1], m[2]])).toEqual([
      ['ONAPPTHING', 'OnAppThingPayload'],
      ['ONBOTTHING', 'OnBotThingPayload'],
      ['ONNOTHING', 'OnNothingPayload'],
      ['ONOLDTHING', 'OnOldThingPayload'],
      ['ONTHINGADD', 'OnThingAddPayload'],
      ['ONTHINGADD2', 'OnThingAdd2Payload'],
      ['THING.ON.UPDATE', 'ThingOnUpdatePayload'],
    ]);
    expect(text).toMatch(/export interface B24EventDocNames \{[\s\S]*ONTHINGADD: 'onThingAdd';[\s\S]*'THING.ON.UPDATE': 'THING.ON.UPDATE';/);
    expect(text).toContain('export type B24EventBindName = B24EventName | B24EventDocNames[B24EventName];');
    expect(text).toMatch(/What the handler of `ONTHINGADD` receives \(the docs spell it `onThingAdd`\)/);
    expect(text).not.toContain('dup.md');
  });

  it('auth is one shared type: the most common table, members and values other tables add, keys the examples show (inferred)', () => {
    const fields = eventAuthFields(EVENTS);
    expect(fields.map((x) => [x.name, x.inferred ?? false])).toEqual([...TABLE.map((n) => [n, false]), ['expires', true], ['user_id', true]]);
    expect(fields.find((x) => x.name === 'expires')?.type).toEqual({ kind: 'number' });
    expect(fields.find((x) => x.name === 'status')?.values?.map((v) => v.value)).toEqual(['L', 'F', 'S']);
    expect(EVENTS[0]!.payload[2]!.fields!.find((x) => x.name === 'status')?.values).toHaveLength(2);
    const text = emitted();
    expect(text.match(/export interface B24EventAuth \{/g)).toHaveLength(1);
    expect(text).toMatch(/export interface OnThingAddPayload \{[\s\S]*?auth\?: B24EventAuth;/);
    // A nested AUTH with the shared members is the shared type too; no per-event auth interface is declared.
    expect(text).toMatch(/export interface OnBotThingPayloadData \{[\s\S]*?BOT\?: Record<string, OnBotThingPayloadDataBot>;/);
    expect(text).toMatch(/export interface OnBotThingPayloadDataBot \{[\s\S]*?AUTH\?: B24EventAuth;/);
    expect(text).not.toMatch(/interface \w+PayloadAuth\b/);
  });

  it('TSDoc says when the page documents no payload, and when the members come from its example', () => {
    const text = emitted();
    expect(text).toMatch(/The page documents no payload: it has no parameter table and no example\.\s*\*\s*\n[\s\S]*?export interface OnNothingPayload \{\s*\}/);
    expect(text).toMatch(/The page has no parameter table: the members of `data` are read from its example\.[\s\S]*?export interface OnOldThingPayload/);
  });

  it('compiles, and takes the docs\' example and either spelling of the name', () => {
    const mod = eventsModule(doc(EVENTS));
    const stubs = [
      'type B24NumericString = `${number}`;',
      ...mod.commonTypes.map((t) => `type ${t} = unknown;`),
    ].join('\n');
    const usage = `
const p: B24Events['ONTHINGADD'] = { event: 'ONTHINGADD', data: { FIELDS: { ID: '1' } }, auth: { domain: 'x', user_id: '27', expires: 1773764765 } };
const q: B24EventPayload<'ONBOTTHING'> = { data: { BOT: { '571': { BOT_ID: '571', AUTH: { member_id: 'm' } } } } };
const a: B24EventBindName = 'onThingAdd';
const b: B24EventBindName = 'ONTHINGADD';
// @ts-expect-error not an event
const c: B24EventBindName = 'onNoSuchThing';
export { p, q, a, b, c };
`;
    const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { strict: true, noEmit: true } });
    const file = project.createSourceFile('/events.ts', `${stubs}\n${printFile('// test', { kind: StructureKind.SourceFile, statements: mod.statements })}\n${usage}`);
    expect(file.getPreEmitDiagnostics().map((d) => `${d.getLineNumber()}: ${JSON.stringify(d.getMessageText())}`)).toEqual([]);
  });
});

describe('event coverage', () => {
  it('names share (UF_* left out, auth against the shared type, map ids not counted), empty payloads', () => {
    const cov = eventCoverage(doc([
      ...EVENTS,
      event('onShown', { examples: [{ line: 1, value: { event: 'ONSHOWN', data: { FIELDS: { ID: '1', EXTRA: 'x' } } } }, { line: 9, value: { FIELDS: { ID: '$id' } } }] }),
      event('onBotShown', { docPath: 'api-reference/bots/events/on-bot-shown.md', payload: EVENTS[5]!.payload, examples: [{ line: 1, value: { data: { BOT: { '571': { BOT_ID: '571', AUTH: { domain: 'd' } } } } } }] }),
    ]));
    // onThingAdd: event, data, data.FIELDS, data.FIELDS.ID, auth, auth.domain, auth.user_id, auth.expires (UF_CRM_X left out).
    // onShown: event, data, data.FIELDS, data.FIELDS.ID, data.FIELDS.EXTRA (undeclared); the data-only example adds nothing new.
    expect(cov.namesShareByModule.things).toEqual({ shown: 13, declared: 12, share: 12 / 13 });
    // onBotShown: data, data.BOT, BOT_ID, AUTH, AUTH.domain.
    expect(cov.namesShareByModule.bots).toEqual({ shown: 5, declared: 5, share: 1 });
    expect(cov.emptyPayloads).toEqual([{ name: 'onNothing', docPath: 'api-reference/things/events/onNothing.md' }]);
    expect(cov.withExamples).toBe(3);
  });
});
