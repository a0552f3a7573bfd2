/**
 * parseEvent on crafted bodies: PHP-style keys, case-insensitive names, the wire spec, and hostile
 * bodies (huge, 10,000 levels of brackets, `__proto__`, duplicate keys, invalid UTF-8): each a typed
 * B24EventError, and nothing reaches Object.prototype.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { B24EventError, eventParser, isB24EventError, type B24Event, type EventSpecs } from '@b24gen/runtime/events';
import { formTree, keyPath } from '../../runtime/src/events/php-keys.js';
import { parseEvent, type B24Event as GeneratedEvent } from '../../generated/index.js';

interface Events {
  ONCRMDEALADD: { event?: string; data?: { FIELDS?: { ID?: number } }; ts?: string; auth?: { member_id?: string; application_token?: string } };
  ONTEST: { event?: string; data?: { FLAG?: boolean; LIST?: Array<{ N?: number }>; NAMES?: string[]; MAP?: Record<string, number> } };
}
const specs: EventSpecs<Events> = {
  ONCRMDEALADD: { o: { data: { o: { FIELDS: { o: { ID: 'n' } } } } } },
  ONTEST: { o: { data: { o: { FLAG: 'b', LIST: { o: { N: 'n' } }, MAP: { a: 'n' } } } } },
};
const parse = eventParser(specs);

function refused(body: string | Uint8Array, code: B24EventError['code']): void {
  let error: unknown;
  try {
    parse(body);
  } catch (e) {
    error = e;
  }
  expect(isB24EventError(error, code), String(error)).toBe(true);
}

describe('parseEvent: the form as the portal sends it', () => {
  it('decodes PHP-style keys into nested objects and applies the wire spec', () => {
    const e = parse('event=ONCRMDEALADD&data%5BFIELDS%5D%5BID%5D=42&ts=1700000000&auth%5Bmember_id%5D=m1&auth%5Bapplication_token%5D=tok');
    expect(e).toEqual({ event: 'ONCRMDEALADD', data: { FIELDS: { ID: 42 } }, ts: '1700000000', auth: { member_id: 'm1' } });
    // The token is there for the code that asks, and out of JSON, inspection and spreads.
    if (e.event === 'ONCRMDEALADD') expect(e.auth?.application_token).toBe('tok');
    expect(JSON.stringify(e)).not.toContain('tok');
    expect(Object.getPrototypeOf(e)).toBe(Object.prototype);
  });

  it('matches the name in any case and sets it to the map key', () => {
    expect(parse('event=onCrmDealAdd&data[FIELDS][ID]=1').event).toBe('ONCRMDEALADD');
    expect(parse(new URLSearchParams({ event: 'ontest', 'data[FLAG]': '1' }))).toEqual({ event: 'ONTEST', data: { FLAG: true } });
  });

  it('lists (keys 0…n-1, or `[]`), booleans, maps keyed by id, `+` and percent-encoded UTF-8', () => {
    const e = parse('event=ONTEST&data[FLAG]=0&data[LIST][0][N]=1&data[LIST][1][N]=x&data[NAMES][]=a+b&data[NAMES][]=%D0%AF&data[MAP][433]=5');
    expect(e).toEqual({ event: 'ONTEST', data: { FLAG: false, LIST: [{ N: 1 }, { N: 'x' }], NAMES: ['a b', 'Я'], MAP: { 433: 5 } } });
  });

  it('a typed union keyed by `event`', () => {
    const e = parse('event=ONCRMDEALADD&data[FIELDS][ID]=1');
    expectTypeOf(e).toEqualTypeOf<B24Event<Events>>();
    if (e.event === 'ONCRMDEALADD') expectTypeOf(e.data).toEqualTypeOf<{ FIELDS?: { ID?: number } } | undefined>();
  });

  it('a Request gives a promise of the same union', async () => {
    const pending = parse(new Request('http://x', { method: 'POST', body: 'event=ONTEST', headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
    expectTypeOf(pending).toEqualTypeOf<Promise<B24Event<Events>>>();
    await expect(pending).resolves.toEqual({ event: 'ONTEST' });
  });

  it('an unknown or missing event is a typed error', () => {
    refused('event=ONSOMETHINGELSE', 'UNKNOWN_EVENT');
    refused('data[FIELDS][ID]=1', 'MISSING_EVENT');
    refused('event[x]=ONTEST', 'MISSING_EVENT');
  });
});

describe('parseEvent: hostile bodies', () => {
  it('a huge body: BODY_TOO_LARGE (default 1 MiB, configurable)', () => {
    refused(`event=ONTEST&data[X]=${'a'.repeat(1024 * 1024)}`, 'BODY_TOO_LARGE');
    expect(() => parse('event=ONTEST&data[X]=abcdef', { maxBytes: 10 })).toThrow(/BODY_TOO_LARGE/);
  });

  it('too many pairs: TOO_MANY_KEYS', () => {
    refused(`event=ONTEST${'&a=1'.repeat(6000)}`, 'TOO_MANY_KEYS');
    expect(() => parse(new URLSearchParams('event=ONTEST&a=1&b=2'), { maxPairs: 2 })).toThrow(/TOO_MANY_KEYS/);
  });

  it('brackets 10,000 levels deep: TOO_DEEP, read no further than the limit', () => {
    refused(`event=ONTEST&a${'[b]'.repeat(10_000)}=1`, 'TOO_DEEP');
    // `[[[…]]]`: PHP reads a segment up to the first `]`, so this is one level named `[[…[`, not 10,000.
    expect(parse(`event=ONTEST&data${'['.repeat(10_000)}${']'.repeat(10_000)}=1`)).toEqual({ event: 'ONTEST', data: { ['['.repeat(9_999)]: '1' } });
    expect(keyPath(`a${'[b]'.repeat(32)}`)).toHaveLength(33);
    expect(() => keyPath(`a${'[b]'.repeat(33)}`)).toThrow(/TOO_DEEP/);
  });

  it('__proto__, constructor, prototype anywhere in a key: FORBIDDEN_KEY, and no pollution', () => {
    for (const body of ['event=ONTEST&__proto__[polluted]=1', 'event=ONTEST&data[__proto__][polluted]=1', 'event=ONTEST&data[constructor][prototype][polluted]=1', 'event=ONTEST&a%5B__proto__%5D%5Bpolluted%5D=1', 'event=ONTEST&data[x][prototype]=1']) {
      refused(body, 'FORBIDDEN_KEY');
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect((Object.prototype as unknown as Record<string, unknown>)['polluted']).toBeUndefined();
    // Keys Object.prototype has (toString, hasOwnProperty) are ordinary own members.
    const e = parse('event=ONTEST&data[toString]=x&data[hasOwnProperty][a]=1') as { data?: Record<string, unknown> };
    expect(Object.hasOwn(e.data!, 'toString')).toBe(true);
    expect(e.data!['hasOwnProperty']).toEqual({ a: '1' });
  });

  it('duplicate keys: the last wins, whatever it replaces (PHP)', () => {
    expect(parse('event=ONTEST&data[X]=1&data[X]=2')).toEqual({ event: 'ONTEST', data: { X: '2' } });
    expect(parse('event=ONTEST&data[X]=1&data[X][Y]=2')).toEqual({ event: 'ONTEST', data: { X: { Y: '2' } } });
    expect(parse('event=ONTEST&data[X][Y]=2&data[X]=1')).toEqual({ event: 'ONTEST', data: { X: '1' } });
    expect(parse('event=ONCRMDEALADD&event=ONTEST').event).toBe('ONTEST');
    // `[]` appends after the highest index.
    expect(formTree([['a[5]', 'x'], ['a[]', 'y']])['a']).toEqual(Object.assign(Object.create(null), { 5: 'x', 6: 'y' }));
  });

  it('invalid UTF-8, percent-encoded or raw: INVALID_UTF8 (not U+FFFD)', () => {
    refused('event=ONTEST&data[X]=%FF%FE', 'INVALID_UTF8');
    refused('event=ONTEST&data%C3=1', 'INVALID_UTF8');
    refused(new Uint8Array([...new TextEncoder().encode('event=ONTEST&data[X]='), 0xc3, 0x28]), 'INVALID_UTF8');
    // Malformed percent escapes stay literal, as PHP leaves them.
    expect(parse('event=ONTEST&data[X]=%zz%4')).toEqual({ event: 'ONTEST', data: { X: '%zz%4' } });
  });

  it('a Request: form only, read up to the limit', async () => {
    const req = (body: BodyInit, type = 'application/x-www-form-urlencoded') => new Request('http://x/', { method: 'POST', body, headers: { 'content-type': type } });
    await expect(parse(req('event=ontest&data[FLAG]=1'))).resolves.toEqual({ event: 'ONTEST', data: { FLAG: true } });
    await expect(parse(req('{"event":"ONTEST"}', 'application/json'))).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    const endless = new ReadableStream<Uint8Array>({ pull: (c) => c.enqueue(new Uint8Array(64 * 1024)) });
    await expect(parse(new Request('http://x/', { method: 'POST', body: endless, duplex: 'half' } as RequestInit), { maxBytes: 1 << 20 })).rejects.toMatchObject({ code: 'BODY_TOO_LARGE' });
  });
});

describe('the generated parseEvent is bound to B24Events', () => {
  it('types a documented event by its name, values by its wire spec', () => {
    const e = parseEvent('event=ONCRMDEALADD&event_handler_id=975&data[FIELDS][ID]=7405&ts=1766047124&auth[member_id]=m&auth[application_token]=t');
    expect(e).toMatchObject({ event: 'ONCRMDEALADD', data: { FIELDS: { ID: '7405' } } });
    expectTypeOf(e).toEqualTypeOf<GeneratedEvent>();
    if (e.event === 'ONCRMDEALADD') {
      expectTypeOf(e.event).toEqualTypeOf<'ONCRMDEALADD'>();
      expectTypeOf(e.data?.FIELDS?.ID).toEqualTypeOf<`${number}` | undefined>();
    }
    const m = parseEvent('event=catalog.measure.on.add&data[FIELDS][ID]=5&ts=1718112345');
    expect(m).toMatchObject({ event: 'CATALOG.MEASURE.ON.ADD', data: { FIELDS: { ID: 5 } }, ts: 1718112345 });
    if (m.event === 'CATALOG.MEASURE.ON.ADD') expectTypeOf(m.data?.FIELDS?.ID).toEqualTypeOf<number | undefined>();
  });
});
