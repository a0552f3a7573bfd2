/**
 * Entry of the extract stage: one parsed page → its class and, for method and event pages, IR.
 * Pure: no I/O; everything the page lacks becomes a diagnostic, nothing throws past this function.
 */
import type { Root, RootContent } from 'mdast';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { IrEvent, IrField, IrMethod } from '../ir/types.js';
import { readExamples } from './examples.js';
import { isDataTypesPage, readTypeDefs, type TypeDef } from './type-dictionary.js';
import { nameFromH1, resolveName } from './method-name.js';
import { extractMethod } from './method-page.js';
import { anchoredObjects, linkBlocks, tableBlocks } from './nested.js';
import { readHeader } from './page-header.js';
import { findSection, flattenIncludes, sections } from './page-nodes.js';

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
  /** Docs path a DEPRECATED note points to; the IR builder turns it into a method name. */
  replacementDoc?: string;
  diagnostics: Diagnostic[];
}

export const ROOT_DATA_TYPES = 'api-reference/data-types.md';

const EVENT_NAME = /\b((?:on|On|ON)[A-Z][A-Za-z0-9_]*|[A-Z]+(?:\.[A-Z]+)*\.ON\.[A-Z_.]+)\b/;

/** The event's name: an On-name or `X.ON.ADD` in the H1, else `"event": "…"` in the handler example. */
function eventName(title: string, nodes: readonly RootContent[]): string | null {
  const h1 = EVENT_NAME.exec(title.replace(/[`*]/g, ''));
  if (h1?.[1]) return h1[1];
  for (const n of nodes) {
    if (n.type === 'code') {
      const m = /"event"\s*:\s*"([A-Za-z][\w.:]*)"/.exec(n.value);
      if (m?.[1]) return m[1];
    } else if ('children' in n && Array.isArray(n.children)) {
      const inner = eventName('', n.children as RootContent[]);
      if (inner) return inner;
    }
  }
  return null;
}

/**
 * A page whose H1 names no method documents the method of its cURL URL only when the file is named
 * after it or the page has a parameters section (articles on formatting or widgets call methods too).
 */
function corroborated(method: string, docPath: string, all: ReturnType<typeof sections>): boolean {
  const file = (docPath.split('/').at(-1) ?? '').replace(/\.md$/, '').toLowerCase();
  const kebab = method.toLowerCase().replace(/\./g, '-');
  const last = method.split('.').at(-1)?.toLowerCase() ?? '';
  return file === kebab || file === last || kebab.endsWith(`-${file}`) || findSection(all, /^(method )?parameters$/) !== undefined;
}

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
    const name = eventName(header.title, nodes.map((n) => n.node));
    if (name) {
      const blocks = receives ? tableBlocks(receives.nodes, { file: docPath, docPath, diagnostics }) : [];
      const event: IrEvent = {
        name,
        docPath,
        title: header.title,
        description: header.description,
        scopes: header.scopes,
        deprecated: header.deprecated ? {} : false,
        payload: linkBlocks(blocks).fields,
      };
      return { docPath, pageClass: 'event', event, ...(header.replacementDoc ? { replacementDoc: header.replacementDoc } : {}), diagnostics };
    }
    // Widget (placement) pages say "Who can subscribe" too: without an event name this is no REST event.
    if (!isOverview) diagnostics.push({ file: docPath, line: header.h1Line, severity: 'info', message: 'reads like an event page but names no event (H1 or "event" in the example): classed as an article', ruleId: 'event-name' });
  }
  if (isOverview) return { docPath, pageClass: 'overview', diagnostics };
  const examples = readExamples(nodes.map((n) => n.node));
  const name = resolveName(header.title, examples, docPath);
  if (!name || !header.title) return { docPath, pageClass: 'article', diagnostics };
  if (!nameFromH1(header.title) && !corroborated(name.name, docPath, all)) return { docPath, pageClass: 'article', diagnostics };
  // Widget commands call `placement.call` from JS, `BX24.*` are JS SDK functions: no REST method of their own.
  if ((name.name === 'placement.call' && !/placement\.call/.test(header.title)) || /^BX24\./i.test(name.name)) return { docPath, pageClass: 'article', diagnostics };
  if (name.conflict) diagnostics.push({ file: docPath, line: header.h1Line, severity: 'warning', message: `method name: ${name.conflict}; using "${name.name}"`, ruleId: 'method-name' });
  if (!header.scopes.length) diagnostics.push({ file: docPath, line: header.h1Line, severity: 'info', message: 'no "Scope:" line', ruleId: 'scope-missing' });
  const anchors: Record<string, IrField[]> = {};
  const method = extractMethod({ docPath, nodes, header, name, diagnostics, anchors });
  return { docPath, pageClass: 'method', method, ...(Object.keys(anchors).length ? { anchors } : {}), ...(header.replacementDoc ? { replacementDoc: header.replacementDoc } : {}), diagnostics };
}

