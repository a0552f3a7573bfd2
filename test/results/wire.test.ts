/** The wire model decides from evidence only: the page's example, then the module's pages, else both forms. */
import { describe, expect, it } from 'vitest';
import type { IrField } from '../../generator/src/ir/types.js';
import { applyWire, WireEvidence } from '../../generator/src/extract/wire.js';

const f = (name: string, type: IrField['type'], extra: Partial<IrField> = {}): IrField => ({ name, docType: '', type, required: false, description: '', ...extra });
const members = (x: IrField) => x.fields;

describe('WireEvidence', () => {
  it('numbers: a numeric string in the page example → string; a JSON number → number; none → either', () => {
    const id = f('ID', { kind: 'number' });
    const sum = f('SUM', { kind: 'number' });
    const other = f('SORT', { kind: 'number' });
    const row = f('result', { kind: 'object' }, { fields: [id, sum, other] });
    const ev = new WireEvidence(members);
    ev.observeValue(row, { ID: '410', SUM: 10.5 }, 'crm', 0, false);
    expect(ev.decide(id, 'crm')).toEqual({ numbers: 'string', evidence: 'example' });
    expect(ev.decide(sum, 'crm')).toEqual({ numbers: 'number', evidence: 'example' });
    expect(ev.decide(other, 'crm')).toEqual({ numbers: 'either', evidence: 'none' });
  });

  it("falls back to the module's convention for the same member name, never to another module's", () => {
    const seen = f('OWNER_ID', { kind: 'number' });
    const ev = new WireEvidence(members);
    ev.observeValue(f('result', { kind: 'object' }, { fields: [seen] }), { OWNER_ID: '7' }, 'crm', 0, false);
    const elsewhere = f('OWNER_ID', { kind: 'number' });
    expect(ev.decide(elsewhere, 'crm')).toEqual({ numbers: 'string', evidence: 'module' });
    expect(ev.decide(elsewhere, 'tasks')).toEqual({ numbers: 'either', evidence: 'none' });
  });

  it('null, [] for an empty object, other JSON kinds, values off the list, maps keyed by id', () => {
    const lead = f('LEAD_ID', { kind: 'alias', name: 'crm_lead', base: 'number' });
    const settings = f('SETTINGS', { kind: 'object' }, { fields: [f('A', { kind: 'string' })] });
    const code = f('MEASURE_CODE', { kind: 'string' });
    const lid = f('LID', { kind: 'string' }, { values: [{ value: 'en', description: '' }] });
    const items = f('ITEMS', { kind: 'object' }, { fields: [f('ID', { kind: 'number' })] });
    const row = f('result', { kind: 'object' }, { fields: [lead, settings, code, lid, items] });
    const ev = new WireEvidence(members);
    ev.observeValue(row, { LEAD_ID: null, SETTINGS: [], MEASURE_CODE: 796, LID: 'de', ITEMS: { '433': { ID: '433' } } }, 'crm', 0, false);
    expect(ev.decide(lead, 'crm')).toMatchObject({ nullable: true, evidence: 'example' });
    expect(ev.decide(settings, 'crm')).toMatchObject({ emptyArray: true });
    expect(ev.decide(code, 'crm')).toMatchObject({ also: ['number'] });
    expect(ev.decide(lid, 'crm')).toMatchObject({ openValues: true });
    expect(ev.decide(items, 'crm')).toMatchObject({ keyed: true });
  });

  it("the result row itself is judged by its own example only (the name `result` says nothing across pages)", () => {
    const a = f('result', { kind: 'object' });
    const b = f('result', { kind: 'object' });
    const ev = new WireEvidence(members);
    ev.observeValue(a, [], 'crm', 0, false);
    expect(ev.decide(a, 'crm')).toMatchObject({ emptyArray: true });
    expect(ev.decide(b, 'crm')).toBeUndefined();
  });

  it('applyWire sets wire on members and leaves members without evidence untouched', () => {
    const id = f('ID', { kind: 'number' });
    const name = f('NAME', { kind: 'string' });
    const row = f('result', { kind: 'object' }, { fields: [id, name] });
    const ev = new WireEvidence(members);
    ev.observeValue(row, { ID: '1', NAME: 'x' }, 'crm', 0, false);
    const [out] = applyWire([row], ev, 'crm');
    expect(out!.fields![0]!.wire).toEqual({ numbers: 'string', evidence: 'example' });
    expect(out!.fields![1]!.wire).toBeUndefined();
  });
});
