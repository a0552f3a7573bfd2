// Batch hardening (issue 14.3, 14.4): explicit references only, literal $result/$error in user data
// refused, method names checked, command keys named like Object.prototype members kept as keys.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { B24ConfigError, batchRef, batchRefArray } from '@b24gen/runtime';
import { isMethodName } from '../../runtime/src/method-name.js';
import { encodeCommand } from '../../runtime/src/batch.js';
import { FakePortal } from '../fake-portal/server.js';
import { rejection, withPortal } from './helpers.js';

let env: Awaited<ReturnType<typeof withPortal>>;
beforeAll(async () => (env = await withPortal()));
afterAll(() => env.portal.close());

describe('references are explicit', () => {
  it('batchRef is written literally in the command, as batch.md shows; text is percent-encoded', () => {
    expect(encodeCommand('department.get', { ID: batchRef('get_user', 'UF_DEPARTMENT', 0) })).toBe('department.get?ID=$result[get_user][UF_DEPARTMENT][0]');
    expect(encodeCommand('crm.lead.add', { fields: { ASSIGNED_BY_ID: batchRef('u', 0, 'ID'), TITLE: 'a&b' } })).toBe(
      'crm.lead.add?fields%5BASSIGNED_BY_ID%5D=$result[u][0][ID]&fields%5BTITLE%5D=a%26b',
    );
  });
  it('batchRef refuses names that could not travel unencoded', () => {
    expect(() => batchRef('a]b')).toThrow(TypeError);
    expect(() => batchRef('a', 'x&y=1')).toThrow(/not a valid command name or path segment/);
    expect(() => batchRef('a b')).toThrow(TypeError);
  });
  for (const mode of ['decoded', 'literal'] as const)
    it(`references resolve on a portal that substitutes ${mode} values`, async () => {
      const portal = await FakePortal.start({ batchRefs: mode });
      try {
        const { createClient } = await import('@b24gen/runtime');
        const c = createClient({ webhookUrl: portal.webhookUrl, allowInsecureHttp: true, rateLimit: false });
        const r = await c.batch({ u: { method: 'user.current' }, d: { method: 'department.get', params: { ID: batchRef('u', 'UF_DEPARTMENT', 0) } } });
        expect((r.results as any).d).toEqual([{ ID: '1', NAME: 'Department 1', SORT: 500 }]);
      } finally {
        await portal.close();
      }
    });
  it('the fake portal in literal mode leaves a percent-encoded reference alone (the form the client no longer sends)', async () => {
    const portal = await FakePortal.start({ batchRefs: 'literal' });
    try {
      const res = await fetch(portal.webhookUrl + 'batch', {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ cmd: { u: 'user.current', e: 'fake.echo?x=%24result%5Bu%5D%5BID%5D', l: 'fake.echo?x=$result[u][ID]' } }),
      });
      const body = (await res.json()) as any;
      expect(body.result.result.e).toEqual({ x: '$result[u][ID]' });
      expect(body.result.result.l).toEqual({ x: '1' });
    } finally {
      await portal.close();
    }
  });
  it('literal $result[…] / $error[…] in user values or keys is refused, naming the command and the key; nothing is sent', async () => {
    const c = env.webhook();
    const before = env.portal.counters.requests;
    for (const [params, at] of [
      [{ fields: { TITLE: '$result[other][0][EMAIL]' } }, 'fields[TITLE]'],
      [{ fields: { TITLE: 'hello $result[nosuch]' } }, 'fields[TITLE]'],
      [{ fields: { COMMENTS: 'see $error[a]' } }, 'fields[COMMENTS]'],
      [{ fields: { '$result[x]': 1 } }, 'fields[$result[x]]'],
    ] as const) {
      const e = await rejection(c.batch({ other: { method: 'user.current' }, b: { method: 'crm.deal.add', params: params as never } }));
      expect(e).toBeInstanceOf(B24ConfigError);
      expect(e.message).toContain('batch command "b" (crm.deal.add)');
      expect(e.message).toContain(`"${at}"`);
    }
    expect(env.portal.counters.requests).toBe(before);
  });
  it('batchRefArray is REST 3.0 only', async () => {
    const e = await rejection(env.webhook().batch({ a: { method: 'user.current' }, b: { method: 'fake.echo', params: { x: batchRefArray('a', 'ID') } } }));
    expect(e).toBeInstanceOf(B24ConfigError);
    expect(e.message).toMatch(/REST 3\.0 only/);
  });
});

describe('method names', () => {
  it('isMethodName: dotted words only', () => {
    for (const ok of ['crm.item.list', 'user.current', 'im.v2.Chat.get', 'crm.item.productrow.set', 'batch']) expect(isMethodName(ok)).toBe(true);
    for (const bad of ['', 'crm.deal.get?id=1', 'a&b', 'crm/deal', '../batch', 'a b', 'a\nb', 'crm..deal', '.crm', 'x#y', 'a%2fb', 'x'.repeat(201)]) expect(isMethodName(bad)).toBe(false);
  });
  it('a batch command with a bad method name is refused before anything is sent', async () => {
    const c = env.webhook();
    const before = env.portal.counters.requests;
    for (const m of ['user.current?x=1', 'crm.deal.add&cmd[z]=user.current', 'a/b', 'user current'])
      await expect(c.batch({ a: { method: m as never } })).rejects.toThrow(/batch command "a": method name .* is not a Bitrix24 method name/);
    expect(env.portal.counters.requests).toBe(before);
  });
});

describe('command keys named like Object.prototype members (14.4)', () => {
  it('constructor, toString, hasOwnProperty, __proto__ come back as results, not errors', async () => {
    const c = env.webhook();
    const keys = ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'];
    const cmds = Object.fromEntries(keys.map((k) => [k, { method: 'user.current' as const }]));
    const r = await c.batch(cmds);
    expect(Object.getPrototypeOf(r.results)).toBe(null);
    expect(Object.getPrototypeOf(r.errors)).toBe(null);
    expect(Object.keys(r.errors)).toEqual([]);
    expect(Object.keys(r.results).sort()).toEqual([...keys].sort());
    for (const k of keys) expect((r.results as any)[k].NAME).toBe('John');
    expect(({} as any).NAME).toBeUndefined();
  });
  it('a server answer with __proto__ / constructor keys pollutes nothing and invents no errors', async () => {
    const c = env.webhook();
    env.portal.fault({
      kind: 'raw', method: 'batch', status: 200,
      body: '{"result":{"result":{"a":1,"__proto__":{"polluted":1}},"result_error":{"__proto__":{"error":"X"},"constructor":{"error":"Y"}},"result_total":[],"result_next":[],"result_time":[]},"time":{}}',
    });
    const r = await c.batch({ a: { method: 'user.current' } });
    expect((r.results as any).a).toBe(1);
    expect(Object.keys(r.errors)).toEqual([]);
    expect(({} as any).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(r.results)).toBe(null);
  });
});
