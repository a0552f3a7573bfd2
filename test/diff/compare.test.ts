/** Every change kind, on pairs of tiny fake docs checkouts run through the real pipeline. */
import { afterAll, describe, expect, it } from 'vitest';
import { classifyChanges, semverVerdict } from '../../generator/src/diff/classify.js';
import { compareIr } from '../../generator/src/diff/compare.js';
import { loadSide } from '../../generator/src/diff/load-side.js';
import { docsFiles, methodPath, methodPage, removeDir, writeDocs, type FixtureEvent, type FixtureMethod } from './fixture-docs.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

function diff(from: FixtureMethod[], to: FixtureMethod[], fromEvents: FixtureEvent[] = [], toEvents: FixtureEvent[] = []) {
  const a = writeDocs(docsFiles(from, fromEvents));
  const b = writeDocs(docsFiles(to, toEvents));
  dirs.push(a, b);
  const changes = classifyChanges(compareIr(loadSide(a).ir, loadSide(b).ir));
  return { changes, verdict: semverVerdict(changes), brief: changes.map((c) => `${c.kind} ${c.name}${c.path ? ' ' + c.path : ''}${c.value !== undefined ? ' =' + c.value : ''}${c.code ? ' ' + c.code : ''} ${c.level}`) };
}

const base: FixtureMethod = {
  name: 'crm.foo.get',
  params: [
    { name: 'ID', type: 'integer', required: true },
    { name: 'MODE', values: ['A', 'B'] },
    { name: 'FILTER', type: 'object', fields: [{ name: 'NAME' }] },
  ],
  result: [
    { name: 'result', type: 'object', fields: [{ name: 'items', type: 'object[]', fields: [{ name: 'ID', type: 'integer', required: true }, { name: 'STATUS', values: ['X', 'Y'] }] }] },
    { name: 'time', type: 'time' },
  ],
  errors: [{ code: 'ERROR_FOO', message: 'Foo failed' }],
};
const clone = (m: FixtureMethod): FixtureMethod => structuredClone(m);

describe('diff: methods', () => {
  it('no change gives no changes and verdict none', () => {
    const r = diff([base], [clone(base)]);
    expect(r.changes).toEqual([]);
    expect(r.verdict).toBe('none');
  });

  it('added and removed methods', () => {
    const r = diff([base, { name: 'crm.bar.delete' }], [base, { name: 'crm.baz.add' }]);
    expect(r.brief).toEqual(['method-removed crm.bar.delete major', 'method-added crm.baz.add minor']);
    expect(r.verdict).toBe('major');
    const added = diff([base], [base, { name: 'crm.baz.add' }]);
    expect(added.verdict).toBe('minor');
  });

  it('a case-only name change is a case-only rename, not removal + addition (major while no alias keeps the old name)', () => {
    const r = diff([{ ...clone(base), name: 'crm.foo.getlist' }], [{ ...clone(base), name: 'crm.foo.getList' }]);
    expect(r.brief).toEqual(['method-case-renamed crm.foo.getList major']);
    expect(r.changes[0]!.previousName).toBe('crm.foo.getlist');
  });

  it('the same page under another name is a rename', () => {
    const a = writeDocs({ ...docsFiles([]), [methodPath('crm.foo.get')]: methodPage(base) });
    const b = writeDocs({ ...docsFiles([]), [methodPath('crm.foo.get')]: methodPage({ ...clone(base), name: 'crm.foo.fetch' }) });
    dirs.push(a, b);
    const changes = compareIr(loadSide(a).ir, loadSide(b).ir);
    expect(changes.map((c) => [c.kind, c.name, c.previousName])).toEqual([['method-renamed', 'crm.foo.fetch', 'crm.foo.get']]);
  });

  it('deprecated and un-deprecated', () => {
    expect(diff([base], [{ ...clone(base), deprecated: true }]).brief).toEqual(['method-deprecated crm.foo.get minor']);
    const r = diff([{ ...clone(base), deprecated: true }], [base]);
    expect(r.brief).toEqual(['method-undeprecated crm.foo.get patch']);
    expect(r.verdict).toBe('patch');
  });
});

