/** Facts about IR types and paths that several stages ask (extract, emit, report): kept here so no stage imports another. */
import type { IrType } from './types.js';

/** A documented number (or an id alias over a number), alone or in a union. */
export function isNumeric(t: IrType): boolean {
  if (t.kind === 'number') return true;
  if (t.kind === 'alias') return t.base === 'number';
  if (t.kind === 'union') return t.of.some(isNumeric);
  return false;
}

/** The module of a docs page: `api-reference/crm/deals/…` → `crm`. */
export function moduleOf(docPath: string): string {
  return docPath.split('/')[1] ?? '';
}
