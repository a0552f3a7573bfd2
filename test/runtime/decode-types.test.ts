// Type-level tests of Decoded and of `{ decode: true }` on the client: expectTypeOf, and
// `@ts-expect-error` lines checked by `tsc -p tsconfig.json`.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type {
  B24Error, B24Invoker, B24NumericString, CallOptions, CallResult, Decoded, DecodeSpec, MaybeDecoded, MethodMeta,
} from '@b24gen/runtime';
import { createClient, decodeWire } from '@b24gen/runtime';
import type { WireClient, WireDeal, WireEcho } from './decode-client.test.js';

declare const c: WireClient;
/** The bodies are checked by tsc, never run: they would hit the network. */
const typeTest = (name: string, body: () => unknown) => it(name, () => expect(typeof body).toBe('function'));

interface Deal { ID: number; TITLE?: string; OPPORTUNITY?: number | null }

describe('Decoded<T>', () => {
  it('exactly `${number}` becomes number; literal unions, plain strings and other scalars stay', () => {
    expectTypeOf<Decoded<B24NumericString>>().toEqualTypeOf<number>();
    expectTypeOf<Decoded<B24NumericString | null>>().toEqualTypeOf<number | null>();
    expectTypeOf<Decoded<B24NumericString | undefined>>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Decoded<B24NumericString | number>>().toEqualTypeOf<number>();
    expectTypeOf<Decoded<'1' | '2'>>().toEqualTypeOf<'1' | '2'>();
    expectTypeOf<Decoded<'Y' | 'N'>>().toEqualTypeOf<'Y' | 'N'>();
    expectTypeOf<Decoded<string>>().toEqualTypeOf<string>();
    expectTypeOf<Decoded<string | null>>().toEqualTypeOf<string | null>();
    expectTypeOf<Decoded<number>>().toEqualTypeOf<number>();
    expectTypeOf<Decoded<boolean>>().toEqualTypeOf<boolean>();
    expectTypeOf<Decoded<null>>().toEqualTypeOf<null>();
    expectTypeOf<Decoded<unknown>>().toEqualTypeOf<unknown>();
    expectTypeOf<Decoded<any>>().toEqualTypeOf<any>();
    expectTypeOf<Decoded<never>>().toEqualTypeOf<never>();
  });
  it('objects and arrays map recursively, keeping optional and readonly members', () => {
    expectTypeOf<Decoded<WireDeal>>().toEqualTypeOf<Deal>();
    expectTypeOf<Decoded<WireDeal[]>>().toEqualTypeOf<Deal[]>();
    expectTypeOf<Decoded<readonly B24NumericString[]>>().toEqualTypeOf<readonly number[]>();
    expectTypeOf<Decoded<[B24NumericString, string]>>().toEqualTypeOf<[number, string]>();
    expectTypeOf<Decoded<{ readonly a?: B24NumericString; b: { c: B24NumericString[] } }>>().toEqualTypeOf<{ readonly a?: number; b: { c: number[] } }>();
    expectTypeOf<Decoded<Record<string, B24NumericString>>>().toEqualTypeOf<Record<string, number>>();
    expectTypeOf<Decoded<{ tasks: WireDeal[] } | null>>().toEqualTypeOf<{ tasks: Deal[] } | null>();
  });
  it('`[]` (an empty PHP array) is dropped from unions; alone it stays', () => {
    expectTypeOf<Decoded<{ x: B24NumericString } | []>>().toEqualTypeOf<{ x: number }>();
    expectTypeOf<Decoded<Record<string, B24NumericString> | [] | null>>().toEqualTypeOf<Record<string, number> | null>();
    expectTypeOf<Decoded<{ fm: { a: B24NumericString } | [] }>>().toEqualTypeOf<{ fm: { a: number } }>();
    expectTypeOf<Decoded<B24NumericString[] | []>>().toEqualTypeOf<number[]>();
    expectTypeOf<Decoded<[]>>().toEqualTypeOf<[]>();
  });
  it('functions and dates-as-strings stay', () => {
    type Fn = (x: B24NumericString) => B24NumericString;
    expectTypeOf<Decoded<{ f: Fn; DATE_CREATE: string }>>().toEqualTypeOf<{ f: Fn; DATE_CREATE: string }>();
  });
  it('MaybeDecoded / CallResult follow `decode`', () => {
    expectTypeOf<MaybeDecoded<WireDeal, true>>().toEqualTypeOf<Deal>();
    expectTypeOf<MaybeDecoded<WireDeal, false>>().toEqualTypeOf<WireDeal>();
    expectTypeOf<MaybeDecoded<WireDeal, boolean>>().toEqualTypeOf<WireDeal | Deal>();
    expectTypeOf<CallResult<{ m: { params: {}; result: WireDeal } }, 'm', true>>().toEqualTypeOf<Deal>();
  });
  it('decodeWire is typed by its caller; DecodeSpec rejects unknown kinds', () => {
    expectTypeOf(decodeWire<Deal>({ o: { ID: 'n' } }, {})).toEqualTypeOf<Deal>();
    const ok: DecodeSpec[] = ['n', { o: { ID: 'n' }, rest: 'n' }, { a: { m: 'n' } }, { m: { o: {} } }];
    expect(ok).toHaveLength(4);
    // @ts-expect-error unknown spec kind
    const bad: DecodeSpec = { x: 'n' };
    // @ts-expect-error 'n' is the only scalar spec
    const bad2: DecodeSpec = 's';
    void bad, void bad2;
  });
});

