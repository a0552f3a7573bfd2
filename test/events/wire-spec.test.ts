/**
 * The generator's wire spec per event (generator/src/emit/event-receiver-file.ts): a member gets a
 * spec only where the payload type the events file emits admits no form string. Crafted fields; the
 * whole corpus is covered by event-examples.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { specLiteral } from '../../generator/src/emit/decode-spec.js';
import { eventReceiverSource, eventWireSpecs } from '../../generator/src/emit/event-receiver-file.js';
import type { IrDocument, IrEvent, IrField } from '../../generator/src/ir/types.js';
import { tinyIr } from '../emit/tiny-ir.js';

const f = (name: string, type: IrField['type'], extra: Partial<IrField> = {}): IrField => ({ name, docType: '', type, required: false, description: '', ...extra });
const event = (name: string, payload: IrField[]): IrEvent => ({ name, docPath: `api-reference/test/${name}.md`, title: name, description: '', scopes: [], deprecated: false, payload, examples: [] });
const doc = (events: IrEvent[]): IrDocument => ({ ...tinyIr(), events });

describe('event wire specs', () => {
  it('numbers only where the wire sends numbers; booleans; lists and maps of them; members by name', () => {
    const specs = eventWireSpecs(doc([
      event('onThingAdd', [
        f('event', { kind: 'string' }),
        f('ts', { kind: 'number' }, { wire: { evidence: 'example', numbers: 'string' } }),
        f('data', { kind: 'object' }, {
          fields: [
            f('ID', { kind: 'number' }, { wire: { evidence: 'example', numbers: 'number' } }),
            f('EITHER', { kind: 'number' }),
            f('ALSO', { kind: 'number' }, { wire: { evidence: 'example', numbers: 'number', also: ['string'] } }),
            f('FLAG', { kind: 'boolean' }),
            f('YN', { kind: 'boolean' }, { values: [{ value: 'Y', description: '' }, { value: 'N', description: '' }] }),
            f('LEVEL', { kind: 'number' }, { values: [{ value: 1, description: '' }, { value: 2, description: '' }] }),
            f('QUOTED', { kind: 'number' }, { values: [{ value: 1, description: '' }], wire: { evidence: 'example', numbers: 'string' } }),
            f('IDS', { kind: 'array', items: { kind: 'number' } }, { wire: { evidence: 'example', numbers: 'number' } }),
            f('BY_ID', { kind: 'map', values: { kind: 'object' } }, { fields: [f('N', { kind: 'number' }, { wire: { evidence: 'example', numbers: 'number' } })] }),
            f('UF_*', { kind: 'number' }, { wire: { evidence: 'example', numbers: 'number' } }),
            f('__proto__', { kind: 'boolean' }),
          ],
        }),
      ]),
      event('ONTHINGADD', [f('ts', { kind: 'number' }, { wire: { evidence: 'example', numbers: 'number' } })]), // same key: the first page wins
      event('onNothing', [f('data', { kind: 'object' }, { fields: [f('NAME', { kind: 'string' })] })]),
    ]));
    expect([...specs.keys()]).toEqual(['ONNOTHING', 'ONTHINGADD']);
    expect(specs.get('ONNOTHING')).toBeNull();
    const spec = specs.get('ONTHINGADD')!;
    expect(spec).toEqual({ o: { data: { o: { ID: 'n', FLAG: 'b', LEVEL: 'n', IDS: { a: 'n' }, BY_ID: { a: { o: { N: 'n' } } }, ['__proto__']: 'b' } } } });
    expect(specLiteral(spec)).toBe("{ o: { data: { o: { ID: 'n', FLAG: 'b', LEVEL: 'n', IDS: { a: 'n' }, BY_ID: { a: { o: { N: 'n' } } }, ['__proto__']: 'b' } } } }");
  });

  it('the emitted module binds the runtime to B24Events, every event listed', () => {
    const src = eventReceiverSource(doc([event('onThingAdd', []), event('CATALOG.THING.ON.ADD', [])]));
    expect(src).toContain("import type { B24EventBindName, B24Events } from './events.js';");
    expect(src).toContain("  'CATALOG.THING.ON.ADD': null,\n  ONTHINGADD: null,\n");
    expect(src).toContain('export const parseEvent: EventParser<B24Events> = /* @__PURE__ */ eventParser(eventWireSpecs);');
    expect(src).toContain('export const bindEvent: EventBinder<B24EventBindName> = bind;');
  });
});
