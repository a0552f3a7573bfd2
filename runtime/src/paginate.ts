import type { CallOptions, ListMeta, MethodMeta } from './contract.js';
import { BATCH_MAX, own, refTo, runChunk, type Core } from './batch.js';
import { PAGE, cmp, cursorKey, incomplete, planList, withCursor, type ListPlan } from './list-plan.js';

type Decoded = (items: any[]) => any[];

function itemsOf(core: Core, result: unknown, list: ListMeta | undefined, method: string): any[] {
  const r = result as any;
  const a = list?.itemsKey ? (r && typeof r === 'object' && own(r, list.itemsKey) ? r[list.itemsKey] : undefined) : r;
  if (Array.isArray(a)) return a;
  // No meta: accept a wrapper with exactly one array (e.g. `{ tasks: [...] }`).
  const arrays = !list && r && typeof r === 'object' ? Object.values(r).filter(Array.isArray) : [];
  if (arrays.length === 1) return arrays[0] as any[];
  throw new core.E.B24ResponseError('INVALID_RESPONSE', 'list result holds no item array', 'permanent', method);
}

/** The portal's `total`: a count, unknown (absent: Infinity), or a contradiction (typed error, never a loop). */
function totalOf(core: Core, v: unknown, method: string): number {
  if (v === undefined || v === null) return Infinity;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < 0)
    throw new core.E.B24ResponseError('INVALID_RESPONSE', `list total is not a count (${JSON.stringify(String(v).slice(0, 20))})`, 'permanent', method);
  return n;
}



/**
 * Items of a list method, in the portal's order, each once; never a short or repeated list without
 * an error (B24ListIncompleteError). The ID cursor when the order allows it (see list-plan.ts),
 * else pages by offset, 50 offsets per batch request once `total` is known.
 */
export async function* paginate(core: Core, method: string, params: unknown, options?: CallOptions): AsyncGenerator<any, void, undefined> {
  const meta = await core.meta(method);
  if (params != null && (typeof params !== 'object' || Array.isArray(params))) throw core.E.configError(`${method}: params must be an object`);
  if (!meta.list && core.guessed && !core.guessed(meta))
    throw core.E.configError(`${method} is not a list method (its page documents no paging): call it with call(), not paginate/listAll`);
  if (options?.decode) core.D.checkDecode(meta);
  // With `decode`, items decode by the item part of the list's spec (the wrapper is not copied).
  const spec = options?.decode ? core.D.itemSpec(meta.decode, meta.list?.itemsKey) : undefined;
  const decoded: Decoded = (items) => (spec ? items.map((x) => core.D.decodeWire(spec, x)) : items);
  const plan = planList(meta.list, params);
  if (plan.kind === 'id') yield* byId(core, meta, plan, decoded, options);
  else yield* byOffset(core, meta, plan, decoded, options);
}

/**
 * The ID cursor: order by id, `>ID` (or `<ID` descending) = the last id seen, `start: -1` (no COUNT
 * per page, huge-data.md); 50 pages chained per batch request through `$result[pN][…][49][ID]`,
 * written literally as batch.md shows. Every page is checked to continue the previous one. When a
 * chained page does not (the portal did not substitute the reference), the rest is read without
 * references: the literal last id and `start` offsets 0, 50, … (those pages count, so a list that
 * changes under them is seen and re-anchored). A short page with fewer items than `total` is
 * confirmed with a fresh count: nothing left past the last id, nothing skipped before it.
 */
