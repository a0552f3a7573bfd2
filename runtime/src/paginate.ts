import type { CallOptions, ListMeta } from './contract.js';
import { BATCH_MAX, runChunk, type Core } from './batch.js';

const PAGE = 50; // the portal's fixed page size (list-methods-pecularities.md)

function itemsOf(core: Core, result: unknown, list: ListMeta | undefined, method: string): any[] {
  const r = result as any;
  const a = list?.itemsKey ? r?.[list.itemsKey] : r;
  if (Array.isArray(a)) return a;
  // No meta: accept a wrapper with exactly one array (e.g. `{ tasks: [...] }`).
  const arrays = !list && r && typeof r === 'object' ? Object.values(r).filter(Array.isArray) : [];
  if (arrays.length === 1) return arrays[0] as any[];
  throw new core.E.B24ResponseError('INVALID_RESPONSE', 'list result holds no item array', 'permanent', method);
}

/**
 * Items of a list method. With `list.idField` and no caller-chosen order/start/ID condition, uses
 * the ID cursor (order ID ASC, `>ID` = last seen, start=-1: no COUNT per page, huge-data.md) and
 * chains 50 pages per batch request via `$result[pN][...][49][ID]`. Otherwise follows `next`.
 */
export async function* paginate(core: Core, method: string, params: unknown, options?: CallOptions): AsyncGenerator<any, void, undefined> {
  const meta = await core.meta(method);
  if (options?.decode) core.D.checkDecode(meta);
  const list = meta.list;
  // With `decode`, items decode by the item part of the list's spec (the wrapper is not copied).
  const spec = options?.decode ? core.D.itemSpec(meta.decode, list?.itemsKey) : undefined;
  const decoded = (items: any[]) => (spec ? items.map((x) => core.D.decodeWire(spec, x)) : items);
  const p: Record<string, any> = { ...(params as object) };
  const start = p['start'];
  const [F, O, S] = list?.paramCase === 'upper' ? ['FILTER', 'ORDER', 'SELECT'] : ['filter', 'order', 'select'];
  const id = list?.idField;
  const filter: Record<string, unknown> = { ...p[F] };
  if (id && start === undefined && p[O] === undefined && !Object.keys(filter).some((k) => k.replace(/^\W+/, '') === id)) {
    const sel = p[S];
    if (Array.isArray(sel) && sel.length && !sel.includes(id) && !sel.includes('*')) p[S] = [...sel, id];
    p[O] = { [id]: 'ASC' };
    const path = (list.itemsKey ? `[${list.itemsKey}]` : '') + `[${PAGE - 1}][${id}]`;
    let last: unknown;
    let total = Infinity;
    let seen = 0;
    for (let first = true; ; first = false) {
      const n = Math.min(BATCH_MAX, Math.ceil((total - seen) / PAGE));
      if (n <= 0) return;
      const cmds: [string, string, unknown][] = [];
      for (let i = 0; i < n; i++) {
        const cursor = i ? `$result[p${i - 1}]${path}` : last;
        // The very first page counts the list (start=0) so we know how many pages to ask for.
        cmds.push([`p${i}`, method, { ...p, [F]: cursor === undefined ? filter : { ...filter, ['>' + id]: cursor }, start: first && !i ? 0 : -1 }]);
      }
      const out = await runChunk(core, cmds, false, options);
      if (first) total = Number(out.total['p0'] ?? Infinity);
      for (let i = 0; i < n; i++) {
        const err = out.errors[`p${i}`];
        if (err) throw err;
        const items = itemsOf(core, out.result[`p${i}`], list, method);
        yield* decoded(items);
        seen += items.length;
        if (items.length < PAGE) return; // a short page is the end; later chained pages are moot
        last = items[PAGE - 1]?.[id];
        if (last === undefined) throw new core.E.B24ResponseError('INVALID_RESPONSE', `list item has no ${id}`, 'permanent', method);
      }
    }
  }
  for (let at = Number(start ?? 0); ; ) {
    const env = await core.exec(meta, { ...p, start: at }, options);
    const items = itemsOf(core, env.result, list, method);
    yield* decoded(items);
    if (typeof env.next !== 'number' || env.next <= at || !items.length) return;
    at = env.next;
  }
}
