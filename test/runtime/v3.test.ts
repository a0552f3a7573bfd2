// REST 3.0 on par with v2: batch (bare array body, all or nothing, $ref/$refArray), lists by
// `pagination` and by the native `cursor`, the v3 error envelope; typed by the client's M3.
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { B24ConfigError, B24Error, batchRef, batchRefArray } from '@b24gen/runtime';
import { rejection, withPortal } from './helpers.js';

let env: Awaited<ReturnType<typeof withPortal>>;
beforeAll(async () => {
  env = await withPortal();
  env.portal.seedTasks(5_000);
});
afterAll(() => env.portal.close());
const first = () => Math.min(...env.portal.tasks.keys());

describe('v3.batch', () => {
  it('keyed commands: one request with a bare array body, results by key, typed by M3', async () => {
    const c = env.webhook();
    env.portal.resetCounters();
    const id = first();
    const r = await c.v3.batch({ one: { method: 'tasks.task.get', params: { id } }, two: { method: 'tasks.task.get', params: { id: id + 1 } } });
    expectTypeOf(r.results.one).toEqualTypeOf<{ item: { id: number; title: string } }>();
    expect(r.results.one.item.id).toBe(id);
    expect(r.results.two.item.title).toBe('Task 1');
    expect(env.portal.counters.byMethod['batch']).toBe(1);
    expect(env.portal.counters.batchCommands).toBe(2);
  });
  it('OAuth: the bare-array body has no room for auth; the token travels as Authorization: Bearer', async () => {
    const r = await env.oauth().v3.batch([{ method: 'tasks.task.get', params: { id: first() } }]);
    expect(r.results[0].item.id).toBe(first());
  });
  it('$ref and $refArray come from batchRef()/batchRefArray(), substituted by the portal', async () => {
    const c = env.webhook();
    const r = await c.v3.batch([
      { method: 'tasks.task.add', params: { fields: { title: 'from v3 batch' } }, as: 'made' },
      { method: 'tasks.task.get', params: { id: batchRef('made', 'id') as never } },
      { method: 'tasks.task.list', params: { select: ['id'], filter: [['id', '<', first() + 3]], order: { id: 'ASC' } }, as: 'few' },
      { method: 'tasks.task.list', params: { filter: [['id', 'in', batchRefArray('few', 'id')]] } },
    ]);
    expect(r.results[1].item.title).toBe('from v3 batch');
    expect(r.results[3].items.map((t) => t.id)).toEqual([first(), first() + 1, first() + 2]);
  });
  it('all or nothing: a failing command throws the v3 error for the whole batch', async () => {
    const c = env.webhook();
    const e = await rejection(c.v3.batch([{ method: 'tasks.task.get', params: { id: first() } }, { method: 'tasks.task.get', params: { id: 999_999_999 } }]));
    expect(e).toBeInstanceOf(B24Error);
    expect(e.code).toBe('BITRIX_REST_V3_EXCEPTION_ENTITYNOTFOUNDEXCEPTION');
    const u = await rejection(c.v3.batch({ a: { method: 'tasks.task.get', params: { id: batchRef('nobody', 'id') as never } } }));
    expect(u).toBeInstanceOf(B24ConfigError); // caught before sending: no earlier command "nobody"
  });
  it('a user value that is a $ref marker, a bad method name or alias is refused before sending', async () => {
    const c = env.webhook();
    env.portal.resetCounters();
    await expect(c.v3.batch([{ method: 'tasks.task.add', params: { fields: { title: { $ref: 'x.id' } as never } } }])).rejects.toThrow(/"fields\.title\.\$ref" is a \$ref marker/);
    await expect(c.v3.batch([{ method: 'tasks.task.get?id=1' as never, params: { id: 1 } }])).rejects.toThrow(/not a Bitrix24 method name/);
    await expect(c.v3.batch([{ method: 'tasks.task.get', params: { id: 1 }, as: 'a b' }])).rejects.toThrow(/alias/);
    expect(env.portal.counters.requests).toBe(0);
  });
});

describe('v3 lists', () => {
  it('tasks.task.list (pagination, no total) by id: 5,000 tasks in ≤ 3 requests, in order, each once', async () => {
    const c = env.webhook();
    env.portal.resetCounters();
    const all = await c.v3.listAll('tasks.task.list', { select: ['id', 'title'] });
    expect(all.map((t) => t.id)).toEqual([...env.portal.tasks.keys()].sort((a, b) => a - b).filter((id) => id <= all.at(-1)!.id));
    expect(all.length).toBe(env.portal.tasks.size);
    expect(env.portal.counters.requests).toBeLessThanOrEqual(3);
  });
  it('another order: 50 offsets per request, in the portal\'s order', async () => {
    const c = env.webhook();
    env.portal.resetCounters();
    const all = await c.v3.listAll('tasks.task.list', { order: { title: 'DESC' } as never, filter: [['id', '<', first() + 120]] });
    const expected = [...env.portal.tasks.values()].filter((t) => t['id'] < first() + 120).sort((a, b) => (a['title'] < b['title'] ? 1 : -1)).map((t) => t['id']);
    expect(all.map((t) => t.id)).toEqual(expected);
    expect(env.portal.counters.requests).toBe(1);
  });
  it('tasks.task.tail: the native cursor, one page per request, 120 tasks in 3', async () => {
    const c = env.webhook();
    env.portal.resetCounters();
    const seen: number[] = [];
    for await (const t of c.v3.paginate('tasks.task.tail', { cursor: { value: first() - 1 + 4_880 } })) seen.push(t.id);
    expect(seen).toHaveLength(env.portal.tasks.size - 4_880);
    expect(seen[0]).toBe(first() + 4_880);
    expect(env.portal.counters.requests).toBe(Math.floor(seen.length / 50) + 1);
  });
  it('a v3 method that is not a list is refused; the v3 error envelope of a list is thrown typed', async () => {
    const c = env.webhook();
    await expect(c.v3.listAll('tasks.task.get' as never, { id: 1 } as never)).rejects.toBeInstanceOf(B24ConfigError);
    const e = await rejection(c.v3.listAll('tasks.task.tail', { cursor: { limit: -1 } }));
    expect(e.code).toBe('BITRIX_REST_V3_EXCEPTION_INVALIDPAGINATIONEXCEPTION');
  });
});