async function* byId(core: Core, meta: MethodMeta, plan: Extract<ListPlan, { kind: 'id' }>, decoded: Decoded, co?: CallOptions) {
  const { id, dir, F, S, params: p, filter } = plan;
  const method = meta.method;
  const list = meta.list;
  const path = [...(list?.itemsKey ? [list.itemsKey] : []), String(PAGE - 1), id];
  const beyond = (a: unknown, b: unknown) => (dir === 'ASC' ? cmp(a, b) > 0 : cmp(a, b) < 0);
  let last: unknown; // id of the last item handed out
  let total = Infinity; // from the first page (start=0 counts)
  let seen = 0;
  let chain = true; // false once a reference did not resolve
  let stuck = 0;
  for (let first = true; ; first = false) {
    const n = first ? BATCH_MAX : Math.max(1, Math.min(BATCH_MAX, Math.ceil((total - seen) / PAGE)));
    const cmds: [string, string, unknown][] = [];
    for (let i = 0; i < n; i++) {
      const cursor = chain && i ? refTo(`p${i - 1}`, path) : last;
      cmds.push([`p${i}`, method, { ...p, [F]: withCursor(filter, id, dir, cursor), start: chain ? (first && !i ? 0 : -1) : i * PAGE }]);
    }
    const out = await runChunk(core, cmds, false, co);
    if (first) total = totalOf(core, out.total['p0'], method);
    if (!chain) total = seen + totalOf(core, out.total['p0'], method);
    const pending: any[] = [];
    let prev = last;
    let end = false;
    let broken = false;
    for (let i = 0; i < n && !end && !broken; i++) {
      const k = `p${i}`;
      if (own(out.errors, k)) throw out.errors[k];
      const items = itemsOf(core, own(out.result, k) ? out.result[k] : undefined, list, method);
      // Anchored pages count the list: another count means it changed between them (offsets shifted).
      if (!chain && i && String(out.total[k]) !== String(out.total['p0'])) {
        broken = true;
        break;
      }
      let ok = true;
      let at = prev;
      for (const it of items) {
        const v = it?.[id];
        if (v === undefined || v === null || v === '') throw new core.E.B24ResponseError('INVALID_RESPONSE', `list item has no ${id}`, 'permanent', method);
        if (at !== undefined && !beyond(v, at)) {
          ok = false;
          break;
        }
        at = v;
      }
      if (!ok && i === 0)
        throw incomplete(core, method, `the portal did not honour the ${id} cursor (${cursorKey(id, dir)} ${String(prev)}): ids repeat or go backwards`, pending, total);
      if (!ok) broken = true;
      else {
        pending.push(...items);
        prev = at;
        end = items.length < PAGE;
      }
    }
    if (pending.length) {
      stuck = 0;
      last = prev;
      seen += pending.length;
      yield* decoded(pending);
    } else if (++stuck > 2) throw incomplete(core, method, `the ${id} cursor does not advance past ${String(last)}`, [], total);
    if (broken) {
      chain = false; // references did not resolve (or the list moved): read on from the literal last id
      continue;
    }
    if (!end && seen < total) continue;
    if (seen >= total) return;
    // A short page, yet fewer items than `total` said: deletions, or a chain that broke. Ask again.
    const probe: [string, string, unknown][] = [['rest', method, { ...p, [F]: withCursor(filter, id, dir, last), [S]: [id], start: 0 }]];
    if (last !== undefined) probe.push(['upto', method, { ...p, [F]: { ...filter, [(dir === 'ASC' ? '<=' : '>=') + id]: last }, [S]: [id], start: 0 }]);
    const pr = await runChunk(core, probe, false, co);
    for (const k of ['rest', 'upto']) if (own(pr.errors, k)) throw pr.errors[k];
    if (last !== undefined) {
      const upto = totalOf(core, pr.total['upto'], method);
      if (upto > seen) throw incomplete(core, method, `${upto - seen} item(s) up to ${id} ${String(last)} were not returned`, [], total);
    }
    const rest = totalOf(core, pr.total['rest'], method);
    if (!itemsOf(core, pr.result['rest'], list, method).length) return; // nothing past the last id: whole (items were deleted meanwhile)
    chain = false;
    total = seen + (Number.isFinite(rest) ? rest : PAGE);
  }
}

/**
 * Another order (or a caller's `start`): the first page gives `total`, then the remaining offsets
 * go 50 per batch request. Offsets shift when the list changes, so every page's count must equal the
 * first one, every page must be as long as the count says, and no id may come twice.
 */
async function* byOffset(core: Core, meta: MethodMeta, plan: Extract<ListPlan, { kind: 'offset' }>, decoded: Decoded, co?: CallOptions) {
  const method = meta.method;
  const p = plan.params;
  let at = plan.start;
  const env = await core.exec(meta, { ...p, start: at }, co);
  let items = itemsOf(core, env.result, meta.list, method);
  const total = totalOf(core, env.total, method);
  const first = items[0];
  const idKey = meta.list?.idField ?? (first && typeof first === 'object' ? (own(first, 'ID') ? 'ID' : own(first, 'id') ? 'id' : undefined) : undefined);
  const ids = new Set<string>();
  const check = (page: any[], pending: unknown[]) => {
    if (idKey)
      for (const it of page) {
        const v = it?.[idKey];
        if (v === undefined || v === null) continue;
        if (ids.has(String(v))) throw incomplete(core, method, `item ${idKey} ${String(v)} came twice: the list changed while it was read`, pending, total);
        ids.add(String(v));
      }
  };
  check(items, []);
  if (Number.isFinite(total) && items.length !== Math.min(PAGE, Math.max(0, total - at)))
    throw incomplete(core, method, `page at ${at} has ${items.length} items; total ${total} says ${Math.min(PAGE, Math.max(0, total - at))}`, items, total);
  yield* decoded(items);
  if (!Number.isFinite(total)) {
    // No count: follow `next` one page at a time; it must move forward.
    for (let next = env.next; typeof next === 'number' && items.length; ) {
      if (!(next > at)) throw incomplete(core, method, `next (${next}) does not advance past ${at}`, [], undefined);
      at = next;
      const e = await core.exec(meta, { ...p, start: at }, co);
      items = itemsOf(core, e.result, meta.list, method);
      check(items, []);
      yield* decoded(items);
      next = e.next;
    }
    return;
  }
  for (let offset = at + PAGE; offset < total; ) {
    const n = Math.min(BATCH_MAX, Math.ceil((total - offset) / PAGE));
    const cmds: [string, string, unknown][] = [];
    for (let i = 0; i < n; i++) cmds.push([`o${i}`, method, { ...p, start: offset + i * PAGE }]);
    const out = await runChunk(core, cmds, false, co);
    const pending: any[] = [];
    for (let i = 0; i < n; i++) {
      const k = `o${i}`;
      if (own(out.errors, k)) throw out.errors[k];
      const page = itemsOf(core, own(out.result, k) ? out.result[k] : undefined, meta.list, method);
      const t = totalOf(core, out.total[k], method);
      if (t !== total) throw incomplete(core, method, `the list's total changed from ${total} to ${t} while it was read (offsets shift)`, pending, total);
      const want = Math.min(PAGE, total - (offset + i * PAGE));
      if (page.length !== want) throw incomplete(core, method, `page at ${offset + i * PAGE} has ${page.length} items; total ${total} says ${want}`, pending, total);
      check(page, pending);
      pending.push(...page);
    }
    yield* decoded(pending);
    offset += n * PAGE;
  }
}
