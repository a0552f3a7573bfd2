/**
 * `event-receiver.ts` of the generated package: the runtime's event receiver (`@b24gen/runtime/events`)
 * bound to `B24Events`, with one wire spec per event. A form body carries only strings; the spec says
 * where the payload type the events file emits wants a number (`'n'`) or a boolean (`'b'`) instead,
 * so `parseEvent` returns values of that type. The rules mirror type-text.ts for results: a member
 * gets a spec only where its type admits no string (a documented number the examples send as a
 * number, listed numeric values, a `B24Boolean`).
 */
import type { IrDocument, IrField, IrType, IrWire } from '../ir/types.js';
import { eventAuthFields, eventKey, isSharedAuth } from './events-file.js';
import { specLiteral } from './decode-spec.js';
import { propertyKey, stringLiteral } from './naming.js';
import { namePattern, valuesType } from './type-text.js';

export type EventWireSpec = 'n' | 'b' | { o: Record<string, EventWireSpec> } | { a: EventWireSpec };

/** Does the emitted type of `t` accept a form string (`"42"`, `"1"`)? */
function admitsString(t: IrType, numbers: IrWire['numbers']): boolean {
  switch (t.kind) {
    case 'string': case 'unknown': return true;
    case 'number': return numbers !== 'number';
    case 'alias': return t.base === 'string' || (t.base === 'number' && numbers !== 'number');
    case 'literal': return t.values.some((v) => typeof v === 'string');
    case 'union': return t.of.some((x) => admitsString(x, numbers));
    default: return false;
  }
}

/** The spec of a value of type `t` with no documented members. */
function typeSpec(t: IrType, numbers: IrWire['numbers']): EventWireSpec | null {
  switch (t.kind) {
    case 'number': return numbers === 'number' ? 'n' : null;
    case 'alias': return t.base === 'number' && numbers === 'number' ? 'n' : null;
    case 'boolean': return 'b';
    case 'literal': return t.values.length > 0 && t.values.every((v) => typeof v === 'number') ? 'n' : null;
    case 'array': {
      if (t.items.kind === 'unknown') return null;
      const item = typeSpec(t.items, numbers);
      return item ? { a: item } : null;
    }
    case 'map': {
      const value = typeSpec(t.values, numbers);
      return value ? { a: value } : null;
    }
    case 'union': {
      if (admitsString(t, numbers)) return null;
      for (const x of t.of) {
        const s = typeSpec(x, numbers);
        if (s) return s;
      }
      return null;
    }
    default: return null;
  }
}

/** An own member whatever its name (`o['__proto__'] = …` would set the prototype). */
const put = (o: Record<string, EventWireSpec>, k: string, v: EventWireSpec) => Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });

class SpecBuilder {
  readonly authSpec: EventWireSpec | null;
  private readonly authNames: ReadonlySet<string>;
  constructor(authFields: readonly IrField[]) {
    this.authNames = new Set(authFields.map((f) => f.name));
    this.authSpec = this.members(authFields, 0, false);
  }

  field(f: IrField, depth: number, top: boolean): EventWireSpec | null {
    if (depth > 16) return null;
    if (isSharedAuth(f, this.authNames, top)) return this.authSpec;
    if (f.wire?.also?.includes('string')) return null;
    const object = f.variants?.length ? this.merge(f.variants.map((v) => this.members(v.fields, depth + 1, false))) : f.fields?.length ? this.members(f.fields, depth + 1, false) : undefined;
    if (object !== undefined) {
      if (!object) return null;
      return f.type.kind === 'map' || f.wire?.keyed ? { a: object } : object; // lists: `o` applies to each item
    }
    if (valuesType(f)) {
      const numeric = f.values!.every((v) => typeof v.value === 'number');
      return numeric && (!f.wire?.numbers || f.wire.numbers === 'number') ? 'n' : null;
    }
    return typeSpec(f.type, f.wire?.numbers);
  }

