// Type-level tests: expectTypeOf here, and `@ts-expect-error` lines checked by `tsc -p tsconfig.json`.
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  batchRef, createClient, isB24Error, type B24Client, type B24Error, type B24Invoker, type CallOptions, type ItemOf, type KnownMethod, type MethodMeta,
} from '@b24gen/runtime';
import type { Deal, TestClient, TestMethods, TestMethodsV3 } from './helpers.js';

declare const c: TestClient;
/** The bodies are checked by tsc (`tsc -p tsconfig.json --noEmit`), never run: they would hit the network. */
const typeTest = (name: string, body: () => unknown) => it(name, () => expect(typeof body).toBe('function'));

describe('types', () => {
  typeTest('call: names autocomplete, params checked, result inferred', () => {
    expectTypeOf(c.call('crm.deal.get', { id: 1 })).toEqualTypeOf<Promise<Deal>>();
    expectTypeOf(c.call('crm.deal.add', { fields: { TITLE: 'x' } })).toEqualTypeOf<Promise<number>>();
    expectTypeOf(c.call('user.current')).toEqualTypeOf<Promise<{ ID: string; NAME: string; UF_DEPARTMENT: number[] }>>();
    expectTypeOf<Parameters<typeof c.call<'crm.deal.get'>>[0]>().toEqualTypeOf<'crm.deal.get'>();
    {
      // @ts-expect-error unknown method
      void c.call('crm.deal.nope', {});
      // @ts-expect-error missing required param
      void c.call('crm.deal.get', {});
      // @ts-expect-error params are required when a field is required
      void c.call('crm.deal.get');
      // @ts-expect-error wrong param type
      void c.call('crm.deal.get', { id: true });
      // @ts-expect-error REST 3.0 method on the v2 call
      void c.call('tasks.task.get', { id: 1 });
      // @ts-expect-error v2 method on v3
      void c.v3.call('crm.deal.get', { id: 1 });
    }
  });
  typeTest('v3.call is typed through M3', () => {
    expectTypeOf(c.v3.call('tasks.task.get', { id: 1 })).toEqualTypeOf<Promise<{ item: { id: number; title: string } }>>();
  });
  typeTest('batch: results and errors keyed like the commands', async () => {
    const r = await c.batch({ d: { method: 'crm.deal.get', params: { id: 1 } }, n: { method: 'crm.deal.add', params: { fields: {} } } });
    expectTypeOf(r.results.d).toEqualTypeOf<Deal | undefined>();
    expectTypeOf(r.results.n).toEqualTypeOf<number | undefined>();
    expectTypeOf(r.errors.d).toEqualTypeOf<B24Error<'NOT_FOUND' | (string & {})> | undefined>();
    const a = await c.batch([{ method: 'user.current' }, { method: 'crm.deal.add', params: { fields: {} } }]);
    expectTypeOf(a.results[1]).toEqualTypeOf<number | undefined>();
    expectTypeOf(a.results[0]).toEqualTypeOf<{ ID: string; NAME: string; UF_DEPARTMENT: number[] } | undefined>();
    {
      // @ts-expect-error params checked per command
      void c.batch({ d: { method: 'crm.deal.get', params: { id: {} } } });
      // @ts-expect-error unknown method in batch
      void c.batch([{ method: 'nope' }]);
      // @ts-expect-error result keys are the command keys
      void r.results.zz;
    }
  });
  typeTest('batch params accept batchRef() references where values go', async () => {
    const r = await c.batch({
      a: { method: 'crm.deal.add', params: { fields: { TITLE: 'x' } } },
      b: { method: 'crm.deal.update', params: { id: batchRef('a'), fields: { TITLE: batchRef('a') } } },
    });
    expectTypeOf(r.results.b).toEqualTypeOf<boolean | undefined>();
    // @ts-expect-error a plain string is not a reference
    void c.batch({ b: { method: 'crm.deal.update', params: { id: 'a', fields: {} } } });
  });
  typeTest('a misspelt name is one short error naming it', () => {
    type K = KnownMethod<TestMethods, 'crm.deal.gett'>;
    expectTypeOf<K>().toEqualTypeOf<'unknown method: crm.deal.gett'>();
    expectTypeOf<KnownMethod<TestMethods, 'crm.deal.get'>>().toEqualTypeOf<'crm.deal.get'>();
    // @ts-expect-error unknown method in paginate
    void c.paginate('crm.deal.lisst');
  });
  typeTest('items of a wrapper with optional members', () => {
    type W = { params: {}; result: { items?: { id: number }[]; total?: number }; error: never };
    expectTypeOf<ItemOf<{ w: W }, 'w'>>().toEqualTypeOf<{ id: number }>();
  });
  typeTest('paginate / listAll give items', async () => {
    expectTypeOf(c.listAll('crm.deal.list', {})).toEqualTypeOf<Promise<Deal[]>>();
    expectTypeOf(c.listAll('fake.item.list')).toEqualTypeOf<Promise<{ id: number; title: string }[]>>();
    for await (const d of c.paginate('crm.deal.list')) expectTypeOf(d).toEqualTypeOf<Deal>();
  });
  typeTest('isB24Error narrows the code', () => {
    const e: unknown = null;
    if (isB24Error(e, 'ERROR_EMPTY_LOG_MESSAGE')) expectTypeOf(e.code).toEqualTypeOf<'ERROR_EMPTY_LOG_MESSAGE'>();
    if (isB24Error(e)) expectTypeOf(e.code).toEqualTypeOf<string>();
  });
  typeTest('the generated-binding pattern compiles against the client', () => {
    const meta: MethodMeta = { method: 'bizproc.activity.log', apiVersion: 2, kind: 'write' };
    function bizprocActivityLog(client: B24Invoker, params: { LOG_MESSAGE: string }, options?: CallOptions): Promise<boolean> {
      return client.invoke(meta, params, options) as Promise<boolean>;
    }
    expectTypeOf(bizprocActivityLog(c, { LOG_MESSAGE: 'x' })).toEqualTypeOf<Promise<boolean>>();
    // the generated entry's createClient pattern
    const typed: B24Client<TestMethods, TestMethodsV3> = createClient<TestMethods, TestMethodsV3>({ webhookUrl: 'https://p/rest/1/x/' }, { resolveMeta: () => undefined, errorClasses: {} });
    expectTypeOf(typed).toEqualTypeOf<TestClient>();
    // untyped client: anything goes, results unknown
    const any = createClient({ webhookUrl: 'https://p/rest/1/x/' });
    expectTypeOf(any.call('whatever.method', { a: 1 })).toEqualTypeOf<Promise<unknown>>();
    {
      // @ts-expect-error webhookUrl and oauth are exclusive
      createClient({ webhookUrl: 'https://p/rest/1/x/', portal: 'p', oauth: { accessToken: '', refreshToken: '', clientId: '', clientSecret: '' } });
      // @ts-expect-error unknown rate-limit preset
      createClient({ webhookUrl: 'https://p/rest/1/x/', rateLimit: 'turbo' });
    }
  });
});
