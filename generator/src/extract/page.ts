/**
 * Entry of the extract stage: one parsed page → its class and, for method and event pages, IR.
 * Pure: no I/O; everything the page lacks becomes a diagnostic, nothing throws past this function.
 */
import type { Root } from 'mdast';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { IrEvent, IrMethod } from '../ir/types.js';
import { readExamples } from './examples.js';
import { headingInfo, plainText } from './mdast-text.js';
import { resolveName } from './method-name.js';
import { extractMethod } from './method-page.js';
import { linkBlocks, tableBlocks } from './nested.js';
import { readHeader } from './page-header.js';
import { findSection, flattenIncludes, sections } from './page-nodes.js';

export type PageClass = 'method' | 'event' | 'overview' | 'article' | 'include';

export interface PageExtraction {
  docPath: string;
  pageClass: PageClass;
  method?: IrMethod;
  event?: IrEvent;
  /** Docs path a DEPRECATED note points to; the IR builder turns it into a method name. */
  replacementDoc?: string;
  diagnostics: Diagnostic[];
}

const EVENT_NAME = /\b((?:on|On|ON)[A-Z][A-Za-z0-9_]*|[A-Z]+(?:\.[A-Z]+)*\.ON\.[A-Z_.]+)\b/;

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
  const header = readHeader(nodes, docPath);
  const all = sections(nodes, 2);
  const receives = findSection(all, /what the handler receives/, /event handler parameters/);
  const isEvent = /\/events?\//.test(docPath) && (receives !== undefined || EVENT_NAME.test(header.title));
  if (isEvent || (receives && !findSection(all, /^(method )?parameters$/))) {
    const m = EVENT_NAME.exec(header.title.replace(/[`*]/g, ''));
    if (m?.[1]) {
      const blocks = receives ? tableBlocks(receives.nodes, { file: docPath, docPath, diagnostics }) : [];
      const event: IrEvent = {
        name: m[1],
        docPath,
        title: header.title,
        description: header.description,
        scopes: header.scopes,
        deprecated: header.deprecated ? {} : false,
        payload: linkBlocks(blocks, diagnostics).fields,
      };
      return { docPath, pageClass: 'event', event, ...(header.replacementDoc ? { replacementDoc: header.replacementDoc } : {}), diagnostics };
    }
  }
  if (/(^|\/)index\.md$/.test(docPath) || findSection(all, /^overview of methods/)) return { docPath, pageClass: 'overview', diagnostics };
  const examples = readExamples(nodes.map((n) => n.node));
  const name = resolveName(header.title, examples, docPath);
  if (!name || !header.title) return { docPath, pageClass: 'article', diagnostics };
  // Widget commands call `placement.call` from JS, `BX24.*` are JS SDK functions: no REST method of their own.
  if ((name.name === 'placement.call' && !/placement\.call/.test(header.title)) || /^BX24\./i.test(name.name)) return { docPath, pageClass: 'article', diagnostics };
  if (name.conflict) diagnostics.push({ file: docPath, line: header.h1Line, severity: 'warning', message: `method name: ${name.conflict}; using "${name.name}"`, ruleId: 'method-name' });
  if (!header.scopes.length) diagnostics.push({ file: docPath, line: header.h1Line, severity: 'info', message: 'no "Scope:" line', ruleId: 'scope-missing' });
  const method = extractMethod({ docPath, nodes, header, name, diagnostics });
  return { docPath, pageClass: 'method', method, ...(header.replacementDoc ? { replacementDoc: header.replacementDoc } : {}), diagnostics };
}

