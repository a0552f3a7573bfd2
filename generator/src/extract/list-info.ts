/** Whether a method pages through `start`/`next`/`total`, with which key casing and item wrapper. */
import type { IrExample, IrField, IrListInfo } from '../ir/types.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The spelling of the id field as the docs use it with this method: in the examples' `order`,
 * `filter` keys or `select` values (`order: { ID: 'ASC' }`, `'>id': 5`, `select: ['id']`), or as a
 * code span in the descriptions of those parameters ("Identifier `ID`").
 */
function idEvidence(params: readonly IrField[], examples: readonly IrExample[]): string | undefined {
  for (const e of examples) {
    if (!isObject(e.body)) continue;
    for (const [key, value] of Object.entries(e.body)) {
      const names = /^(order|filter)$/i.test(key) && isObject(value) ? Object.keys(value) : /^select$/i.test(key) && Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
      const id = names.map((k) => k.replace(/^[^A-Za-z_]+/, '')).find((n) => /^id$/i.test(n));
      if (id) return id;
    }
  }
  for (const p of params) {
    if (!/^(order|filter|select)$/i.test(p.name)) continue;
    const m = /`(id|ID)`/.exec(p.description);
    if (m?.[1]) return m[1];
  }
  return undefined;
}

/**
 * REST 3.0 pages through its own parameters (rest-v3/index.md, main.eventlog.list / .tail):
 * `pagination: { limit, offset }` on `.list` methods, `cursor: { field, order, value, limit }` on `.tail`.
 */
function v3Paging(names: ReadonlySet<string>): IrListInfo['paging'] {
  return names.has('cursor') ? 'cursor' : names.has('pagination') ? 'pagination' : undefined;
}

export function listInfo(params: readonly IrField[], result: readonly IrField[], examples: readonly IrExample[] = [], apiVersion: 2 | 3 = 2): IrListInfo | undefined {
  const names = new Set(params.map((p) => p.name));
  const top = new Set(result.map((f) => f.name));
  const paging = apiVersion === 3 ? v3Paging(names) : undefined;
  const pages = paging !== undefined || top.has('next') || top.has('total') || names.has('start') || names.has('START');
  if (!pages) return undefined;
  const upper = ['FILTER', 'ORDER', 'SELECT'].some((n) => names.has(n)) && !['filter', 'order', 'select'].some((n) => names.has(n));
  const info: IrListInfo = { paramCase: upper ? 'upper' : 'lower' };
  const res = result.find((f) => f.name === 'result');
  // The items sit in a member of an object result: its array member, or its only member.
  const members = res?.type.kind === 'object' ? (res.fields ?? []) : [];
  const wrapper = members.find((f) => f.type.kind === 'array') ?? (members.length === 1 ? members[0] : undefined);
  if (wrapper) info.itemsKey = wrapper.name;
  const items = wrapper?.fields ?? res?.fields ?? [];
  // The ID cursor needs both a filter and an order, and an id field the docs name: in the
  // items' documented fields or in the examples' own filters and orders; never a guess.
  const filterable = names.has(upper ? 'FILTER' : 'filter') && names.has(upper ? 'ORDER' : 'order');
  const id = items.find((f) => f.name === 'ID' || f.name === 'id')?.name ?? idEvidence(params, examples);
  // A `.tail` cursor's field defaults to `id` (main.eventlog.tail): the id is what it advances by.
  if ((filterable || paging === 'cursor') && id) info.idField = id;
  if (paging) info.paging = paging;
  return info;
}
