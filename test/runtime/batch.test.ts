import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { B24ConfigError, B24Error, batchRef, isB24Error } from '@b24gen/runtime';
import { encodeCommand, planChunks as plan, toQuery } from '../../runtime/src/batch.js';
import { B24Error as BE, B24ResponseError, configError } from '../../runtime/src/errors.js';
const E = { B24Error: BE, B24ResponseError, configError };
const planChunks = (k: string[], p: unknown[]) => plan(E, k, p);
import { parsePhpQuery } from '../fake-portal/server.js';
import { rejection, withPortal } from './helpers.js';

let env: Awaited<ReturnType<typeof withPortal>>;
beforeAll(async () => (env = await withPortal()));
afterAll(() => env.portal.close());

describe('command encoding (data-encoding.md)', () => {
  it('PHP-style query strings, special characters encoded once per layer', () => {
    expect(encodeCommand('crm.lead.add', { fields: { TITLE: 'John&Martin' } })).toBe('crm.lead.add?fields%5BTITLE%5D=John%26Martin');
    expect(toQuery({ a: [1, 2], b: { c: true, d: false, e: null }, u: undefined })).toEqual(['a%5B0%5D=1', 'a%5B1%5D=2', 'b%5Bc%5D=1', 'b%5Bd%5D=0', 'b%5Be%5D=']);
    expect(encodeCommand('user.current', {})).toBe('user.current');
  });
  it('round-trips through a PHP-style parser', () => {
    const params = { fields: { TITLE: 'a&b=c?d#e%f [x] ü', PHONE: [{ VALUE: '+1 555', VALUE_TYPE: 'WORK' }] }, id: 5 };
    const s = encodeCommand('m', params);
    expect(parsePhpQuery(s.slice(2))).toEqual({ fields: { TITLE: 'a&b=c?d#e%f [x] ü', PHONE: { 0: { VALUE: '+1 555', VALUE_TYPE: 'WORK' } } }, id: '5' });
  });
});

describe('chunk planning', () => {
  const keys = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);
  it('splits at 50', () => {
    expect(planChunks(keys(120), Array(120).fill({})).map((c) => c.length)).toEqual([50, 50, 20]);
  });
  it('keeps a command with what it references, in original order', () => {
    const params: unknown[] = Array(60).fill({});
    params[55] = { ID: batchRef('c10', 0, 'ID') };
    const chunks = planChunks(keys(60), params);
    const withRef = chunks.find((c) => c.includes(55))!;
    expect(withRef).toContain(10);
    expect(withRef.indexOf(10)).toBeLessThan(withRef.indexOf(55));
    expect(chunks.every((c) => c.length <= 50)).toBe(true);
    expect(chunks.flat().sort((a, b) => a - b)).toEqual([...Array(60).keys()]);
  });
  it('rejects references to unknown or later commands, and linked groups over 50', () => {
    expect(() => planChunks(['a', 'b'], [{ x: batchRef('b') }, {}])).toThrow(B24ConfigError);
    expect(() => planChunks(['a'], [{ x: batchRef('zz', 0) }])).toThrow(/not an earlier command/);
    const chain = keys(51).map((_, i) => (i ? { ID: batchRef(`c${i - 1}`, 'ID') } : {}));
    expect(() => planChunks(keys(51), chain)).toThrow(/linked by \$result references/);
  });
});

describe('client.batch', () => {
  it('keyed commands: results by key, typed per method; batchRef references', async () => {
    const c = env.webhook();
    const r = await c.batch({
      user: { method: 'user.current', params: {} },
      dep: { method: 'department.get', params: { ID: batchRef('user', 'UF_DEPARTMENT', 0) } },
      add: { method: 'crm.deal.add', params: { fields: { TITLE: 'John&Martin' } } },
    });
    expect(r.errors).toEqual({});
    expect(r.results.user?.NAME).toBe('John');
    expect(r.results.dep?.[0]?.ID).toBe('1');
    const id = r.results.add!;
    expect((await c.call('crm.deal.get', { id })).TITLE).toBe('John&Martin');
  });
  it('array commands: results by position; per-command errors without halt', async () => {
    const c = env.webhook();
    const r = await c.batch([
      { method: 'user.current' },
      { method: 'bizproc.activity.log', params: { EVENT_TOKEN: 't', LOG_MESSAGE: '' } },
      { method: 'crm.deal.get', params: { id: 999999 } },
      { method: 'department.get', params: { ID: 7 } },
    ]);
    expect(r.results[0]?.ID).toBe('1');
    expect(r.results[3]?.[0]?.NAME).toBe('Department 7');
    expect(r.errors[1]).toBeInstanceOf(B24Error);
    expect(isB24Error(r.errors[1], 'ERROR_EMPTY_LOG_MESSAGE')).toBe(true);
    expect(r.errors[1]?.method).toBe('bizproc.activity.log');
    expect(r.errors[2]?.code).toBe('NOT_FOUND');
    expect(r.results[1]).toBeUndefined();
  });
  it('halt: stops at the first error; later chunks are not sent', async () => {
    const c = env.webhook();
    const cmds = Array.from({ length: 80 }, (_, i) => (i === 3 ? { method: 'crm.deal.get' as const, params: { id: 999999 } } : { method: 'user.current' as const }));
    const before = env.portal.counters.byMethod.batch ?? 0;
    const r = await c.batch(cmds, { halt: true });
    expect(Object.keys(r.results)).toEqual(['0', '1', '2']);
    expect(Object.keys(r.errors)).toEqual(['3']);
    expect(env.portal.counters.byMethod.batch).toBe(before + 1);
  });
  it('more than 50 commands are split transparently into several batch requests', async () => {
    const c = env.webhook();
    const before = env.portal.counters.byMethod.batch ?? 0;
    const cmds = Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`d${i}`, { method: 'department.get' as const, params: { ID: i } }]));
    const r = await c.batch(cmds);
    expect(env.portal.counters.byMethod.batch).toBe(before + 3);
    expect(Object.keys(r.results)).toHaveLength(120);
    expect(r.results.d119?.[0]?.ID).toBe('119');
  });
  it('references across what would be a chunk boundary still resolve', async () => {
    const c = env.webhook();
    const cmds: any[] = Array.from({ length: 70 }, (_, i) => ({ method: 'department.get', params: { ID: i } }));
    cmds[65] = { method: 'fake.echo', params: { got: batchRef('2', 0, 'NAME') } };
    const r = await c.batch(cmds);
    expect(r.results[65]).toEqual({ got: 'Department 2' });
  });
  it('a bad reference is rejected before anything is sent', async () => {
    const c = env.webhook();
    const before = env.portal.counters.requests;
    const e = await rejection(c.batch({ a: { method: 'fake.echo', params: { x: batchRef('b', 0) } }, b: { method: 'user.current' } }));
    expect(e).toBeInstanceOf(B24ConfigError);
    expect(env.portal.counters.requests).toBe(before);
  });
  it('a batch of reads is retried after a network error; a batch with a write is not', async () => {
    const c = env.webhook();
    env.portal.fault({ kind: 'reset', method: 'batch' });
    const r = await c.batch({ u: { method: 'user.current' } });
    expect(r.results.u?.ID).toBe('1');
    env.portal.fault({ kind: 'reset', method: 'batch' });
    await expect(c.batch({ a: { method: 'crm.deal.add', params: { fields: {} } } })).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
  });
});
