// How a list is read: pure decisions from the method's ListMeta and the caller's params, no I/O.
// The ID cursor (huge-data.md, list-methods-pecularities.md) applies when the caller's order is
// absent or the id alone; a filter on the id is merged with it (both hold: the portal ANDs them).
import type { ListMeta } from './contract.js';
import type { Core } from './batch.js';

export const PAGE = 50; // the portal's fixed page size (list-methods-pecularities.md)

export type ListPlan =
  | { kind: 'id'; F: string; O: string; S: string; id: string; dir: 'ASC' | 'DESC'; params: Record<string, any>; filter: Record<string, unknown> }
  | { kind: 'offset'; start: number; params: Record<string, any> };

const isPlain = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `{ ID: 'ASC' }` / `{ id: 'desc' }`: the id alone, in a direction; otherwise undefined. */
function idOrder(order: unknown, id: string): 'ASC' | 'DESC' | undefined {
  if (order === undefined || order === null) return 'ASC';
  if (!isPlain(order)) return undefined;
  const keys = Object.keys(order);
  if (keys.length === 0) return 'ASC';
  if (keys.length !== 1 || keys[0]!.toLowerCase() !== id.toLowerCase()) return undefined;
  const d = String(order[keys[0]!]).toUpperCase();
  return d === 'ASC' || d === 'DESC' ? d : undefined;
}

/** The cursor's filter key (`>ID` ascending, `<ID` descending). */
export const cursorKey = (id: string, dir: 'ASC' | 'DESC') => (dir === 'ASC' ? '>' : '<') + id;

/**
 * The caller's filter with the cursor merged in: the cursor replaces a caller bound on the same key
 * (`>ID` when ascending), which it is always tighter than, since the cursor is an id the portal
 * returned under that bound; any other condition on the id stays and the portal ANDs them.
 */
export function withCursor(filter: Record<string, unknown>, id: string, dir: 'ASC' | 'DESC', cursor: unknown): Record<string, unknown> {
  if (cursor === undefined) return filter;
  const key = cursorKey(id, dir);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(filter)) if (k.toLowerCase() !== key.toLowerCase()) out[k] = v;
  out[key] = cursor;
  return out;
}

export function planList(list: ListMeta | undefined, params: unknown): ListPlan {
  const p: Record<string, any> = { ...(params as object) };
  const [F, O, S] = list?.paramCase === 'upper' ? ['FILTER', 'ORDER', 'SELECT'] : ['filter', 'order', 'select'];
  const start = p['start'];
  const fromTop = start === undefined || start === null || Number(start) === 0 || Number(start) === -1;
  const id = list?.idField;
  const dir = id ? idOrder(p[O], id) : undefined;
  const filter = p[F];
  if (id && dir && fromTop && (filter === undefined || isPlain(filter))) {
    const sel = p[S];
    // The cursor reads the id of each page's last item: select it too.
    if (Array.isArray(sel) && sel.length && !sel.includes(id) && !sel.includes('*')) p[S] = [...sel, id];
    p[O] = { [id]: dir };
    delete p['start'];
    return { kind: 'id', F, O, S, id, dir, params: p, filter: { ...(filter as object | undefined) } };
  }
  const at = Number(start ?? 0);
  return { kind: 'offset', start: Number.isInteger(at) && at > 0 ? at : 0, params: p };
}

/** Ids compare as numbers when both are numeric (the portal sends `"410"`), else as strings. */
export function cmp(a: unknown, b: unknown): number {
  const x = Number(a), y = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** B24ListIncompleteError (passed in by the client; a B24ResponseError with its fields from an older client). */
export function incomplete(core: Core, method: string, why: string, items: unknown[], expected?: number) {
  const E = core.E.B24ListIncompleteError;
  const total = expected !== undefined && Number.isFinite(expected) ? expected : undefined;
  return E ? new E(why, method, items, total) : Object.assign(new core.E.B24ResponseError('LIST_INCOMPLETE', why, 'transient', method), { items, expected: total });
}
