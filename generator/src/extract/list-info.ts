/** Whether a method pages through `start`/`next`/`total`, with which key casing and item wrapper. */
import type { IrField, IrListInfo } from '../ir/types.js';

export function listInfo(params: readonly IrField[], result: readonly IrField[]): IrListInfo | undefined {
  const names = new Set(params.map((p) => p.name));
  const top = new Set(result.map((f) => f.name));
  const pages = top.has('next') || top.has('total') || names.has('start') || names.has('START');
  if (!pages) return undefined;
  const upper = ['FILTER', 'ORDER', 'SELECT'].some((n) => names.has(n)) && !['filter', 'order', 'select'].some((n) => names.has(n));
  const info: IrListInfo = { paramCase: upper ? 'upper' : 'lower' };
  const res = result.find((f) => f.name === 'result');
  const wrapper = res?.type.kind === 'object' ? res.fields?.find((f) => f.type.kind === 'array') : undefined;
  if (wrapper) info.itemsKey = wrapper.name;
  const items = wrapper?.fields ?? res?.fields ?? [];
  const filterable = names.has(upper ? 'FILTER' : 'filter') && names.has(upper ? 'ORDER' : 'order');
  const id = items.find((f) => f.name === 'ID' || f.name === 'id');
  if (filterable) info.idField = id?.name ?? (upper ? 'ID' : 'id');
  return info;
}
