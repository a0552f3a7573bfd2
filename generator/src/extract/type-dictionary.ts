/**
 * The pseudo-types of the docs (`crm_status`, `sale_status`, `catalog_product.id`, `user`) are
 * defined in the data-types pages: "String identifier …", "Integer identifier …", "Object …".
 * This reads those definitions so that each alias gets the base type its own page gives it.
 */
import type { RootContent } from 'mdast';
import { plainText } from './mdast-text.js';
import { readTable } from './table-reader.js';

export type TypeBase = 'string' | 'number' | 'object';

export interface TypeDef {
  name: string;
  base: TypeBase;
}

export function isDataTypesPage(docPath: string): boolean {
  return /(^|\/)data-types\.md$/.test(docPath);
}

/** The base type a definition's wording gives, or null when it says nothing clear. */
export function baseOf(description: string): TypeBase | null {
  const head = description.slice(0, 160).toLowerCase();
  if (/^\s*(an? )?(integer|numeric)\b|\binteger identifier\b|\bnumeric identifier\b/.test(head)) return 'number';
  if (/^\s*(an? )?(string|character|symbolic|text)\b|\b(string|character|symbolic) (identifier|code)\b/.test(head)) return 'string';
  if (/^\s*(an? )?object\b|\bobject (format|containing|with)\b/.test(head)) return 'object';
  return null;
}

export function readTypeDefs(nodes: readonly RootContent[]): TypeDef[] {
  const out: TypeDef[] = [];
  const walk = (list: readonly RootContent[]) => {
    for (const n of list) {
      if (n.type === 'yfmTable') {
        for (const row of readTable(n).rows) {
          const [nameCell, descCell] = [row.cells[0], row.cells.at(-1)];
          if (!nameCell || !descCell || nameCell === descCell) continue;
          const name = plainText(nameCell).trim();
          const base = /^[A-Za-z_][\w.]*$/.test(name) ? baseOf(plainText(descCell)) : null;
          if (base) out.push({ name, base });
        }
      } else if ('children' in n && Array.isArray(n.children)) walk(n.children as RootContent[]);
    }
  };
  walk(nodes);
  return out;
}
