// Errors as an app checks them: reasons matched from `error_description` (rows without a code), the
// per-method guard, and what a call by name does without a generated meta (kind by verb, no decode).
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  B24ConfigError, B24Error, createClient, errorGuard, isB24Error, methodKind, type B24ErrorGuard, type MethodMeta,
} from '@b24gen/runtime';
import { fastRetry, rejection, withPortal } from './helpers.js';

let env: Awaited<ReturnType<typeof withPortal>>;
beforeAll(async () => (env = await withPortal()));
afterAll(() => env.portal.close());

const legacyMeta: MethodMeta = { method: 'fake.legacy.get', apiVersion: 2, kind: 'read', reasons: ['ID is not defined or invalid', 'Access denied', 'Not found'] };
type LegacyReason = 'ID is not defined or invalid' | 'Access denied' | 'Not found';
const isLegacyError: B24ErrorGuard<'SOME_CODE' | 'QUERY_LIMIT_EXCEEDED', LegacyReason> = errorGuard('fake.legacy.get');

describe('reasons', () => {
  it('an error without a code gets the documented description it matches as reason (case, spaces, final period aside)', async () => {
    const c = env.webhook();
    const missing = await rejection(c.invoke(legacyMeta, { id: 7 }));
    expect(missing).toMatchObject({ code: 'HTTP_400', description: 'Not found.', reason: 'Not found', httpStatus: 400, method: 'fake.legacy.get' });
    expect(await rejection(c.invoke(legacyMeta, { id: 'denied' }))).toMatchObject({ reason: 'Access denied' });
    expect(await rejection(c.invoke(legacyMeta, {}))).toMatchObject({ reason: 'ID is not defined or invalid' });
    expect(JSON.parse(JSON.stringify(missing))).toMatchObject({ reason: 'Not found' });
  });

  it('no reason when the meta documents none or the description matches none', async () => {
    const c = env.webhook();
    const e = await rejection(c.invoke({ ...legacyMeta, reasons: ['Deal not found'] }, { id: 7 }));
    expect(e).toBeInstanceOf(B24Error);
    expect('reason' in (e as object)).toBe(false);
    expect((await rejection(c.invoke({ method: 'fake.legacy.get', apiVersion: 2, kind: 'read' }, { id: 7 })) as B24Error).reason).toBeUndefined();
  });

  it('batch command errors get reasons by their own method', async () => {
    const c = createClient({ webhookUrl: env.portal.webhookUrl, allowInsecureHttp: true, rateLimit: false, retry: fastRetry }, { resolveMeta: (m) => (m === 'fake.legacy.get' ? legacyMeta : undefined) });
    const { errors } = await c.batch({ a: { method: 'fake.legacy.get', params: { id: 3 } }, b: { method: 'fake.echo', params: { x: 1 } } });
    expect(errors['a']).toMatchObject({ reason: 'Not found', method: 'fake.legacy.get' });
  });
});

describe('guards', () => {
  it("a method's guard matches its method's errors, with a code that code", async () => {
    const c = env.webhook();
    const e = await rejection(c.invoke(legacyMeta, { id: 7 }));
    expect(isLegacyError(e)).toBe(true);
    expect(isLegacyError(e, 'SOME_CODE')).toBe(false);
    expect(errorGuard('other.method')(e)).toBe(false);
    expect(isLegacyError(new Error('x'))).toBe(false);
    expect(isB24Error(e, 'HTTP_400')).toBe(true);
  });

  it('types: codes and reasons narrow; unknown ones do not compile', () => {
    const e: unknown = null;
    if (isLegacyError(e)) {
      expectTypeOf(e.reason).toEqualTypeOf<LegacyReason | undefined>();
      expectTypeOf(e.code).toEqualTypeOf<'SOME_CODE' | 'QUERY_LIMIT_EXCEEDED' | (string & {})>();
    }
    if (isLegacyError(e, 'SOME_CODE')) expectTypeOf(e.code).toEqualTypeOf<'SOME_CODE'>();
    // @ts-expect-error not one of the guard's codes
    if (isLegacyError(e, 'SOME_CODEE')) void e;
    // @ts-expect-error not a documented reason
    if (isLegacyError(e) && e.reason === 'Gone') void e;
    if (isB24Error(e)) expectTypeOf(e.code).toEqualTypeOf<string>();
  });
});

describe('calls by name without a generated meta', () => {
  it('are read or write by their verb, as the generator decides', () => {
    expect(['crm.deal.get', 'crm.deal.list', 'tasks.task.getFields', 'user.current', 'crm.deal.fields'].map(methodKind)).toEqual(['read', 'read', 'read', 'write', 'read']);
    expect(['crm.deal.add', 'bizproc.activity.log', 'event.bind'].map(methodKind)).toEqual(['write', 'write', 'write']);
  });

  it('decode: true throws a configuration error instead of returning undecoded data', async () => {
    const c = createClient<{ 'fake.echo': { params: Record<string, unknown>; result: { n: number }; error: never } }>({ webhookUrl: env.portal.webhookUrl, allowInsecureHttp: true, rateLimit: false });
    const before = env.portal.counters.requests;
    const e = await rejection(c.call('fake.echo', { n: '1' }, { decode: true }));
    expect(e).toBeInstanceOf(B24ConfigError);
    expect((e as Error).message).toMatch(/fake\.echo: decode needs the method's meta/);
    await expect(rejection(c.batch({ a: { method: 'fake.echo' } }, { decode: true }))).resolves.toBeInstanceOf(B24ConfigError);
    await expect(rejection(c.listAll('fake.echo', {}, { decode: true }))).resolves.toBeInstanceOf(B24ConfigError);
    expect(env.portal.counters.requests).toBe(before); // nothing was sent
    expect(await c.call('fake.echo', { n: '1' })).toEqual({ n: '1' }); // without decode it works
  });
});