describe('the client with { decode: true }', () => {
  typeTest('call: wire types without decode, documented types with decode: true, either with a boolean', () => {
    expectTypeOf(c.call('crm.deal.get', { id: 1 })).toEqualTypeOf<Promise<WireDeal>>();
    expectTypeOf(c.call('crm.deal.get', { id: 1 }, { timeout: 5 })).toEqualTypeOf<Promise<WireDeal>>();
    expectTypeOf(c.call('crm.deal.get', { id: 1 }, { decode: false })).toEqualTypeOf<Promise<WireDeal>>();
    expectTypeOf(c.call('crm.deal.get', { id: 1 }, { decode: true })).toEqualTypeOf<Promise<Deal>>();
    expectTypeOf(c.call('crm.deal.get', { id: 1 }, { decode: true, timeout: 5 })).toEqualTypeOf<Promise<Deal>>();
    const opts: CallOptions = {};
    expectTypeOf(c.call('crm.deal.get', { id: 1 }, opts)).toEqualTypeOf<Promise<WireDeal | Deal>>();
    // params stay optional when every field is
    expectTypeOf(c.call('user.current')).toEqualTypeOf<Promise<{ ID: B24NumericString; NAME: string; UF_DEPARTMENT: number[] }>>();
    expectTypeOf(c.call('user.current', undefined, { decode: true })).toEqualTypeOf<Promise<{ ID: number; NAME: string; UF_DEPARTMENT: number[] }>>();
    expectTypeOf(c.call('fake.echo', {}, { decode: true })).resolves.toEqualTypeOf<{ n?: number; obj?: { x: number; label: string }; map?: Record<string, number>; list?: number[]; kind?: '1' | '2'; s?: string }>();
    expectTypeOf(c.call('fake.echo', {})).resolves.toEqualTypeOf<WireEcho>();
    {
      // @ts-expect-error unknown method, with decode too
      void c.call('crm.deal.nope', {}, { decode: true });
      // @ts-expect-error unknown method
      void c.call('crm.deal.nope', {});
      // @ts-expect-error missing required param
      void c.call('crm.deal.get', {}, { decode: true });
      // @ts-expect-error params are required when a field is required
      void c.call('crm.deal.get');
      // @ts-expect-error misspelt option (excess property)
      void c.call('crm.deal.get', { id: 1 }, { decod: true });
      // @ts-expect-error misspelt option next to a valid one
      void c.call('crm.deal.get', { id: 1 }, { timeout: 1, decod: true });
      // @ts-expect-error decode is a boolean
      void c.call('crm.deal.get', { id: 1 }, { decode: 1 });
    }
  });
  typeTest('v3.call', () => {
    expectTypeOf(c.v3.call('tasks.task.get', { id: 1 })).toEqualTypeOf<Promise<{ item: { id: number; title: string } }>>();
    expectTypeOf(c.v3.call('tasks.task.get', { id: 1 }, { decode: true })).toEqualTypeOf<Promise<{ item: { id: number; title: string } }>>();
    // @ts-expect-error v2 method on v3
    void c.v3.call('crm.deal.get', { id: 1 }, { decode: true });
  });
  typeTest('batch: each command typed by its method, decoded with decode: true', async () => {
    const cmds = { d: { method: 'crm.deal.get', params: { id: 1 } }, u: { method: 'user.current' }, n: { method: 'crm.deal.add', params: { fields: {} } } } as const;
    const raw = await c.batch(cmds);
    expectTypeOf(raw.results.d).toEqualTypeOf<WireDeal | undefined>();
    const r = await c.batch(cmds, { decode: true, halt: true });
    expectTypeOf(r.results.d).toEqualTypeOf<Deal | undefined>();
    expectTypeOf(r.results.u).toEqualTypeOf<{ ID: number; NAME: string; UF_DEPARTMENT: number[] } | undefined>();
    expectTypeOf(r.results.n).toEqualTypeOf<number | undefined>();
    expectTypeOf(r.errors.d).toEqualTypeOf<B24Error<'NOT_FOUND' | (string & {})> | undefined>();
    const a = await c.batch([{ method: 'crm.deal.get', params: { id: 1 } }, { method: 'user.current' }], { decode: true });
    expectTypeOf(a.results[0]).toEqualTypeOf<Deal | undefined>();
    {
      // @ts-expect-error params checked per command
      void c.batch({ d: { method: 'crm.deal.get', params: { id: {} } } }, { decode: true });
      // @ts-expect-error misspelt batch option
      void c.batch({ u: { method: 'user.current' } }, { decode: true, hatl: true });
    }
  });
  typeTest('paginate / listAll: items decoded with decode: true; `X | []` results still give items', async () => {
    expectTypeOf(c.listAll('crm.deal.list', {})).toEqualTypeOf<Promise<WireDeal[]>>();
    expectTypeOf(c.listAll('crm.deal.list', {}, { decode: true })).toEqualTypeOf<Promise<Deal[]>>();
    expectTypeOf(c.listAll('fake.item.list')).toEqualTypeOf<Promise<{ id: number; title: string }[]>>();
    for await (const d of c.paginate('crm.deal.list', {}, { decode: true })) expectTypeOf(d).toEqualTypeOf<Deal>();
    for await (const d of c.paginate('crm.deal.list')) expectTypeOf(d).toEqualTypeOf<WireDeal>();
  });
  typeTest('a generated binding can offer decode the same way', () => {
    const meta: MethodMeta = { method: 'crm.deal.get', apiVersion: 2, kind: 'read', decode: { o: { ID: 'n', OPPORTUNITY: 'n' } } };
    function crmDealGet<D extends boolean = false>(client: B24Invoker, params: { id: number }, options?: CallOptions<D>): Promise<MaybeDecoded<WireDeal, D>> {
      return client.invoke(meta, params, options) as Promise<MaybeDecoded<WireDeal, D>>;
    }
    expectTypeOf(crmDealGet(c, { id: 1 })).toEqualTypeOf<Promise<WireDeal>>();
    expectTypeOf(crmDealGet(c, { id: 1 }, { decode: true })).toEqualTypeOf<Promise<Deal>>();
    // an untyped client: unknown either way
    const any = createClient({ webhookUrl: 'https://p/rest/1/x/' });
    expectTypeOf(any.call('whatever', {}, { decode: true })).toEqualTypeOf<Promise<unknown>>();
  });
});
