/**
 * Entity models of a page: the object a `*.fields` method or a fields article describes
 * ("Task Fields", "CRM Object Fields"), read from its field tables. Results that link to the
 * page (or to the `fields` method of their family) take these members by reference.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { IrField } from '../ir/types.js';
import { pageLinksIn } from './field-table.js';
import { linkBlocks, tableBlocks } from './nested.js';
import type { PageNode } from './page-nodes.js';

export interface PageEntity {
  name: string;
  title: string;
  fields: IrField[];
}

/** `crm.company.fields`, `sale.shipmentitem.getfields`, `tasks.task.getFields`: methods that describe an entity's fields. */
export const FIELDS_METHOD = /\.(?:get)?fields$/i;

/** The entity a `fields` method describes: its name without the last segment (`crm.company`). */
export function entityOfFieldsMethod(method: string): string | null {
  return FIELDS_METHOD.test(method) ? method.replace(FIELDS_METHOD, '') : null;
}

/** `crm-item-fields.md` → `crm.item`: the family of a `fields` method page, from its file name. */
function familyOfFieldsPage(url: string): string | null {
  const m = /([a-z0-9-]+)-(?:get-?)?fields\.md$/i.exec(url);
  return m ? m[1]!.replace(/-/g, '.').toLowerCase() : null;
}

const STOP = new Set(['fields', 'field', 'object', 'objects', 'of', 'the', 'a', 'description', 'descriptions', 'structure', 'and', 'crm']);

/** The entity name of a fields article: the `fields` method it points to, else its title less "fields". */
export function articleEntityName(title: string, links: readonly string[], docPath: string): string {
  for (const l of links) {
    const family = familyOfFieldsPage(l);
    if (family) return family;
  }
  const words = title.toLowerCase().replace(/[^a-z0-9\s]/g, ' ').split(/\s+/).filter((w) => w && !STOP.has(w));
  return words.length ? words.join('_') : docPath.replace(/^api-reference\//, '').replace(/\.md$/, '').replace(/[/-]/g, '_');
}

/**
 * The fields a page describes: its first field table with its sub-tables, and the tables that no
 * field claims (per-type sections such as "Deal", "Lead" of the universal CRM fields page), merged
 * by name (first row wins). Null when the page has no field table.
 */
export function pageEntityFields(nodes: readonly PageNode[], docPath: string, diagnostics: Diagnostic[]): IrField[] | null {
  const blocks = tableBlocks(nodes, { file: docPath, docPath, diagnostics }).filter((b) => b.fields.length > 0 || b.variants);
  if (blocks.length === 0) return null;
  const { fields, unclaimed } = linkBlocks(blocks);
  const seen = new Set(fields.map((f) => f.name));
  const out = [...fields];
  for (const b of unclaimed) {
    // "Object checklist.item", "Object group": members' own objects, reached by their anchors, not the entity's fields.
    if (!b.heading || /\bobjects?\b/i.test(b.heading.text)) continue;
    for (const f of linkBlocks([b, ...blocks.filter((x) => x !== b && x !== blocks[0])]).fields) {
      if (seen.has(f.name)) continue;
      seen.add(f.name);
      out.push(f);
    }
  }
  return out.length ? out : null;
}

/** Links of a page to other pages (for the article's entity name). */
export function pageLinks(nodes: readonly PageNode[]): string[] {
  return pageLinksIn(nodes.map((n) => n.node));
}
