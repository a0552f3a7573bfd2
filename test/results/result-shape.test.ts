/** The example decides the level and the shape; names and documented types stay the tables'. */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../generator/src/diagnostics/diagnostic.js';
import type { IrField, IrMethod } from '../../generator/src/ir/types.js';
import { reconcile, shapeResult, type ShapeContext } from '../../generator/src/extract/result-shape.js';

const f = (name: string, type: IrField['type'], extra: Partial<IrField> = {}): IrField => ({ name, docType: '', type, required: false, description: '', ...extra });
const entityFields: Record<string, IrField[]> = {
  'crm.thing': [f('ID', { kind: 'number' }), f('TITLE', { kind: 'string' }), f('STAGE', { kind: 'string' })],
};

function ctx(method = 'crm.thing.get'): ShapeContext & { diagnostics: Diagnostic[] } {
  return {
    entityFields: (n) => entityFields[n],
    familyEntities: (m) => (m.startsWith('crm.thing.') ? ['crm.thing'] : []),
    method: { name: method, docPath: 'api-reference/crm/x.md' } as IrMethod,
    diagnostics: [],
    line: 3,
  };
}

describe('reconcile', () => {
  it('a result the table calls boolean but the example sends as a list is a list (of the family entity when its keys are the fields)', () => {
    const c = ctx('crm.thing.list');
    const out = reconcile(f('result', { kind: 'boolean' }, { docType: 'boolean' }), [{ ID: '1', TITLE: 'a', STAGE: 'N' }], 'result', c);
    expect(out.type).toEqual({ kind: 'array', items: { kind: 'object' } });
    expect(out.entity).toBe('crm.thing');
    expect(c.diagnostics[0]).toMatchObject({ ruleId: 'result-shape', line: 3, message: expect.stringMatching(/documented as `boolean`, the example sends a list of crm.thing/) });
  });

  it('members the table lists on result that the example sends one level down are wrapped, not renamed', () => {
    const row = f('result', { kind: 'object' }, { fields: [f('id', { kind: 'number' }), f('name', { kind: 'string' })] });
    const out = reconcile(row, { booking: { id: 1, name: 'x' } }, 'result', ctx('booking.get'));
    expect(out.fields!.map((x) => x.name)).toEqual(['booking']);
    expect(out.fields![0]!.fields!.map((x) => x.name)).toEqual(['id', 'name']);
  });

  it('list vs object: the example decides, either way', () => {
    const asList = reconcile(f('tasks', { kind: 'object' }, { fields: [f('id', { kind: 'string' })] }), [{ id: '1' }], 'result.tasks', ctx());
    expect(asList.type.kind).toBe('array');
    const asObject = reconcile(f('result', { kind: 'array', items: { kind: 'object' } }, { entity: 'crm.thing' }), { ID: '1', TITLE: 't' }, 'result', ctx());
    expect(asObject.type.kind).toBe('object');
  });

  it('an open object with no table gets the example\'s members, marked inferred; an id-keyed map becomes a map', () => {
    const out = reconcile(f('result', { kind: 'object' }), { alpha: 'a', beta: { gamma: 1 } }, 'result', ctx('other.get'));
    expect(out.inferred).toBe(true);
    expect(out.fields!.map((x) => [x.name, x.type.kind, x.inferred])).toEqual([['alpha', 'string', true], ['beta', 'object', true]]);
    const map = reconcile(f('result', { kind: 'object' }), { '3': [1, 2], '7': [4] }, 'result', ctx('other.get'));
    expect(map.type).toEqual({ kind: 'map', values: { kind: 'array', items: { kind: 'number' } } });
  });

  it('a type name that stands for an entity but arrives as its id goes back to the id', () => {
    const out = reconcile(f('CURRENCY', { kind: 'object' }, { docType: 'crm_currency', entity: 'crm_currency' }), 'EUR', 'result.CURRENCY', ctx());
    expect(out.entity).toBeUndefined();
  });

  it('never invents: without an example the table stays as it is', () => {
    const m = { name: 'crm.thing.get', docPath: 'x.md', responseExamples: [], result: { documented: true, fields: [f('result', { kind: 'boolean' })] } } as unknown as IrMethod;
    expect(shapeResult(m, { entityFields: () => undefined, familyEntities: () => [], diagnostics: [] })).toBe(m.result);
  });
});
