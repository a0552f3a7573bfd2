// REST 3.0 lists. `.list` methods take `pagination: { limit, offset }` and answer `{ items }` without
// a total; `.tail` methods take their own cursor `{ field, order, value, limit }` (main.eventlog.tail).
// Lists whose order is absent or the id alone are read by id: `['id', '>', last]` joined to the
// caller's filter, 50 offsets of that anchor per v3 batch request (no references needed), every
// page checked to continue the previous one. Another order: 50 offsets per request, no id twice.
import type { CallOptions, ListMeta, MethodMeta } from './contract.js';
import { BATCH_MAX, own, type Core } from './batch.js';
import { PAGE, cmp, incomplete } from './list-plan.js';
import { runV3 } from './v3-batch.js';

const isPlain = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function itemsOf(core: Core, result: unknown, list: ListMeta | undefined, method: string): any[] {
  const key = list?.itemsKey ?? 'items';
  const a = isPlain(result) && own(result, key) ? result[key] : undefined;
  if (Array.isArray(a)) return a;
  throw new core.E.B24ResponseError('INVALID_RESPONSE', `list result holds no ${key} array`, 'permanent', method);
}



/** client.v3.paginate: items in the portal's order, each once, or a typed error. */
export async function* paginateV3(core: Core, method: string, params: unknown, options?: CallOptions): AsyncGenerator<any, void, undefined> {
  const meta = await core.meta(method, 3);
  if (params != null && !isPlain(params)) throw core.E.configError(`${method}: params must be an object`);
  const p: Record<string, any> = { ...(params as object) };
  if (!meta.list && core.guessed && !core.guessed(meta))
    throw core.E.configError(`${method} is not a list method (its page documents no pagination or cursor): call it with v3.call(), not v3.paginate/listAll`);
  if (options?.decode) core.D.checkDecode(meta);
  const spec = options?.decode ? core.D.itemSpec(meta.decode, meta.list?.itemsKey ?? 'items') : undefined;
  const decoded = (items: any[]) => (spec ? items.map((x) => core.D.decodeWire(spec, x)) : items);
  const paging = meta.list?.paging ?? (p['cursor'] !== undefined || /\.tail$/.test(method) ? 'cursor' : 'pagination');
  if (paging === 'cursor') return yield* byCursor(core, meta, p, decoded, options);
  const id = meta.list?.idField ?? 'id';
  const order = p['order'];
  const keys = isPlain(order) ? Object.keys(order) : [];
  const dir = order === undefined || keys.length === 0 ? 'ASC' : keys.length === 1 && keys[0]!.toLowerCase() === id.toLowerCase() ? String(order[keys[0]!]).toUpperCase() : '';
  const byId = (dir === 'ASC' || dir === 'DESC') && (p['filter'] === undefined || Array.isArray(p['filter'])) && p['pagination'] === undefined;
  if (byId) p['order'] = { [id]: dir };
  const filter: unknown[] = Array.isArray(p['filter']) ? p['filter'] : [];
  const beyond = (a: unknown, b: unknown) => (dir === 'DESC' ? cmp(a, b) < 0 : cmp(a, b) > 0);
  const ids = new Set<string>();
  let last: unknown;
  let offset = Number(isPlain(p['pagination']) ? (p['pagination']['offset'] ?? 0) : 0) || 0;
  for (;;) {
    const cmds = Array.from({ length: BATCH_MAX }, (_, i) => {
      const q: Record<string, unknown> = { ...p, pagination: { limit: PAGE, offset: byId ? i * PAGE : offset + i * PAGE } };
      if (byId && last !== undefined) q['filter'] = [...filter, [id, dir === 'DESC' ? '<' : '>', last]];
      return { key: `p${i}`, method, query: q };
    });
    const got = await runV3(core, cmds, options);
    const pending: any[] = [];
    let prev = last;
    let end = false;
    for (let i = 0; i < got.length && !end; i++) {
      const items = itemsOf(core, got[i], meta.list, method);
      for (const it of items) {
        const v = it?.[id];
        if (byId) {
          if (v === undefined || v === null) throw new core.E.B24ResponseError('INVALID_RESPONSE', `list item has no ${id}`, 'permanent', method);
          if (prev !== undefined && !beyond(v, prev)) throw incomplete(core, method, `ids repeat or go backwards at ${id} ${String(v)}: the list changed while it was read`, pending);
          prev = v;
        } else if (v !== undefined && v !== null) {
          if (ids.has(String(v))) throw incomplete(core, method, `item ${id} ${String(v)} came twice: the list changed while it was read`, pending);
          ids.add(String(v));
        }
      }
      pending.push(...items);
      end = items.length < PAGE;
    }
    yield* decoded(pending);
    if (end) return;
    if (byId) last = prev;
    else offset += BATCH_MAX * PAGE;
  }
}

/** `.tail`: the method's own cursor, one request per page; the cursor value must move forward. */
async function* byCursor(core: Core, meta: MethodMeta, p: Record<string, any>, decoded: (items: any[]) => any[], co?: CallOptions) {
  const method = meta.method;
  const given = isPlain(p['cursor']) ? p['cursor'] : {};
  const field = String(given['field'] ?? meta.list?.idField ?? 'id');
  const order = String(given['order'] ?? 'ASC').toUpperCase() === 'DESC' ? 'DESC' : 'ASC';
  const limit = Number(given['limit'] ?? PAGE) || PAGE;
  let value: unknown = given['value'];
  for (;;) {
    const env = await core.exec(meta, { ...p, cursor: { ...given, field, order, limit, ...(value !== undefined ? { value } : {}) } }, co);
    const items = itemsOf(core, env.result, meta.list, method);
    let prev = value;
    for (const it of items) {
      const v = it?.[field];
      if (v === undefined || v === null) throw new core.E.B24ResponseError('INVALID_RESPONSE', `list item has no ${field}`, 'permanent', method);
      if (prev !== undefined && !(order === 'ASC' ? cmp(v, prev) > 0 : cmp(v, prev) < 0))
        throw incomplete(core, method, `the ${field} cursor does not advance past ${String(prev)}`, []);
      prev = v;
    }
    yield* decoded(items);
    if (items.length < limit) return;
    value = prev;
  }
}
