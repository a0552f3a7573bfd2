/**
 * Entry of the extract stage: one parsed page → its class and, for method and event pages, IR.
 * Pure: no I/O; everything the page lacks becomes a diagnostic, nothing throws past this function.
 */
import type { Root } from 'mdast';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { IrEvent, IrField, IrMethod } from '../ir/types.js';
import { extractEvent } from './event-page.js';
import { readExamples } from './examples.js';
import { isDataTypesPage, readTypeDefs, type TypeDef } from './type-dictionary.js';
import { resolveName } from './method-name.js';
import { extractMethod } from './method-page.js';
import { anchoredObjects, linkBlocks, tableBlocks } from './nested.js';
import { readHeader } from './page-header.js';
import { articleEntityName, entityOfFieldsMethod, pageEntityFields, pageLinks, type PageEntity } from './entity-page.js';
import { findSection, flattenIncludes, sections, type PageNode } from './page-nodes.js';

export type PageClass = 'method' | 'event' | 'overview' | 'article' | 'include';

export interface PageExtraction {
  docPath: string;
  pageClass: PageClass;
  method?: IrMethod;
  event?: IrEvent;
  /** Pseudo-type definitions of a data-types page. */
  typeDefs?: TypeDef[];
  /** The `time` object of every response (the root data-types page). */
  timeFields?: IrField[];
  /** Result objects of this page under anchored headings, by anchor: targets of other pages' type links. */
  anchors?: Record<string, IrField[]>;
  /** The entity the page describes (a `fields` method or a fields article), by its name. */
  entity?: PageEntity;
  /** Docs path a DEPRECATED note points to; the IR builder turns it into a method name. */
  replacementDoc?: string;
  diagnostics: Diagnostic[];
}

export const ROOT_DATA_TYPES = 'api-reference/data-types.md';

export function extractPage(docPath: string, tree: Root): PageExtraction {
  const diagnostics: Diagnostic[] = [];
  try {
    return extractUnsafe(docPath, tree, diagnostics);
  } catch (error) {
    diagnostics.push({ file: docPath, line: 0, severity: 'error', message: `extraction failed: ${(error as Error).message}`, ruleId: 'extract-crash' });
    return { docPath, pageClass: 'article', diagnostics };
  }
}

function extractUnsafe(docPath: string, tree: Root, diagnostics: Diagnostic[]): PageExtraction {
  if (/\/_includes?\//.test(docPath)) return { docPath, pageClass: 'include', diagnostics };
  const nodes = flattenIncludes(tree, docPath);
  if (isDataTypesPage(docPath)) {
    const time = docPath === ROOT_DATA_TYPES ? sections(nodes, 3).find((s) => s.id === 'time') : undefined;
    const timeFields = time ? linkBlocks(tableBlocks(time.nodes, { file: docPath, docPath, diagnostics })).fields : undefined;
    const anchors = anchoredObjects(tableBlocks(nodes, { file: docPath, docPath, diagnostics: [] }));
    return { docPath, pageClass: 'article', typeDefs: readTypeDefs(nodes.map((n) => n.node)), anchors, ...(timeFields ? { timeFields } : {}), diagnostics };
  }
  const header = readHeader(nodes, docPath);
  const all = sections(nodes, 2);
  const receives = findSection(all, /what the handler receives/, /event handler parameters/);
  const isOverview = /(^|\/)index\.md$/.test(docPath) || findSection(all, /^overview of methods/) !== undefined;
  const onNameH1 = /\b(?:on|On|ON)[A-Z]\w*\s*$/.test(header.title.replace(/[`*]/g, ''));
  if (header.subscribe || receives || onNameH1) {
    const read = extractEvent({ docPath, nodes, header, diagnostics });
    if (read) return { docPath, pageClass: 'event', event: read.event, ...(header.replacementDoc ? { replacementDoc: header.replacementDoc } : {}), diagnostics };
    // Widget (placement) pages say "Who can subscribe" too: without an event name this is no REST event.
    if (!isOverview) diagnostics.push({ file: docPath, line: header.h1Line, severity: 'info', message: 'reads like an event page but names no event (H1 or "event" in the example): classed as an article', ruleId: 'event-name' });
  }
  if (isOverview) return { docPath, pageClass: 'overview', diagnostics };
  const examples = readExamples(nodes.map((n) => n.node));
  // The H1 and the file name decide the method; a URL only where the file name agrees with it (method-name.ts).
  const name = resolveName(header.title, examples, docPath);
  const article = (): PageExtraction => articlePage(docPath, nodes, header.title, diagnostics);
  if (!name || !header.title) return article();
  // Widget commands call `placement.call` from JS, `BX24.*` are JS SDK functions: no REST method of their own.
  if ((name.name === 'placement.call' && !/placement\.call/.test(header.title)) || /^BX24\./i.test(name.name)) return article();
  if (name.conflict) diagnostics.push({ file: docPath, line: header.h1Line, severity: 'warning', message: `method name: ${name.conflict}; using "${name.name}"`, ruleId: 'method-name' });
  if (!header.scopes.length) diagnostics.push({ file: docPath, line: header.h1Line, severity: 'info', message: 'no "Scope:" line', ruleId: 'scope-missing' });
  const anchors: Record<string, IrField[]> = {};
  const entityName = entityOfFieldsMethod(name.name);
  const described: { fields?: IrField[] } = {};
  const method = extractMethod({ docPath, nodes, header, name, diagnostics, anchors, ...(entityName ? { describes: entityName, described } : {}) });
  const entity = entityName && described.fields ? { name: entityName, title: header.title, fields: described.fields } : undefined;
  return { docPath, pageClass: 'method', method, ...(entity ? { entity } : {}), ...(Object.keys(anchors).length ? { anchors } : {}), ...(header.replacementDoc ? { replacementDoc: header.replacementDoc } : {}), diagnostics };
}

/**
 * An article: when it has field tables ("Task Fields", "CRM Object Fields"), the entity they
 * describe and its anchored objects, for results that link here.
 */
function articlePage(docPath: string, nodes: PageNode[], title: string, diagnostics: Diagnostic[]): PageExtraction {
  const quiet: Diagnostic[] = [];
  const fields = /fields/i.test(title) || /fields\.md$/.test(docPath) ? pageEntityFields(nodes, docPath, quiet) : null;
  if (!fields) return { docPath, pageClass: 'article', diagnostics };
  const anchors = anchoredObjects(tableBlocks(nodes, { file: docPath, docPath, diagnostics: quiet }));
  const entity = { name: articleEntityName(title, pageLinks(nodes), docPath), title, fields };
  return { docPath, pageClass: 'article', entity, ...(Object.keys(anchors).length ? { anchors } : {}), diagnostics };
}