describe('diff: params', () => {
  it('optional param added is minor, required param added is major', () => {
    const opt = clone(base);
    opt.params!.push({ name: 'LANG' });
    expect(diff([base], [opt]).brief).toEqual(['field-added crm.foo.get LANG minor']);
    const req = clone(base);
    req.params!.push({ name: 'LANG', required: true });
    const r = diff([base], [req]);
    expect(r.brief).toEqual(['field-added crm.foo.get LANG major']);
    expect(r.changes[0]).toMatchObject({ location: 'param', required: true, breaking: true });
  });

  it('param removed, also nested', () => {
    const to = clone(base);
    to.params = to.params!.filter((p) => p.name !== 'MODE');
    to.params.find((p) => p.name === 'FILTER')!.fields = [{ name: 'TITLE' }];
    expect(diff([base], [to]).brief).toEqual(['field-removed crm.foo.get MODE major', 'field-removed crm.foo.get FILTER.NAME major', 'field-added crm.foo.get FILTER.TITLE minor']);
  });

  it('optional → required is major, required → optional is minor', () => {
    const to = clone(base);
    to.params![0]!.required = false;
    to.params![1]!.required = true;
    expect(diff([base], [to]).brief).toEqual(['field-optional crm.foo.get ID minor', 'field-required crm.foo.get MODE major']);
  });

  it('type changes: changed or narrowed is major, widened is minor, docType only is patch', () => {
    const changed = clone(base);
    changed.params![0]!.type = 'string';
    const r = diff([base], [changed]);
    expect(r.brief).toEqual(['field-type-changed crm.foo.get ID major']);
    expect(r.changes[0]).toMatchObject({ from: 'number', to: 'string' });
    const widened = clone(base);
    widened.params![0]!.type = 'integer | string';
    const w = diff([base], [widened]);
    expect(w.brief).toEqual(['field-type-changed crm.foo.get ID minor']);
    const doc = clone(base);
    doc.params![0]!.type = 'int';
    const d = diff([base], [doc]);
    expect(d.brief).toEqual(['field-doctype-changed crm.foo.get ID patch']);
    expect(d.changes[0]).toMatchObject({ from: 'integer', to: 'int' });
  });

  it('allowed values: added is minor, removed is major (closed union)', () => {
    const to = clone(base);
    to.params![1]!.values = ['A', 'C'];
    expect(diff([base], [to]).brief).toEqual(['field-value-removed crm.foo.get MODE =B major', 'field-value-added crm.foo.get MODE =C minor']);
  });
});

describe('diff: result and errors', () => {
  it('result fields with dotted paths through arrays', () => {
    const to = clone(base);
    const items = to.result![0]!.fields![0]!;
    items.fields = [{ name: 'ID', type: 'string', required: true }, { name: 'STATUS', values: ['X', 'Y', 'Z'] }, { name: 'TITLE' }];
    to.result = to.result!.filter((f) => f.name !== 'time');
    expect(diff([base], [to]).brief).toEqual([
      'field-removed crm.foo.get time major',
      'field-type-changed crm.foo.get result.items[].ID major',
      'field-value-added crm.foo.get result.items[].STATUS =Z major',
      'field-added crm.foo.get result.items[].TITLE minor',
    ]);
  });

  it('result: required → optional is major, optional → required is minor, value removed is minor', () => {
    const to = clone(base);
    const items = to.result![0]!.fields![0]!;
    items.fields = [{ name: 'ID', type: 'integer' }, { name: 'STATUS', required: true, values: ['X'] }];
    expect(diff([base], [to]).brief).toEqual([
      'field-optional crm.foo.get result.items[].ID major',
      'field-required crm.foo.get result.items[].STATUS minor',
      'field-value-removed crm.foo.get result.items[].STATUS =Y minor',
    ]);
  });

  it('error codes added (minor) and removed (major)', () => {
    const to = clone(base);
    to.errors = [{ code: 'ERROR_BAR', message: 'Bar failed' }];
    expect(diff([base], [to]).brief).toEqual(['error-removed crm.foo.get ERROR_FOO major', 'error-added crm.foo.get ERROR_BAR minor']);
  });
});

describe('diff: events', () => {
  const ev: FixtureEvent = { name: 'ONCRMFOOADD', payload: [{ name: 'event', required: true }, { name: 'data', type: 'object', fields: [{ name: 'ID', type: 'integer' }] }] };
  it('event added and removed', () => {
    expect(diff([base], [base], [], [ev]).brief).toEqual(['event-added ONCRMFOOADD minor']);
    expect(diff([base], [base], [ev], []).brief).toEqual(['event-removed ONCRMFOOADD major']);
  });

  it('payload field changes', () => {
    const to = structuredClone(ev);
    to.payload[1]!.fields = [{ name: 'ID', type: 'integer' }, { name: 'FIELDS', type: 'object' }];
    to.payload[0]!.required = false;
    expect(diff([base], [base], [ev], [to]).brief).toEqual(['field-optional ONCRMFOOADD event major', 'field-added ONCRMFOOADD data.FIELDS minor']);
  });
});

describe('diff: entities', () => {
  it("a field an entity gains or loses is a change of every result that returns the entity", () => {
    const field = (name: string) => ({ name, docType: 'string', type: { kind: 'string' as const }, required: false, description: '' });
    const method = { name: 'crm.thing.get', apiVersion: 2 as const, docPath: 'a.md', title: '', description: '', scopes: [], access: null, deprecated: false as const, kind: 'read' as const, params: [], paramsDocumented: true, errors: [], systemErrors: false, examples: [], responseExamples: [], result: { documented: true, fields: [{ ...field('result'), type: { kind: 'object' as const }, entity: 'crm.thing' }] } };
    const side = (fields: string[]) => ({ methods: [method], events: [], entities: [{ name: 'crm.thing', title: '', source: 'f.md', fields: fields.map(field) }] });
    const changes = compareIr(side(['ID', 'OLD']), side(['ID', 'NEW']));
    expect(changes.map((c) => `${c.kind} ${c.path}`)).toEqual(['field-removed result.OLD', 'field-added result.NEW']);
  });
});