  /** A name the docs list twice keeps its first row, as the interface does. */
  members(fields: readonly IrField[], depth: number, top: boolean): EventWireSpec | null {
    const o: Record<string, EventWireSpec> = {};
    const seen = new Set<string>();
    for (const f of fields) {
      if (seen.has(f.name) || namePattern(f.name)) continue;
      seen.add(f.name);
      const spec = this.field(f, depth, top);
      if (spec) put(o, f.name, spec);
    }
    return Object.keys(o).length ? { o } : null;
  }

  /** The variants of a member (a union of interfaces): members whose specs disagree stay as sent. */
  private merge(specs: ReadonlyArray<EventWireSpec | null>): EventWireSpec | null {
    const o: Record<string, EventWireSpec> = {};
    const conflicting = new Set<string>();
    for (const spec of specs) {
      if (!spec || typeof spec !== 'object' || !('o' in spec)) continue;
      for (const [k, v] of Object.entries(spec.o)) {
        if (conflicting.has(k)) continue;
        if (!Object.hasOwn(o, k)) put(o, k, v);
        else if (JSON.stringify(o[k]) !== JSON.stringify(v)) (delete o[k], conflicting.add(k));
      }
    }
    return Object.keys(o).length ? { o } : null;
  }
}

/** The wire spec of every event, by its key in `B24Events` (the first page of a name, as the events file keeps it). */
export function eventWireSpecs(doc: IrDocument): Map<string, EventWireSpec | null> {
  const builder = new SpecBuilder(eventAuthFields(doc.events));
  const out = new Map<string, EventWireSpec | null>();
  for (const e of doc.events) {
    const key = eventKey(e.name);
    if (!out.has(key)) out.set(key, builder.members(e.payload, 0, true));
  }
  return new Map([...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}


export function eventReceiverSource(doc: IrDocument): string {
  const specs = [...eventWireSpecs(doc).entries()].map(([key, spec]) => `  ${propertyKey(key)}: ${spec ? specLiteral(spec) : 'null'},`);
  return [
    "import { bindEvent as bind, createEventReceiver as createReceiver, eventParser, unbindEvent as unbind, type B24Event as Event, type EventBinder, type EventParser, type EventReceiver, type EventReceiverOptions, type EventSpecs, type EventUnbinder } from '@b24gen/runtime/events';",
    "import type { B24EventBindName, B24Events } from './events.js';",
    '',
    "export { B24EventError, isB24EventError, MemoryAppTokenStore, type AppTokenStore, type B24EventErrorCode, type BindEventOptions, type EventErrorInfo, type EventHandlers, type ParseLimits, type UnbindEventOptions } from '@b24gen/runtime/events';",
    '',
    "/** How each event's form body is read: where its payload type wants a number (`'n'`) or a boolean (`'b'`) instead of the string a form carries. */",
    `export const eventWireSpecs: EventSpecs<B24Events> = {\n${specs.join('\n')}\n};`,
    '',
    '/** A received event of `B24Events` (of any, by default), discriminated by `event`: `if (e.event === ' + stringLiteral('ONCRMDEALADD') + ') e.data?.FIELDS?.ID`. */',
    'export type B24Event<K extends keyof B24Events = keyof B24Events> = Event<B24Events, K>;',
    '',
    '/**',
    ' * Parses a delivery (form body, URLSearchParams, bytes, or a fetch `Request`) into its typed event; the',
    ' * name is matched in any case. Does not verify `application_token`: `createEventReceiver` does.',
    ' */',
    'export const parseEvent: EventParser<B24Events> = /* @__PURE__ */ eventParser(eventWireSpecs);',
    '',
    '/** A receiver of `B24Events`: `fetch` and `middleware` handlers that verify each delivery, answer, then run `handlers`. */',
    "export function createEventReceiver(options: Omit<EventReceiverOptions<B24Events>, 'specs'>): EventReceiver<B24Events> {",
    '  return createReceiver({ ...options, specs: eventWireSpecs });',
    '}',
    '',
    '/** `event.bind` for an event of the docs (either spelling); resolves true when bound. */',
    'export const bindEvent: EventBinder<B24EventBindName> = bind;',
    '/** `event.unbind`; resolves to the number of handlers removed. */',
    'export const unbindEvent: EventUnbinder<B24EventBindName> = unbind;',
    '',
  ].join('\n');
}
