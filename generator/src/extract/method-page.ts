/** A method page → IrMethod: params, result, errors, examples, scope, access, deprecation. */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { IrField, IrMethod } from '../ir/types.js';
import { readErrors } from './errors.js';
import { readExamples } from './examples.js';
import { responseExamples } from './json-examples.js';
import { listInfo } from './list-info.js';
import { plainText } from './mdast-text.js';
import { methodKind } from './method-kind.js';
import type { ResolvedName } from './method-name.js';
import { anchoredObjects, linkBlocks, tableBlocks, type TableBlock } from './nested.js';
import type { PageHeader } from './page-header.js';
import { findSection, sections, type PageNode, type Section } from './page-nodes.js';

export const SYSTEM_ERRORS_PATH = '_includes/system-errors.md';

export interface MethodPageInput {
  docPath: string;
  nodes: PageNode[];
  header: PageHeader;
  name: ResolvedName;
  diagnostics: Diagnostic[];
  /** Filled with the page's anchored result objects, for other pages' references. */
  anchors: Record<string, IrField[]>;
  /** Set for `*.fields` methods: the entity whose fields the result describes. */
  describes?: string;
  /** Filled for `*.fields` methods with the entity's fields as the returned-data table lists them. */
  described?: { fields?: IrField[] };
}

const PARAMS = [/^(method )?parameters$/, /^request parameters$/, /parameters/];
const RESPONSE = [/^response handling$/, /^returned data$/, /^successful response$/, /^response$/];
const ERRORS = [/^error handling$/, /^errors?$/, /^possible error/];
const EXAMPLES = [/^code examples?$/, /^examples?$/];

/** Numbered alternatives such as "### 1. By Attached Poll ID". */
const ALTERNATIVE = /^\d+\.\s/;

function readParams(section: Section | undefined, input: MethodPageInput): Pick<IrMethod, 'params' | 'paramSets'> {
  if (!section) return { params: [] };
  const ctx = { file: input.docPath, docPath: input.docPath, diagnostics: input.diagnostics };
  const blocks = tableBlocks(section.nodes, ctx);
  const alternatives = blocks.filter((b) => b.heading && ALTERNATIVE.test(b.heading.text));
  if (alternatives.length >= 2) {
    const paramSets = alternatives.map((b) => ({ title: b.heading!.text, params: linkBlocks([b, ...blocks.filter((x) => !alternatives.includes(x))]).fields }));
    // `params` lists every field of every set, required only where every set requires it.
    const merged = new Map<string, IrField>();
    for (const set of paramSets) for (const p of set.params) if (!merged.has(p.name)) merged.set(p.name, p);
    const params = [...merged.values()].map((p) => ({ ...p, required: paramSets.every((s) => s.params.some((q) => q.name === p.name && q.required)) }));
    return { params, paramSets };
  }
  const { fields, unclaimed } = linkBlocks(blocks);
  reportUnclaimed(unclaimed, input);
  return { params: fields };
}

function reportUnclaimed(unclaimed: TableBlock[], input: MethodPageInput): void {
  for (const b of unclaimed) {
    input.diagnostics.push({ file: b.file, line: b.line, severity: 'info', message: `sub-table${b.heading ? ` "${b.heading.text}"` : ''} is tied to no field`, ruleId: 'nested-unlinked' });
  }
}

function readResult(section: Section | undefined, input: MethodPageInput): IrMethod['result'] {
  if (!section) return { documented: false, fields: [] };
  const ctx = { file: input.docPath, docPath: input.docPath, diagnostics: input.diagnostics };
  // Tables under "### Returned data" (and the H3/H4 objects after it); skip tables before it (rare).
  const blocks = tableBlocks(section.nodes, ctx).filter((b) => b.fields.length > 0);
  const start = blocks.findIndex((b) => b.fields.some((f) => f.field.name === 'result'));
  const used = start > 0 ? blocks.slice(start) : blocks;
  if (used.length === 0) return { documented: false, fields: [] };
  const { fields, unclaimed } = linkBlocks(used);
  reportUnclaimed(unclaimed, input);
  Object.assign(input.anchors, anchoredObjects(used));
  if (input.describes && input.described) return describedResult(fields, input.describes, input.described);
  return { documented: true, fields: nestFlatResultMembers(fields) };
}

/**
 * A `fields` method's table lists the entity's fields (as rows beside `result`, or as its members);
 * its result maps those names to field descriptions. The fields become the entity.
 */
function describedResult(fields: IrField[], entity: string, out: { fields?: IrField[] }): IrMethod['result'] {
  const result = fields.find((f) => f.name === 'result');
  const hoisted = fields.filter((f) => !ENVELOPE.has(f.name));
  let members = hoisted.length ? hoisted : (result?.fields ?? []);
  // `result.fields` holding the map (`crm.item.fields`): its own members, if the table lists them, are the entity's.
  const only = members.length === 1 ? members[0]! : undefined;
  if (only && (only.type.kind === 'object' || only.type.kind === 'unknown')) members = only.fields ?? [];
  if (members.length === 0) return { documented: true, fields: nestFlatResultMembers(fields) };
  out.fields = members;
  const row: IrField = { name: 'result', docType: result?.docType ?? 'object', type: { kind: 'object' }, required: false, description: result?.description ?? '', describes: entity };
  return { documented: true, fields: [row, ...fields.filter((f) => ENVELOPE.has(f.name) && f.name !== 'result')] };
}

const ENVELOPE = new Set(['result', 'time', 'total', 'next', 'result_error', 'result_total', 'result_next', 'result_time']);

/**
 * Tables that list `result` (an object or a list) and then its members as rows of their own
 * (`items`, `tasks` of list methods, the file's fields of `disk.file.get`): those rows belong under `result`.
 */
function nestFlatResultMembers(fields: IrField[]): IrField[] {
  const result = fields.find((f) => f.name === 'result');
  const members = fields.filter((f) => !ENVELOPE.has(f.name));
  if (members.length === 0) return fields;
  // No `result` row at all: the rows are the members of `result` (`disk.file.get` lists the file's fields).
  if (!result) return [{ name: 'result', docType: 'object', type: { kind: 'object' }, required: false, description: '', fields: members }, ...fields.filter((f) => ENVELOPE.has(f.name))];
  const list = result.type.kind === 'array' && (result.type.items.kind === 'unknown' || result.type.items.kind === 'object');
  if ((result.type.kind !== 'object' && !list) || result.fields?.length) return fields;
  const type = list ? { kind: 'array' as const, items: { kind: 'object' as const } } : result.type;
  return fields.filter((f) => ENVELOPE.has(f.name)).map((f) => (f === result ? { ...f, type, fields: members } : f));
}

const NO_PARAMS = /\bno (?:input )?parameters\b|\bwithout parameters\b|\bdoes not (?:take|accept|require) (?:any )?parameters\b|\bparameters are not required\b/i;

function saysNoParameters(nodes: readonly PageNode[]): boolean {
  return nodes.some((n) => (n.node.type === 'paragraph' || n.node.type === 'yfmNote') && NO_PARAMS.test(plainText(n.node)));
}

export function extractMethod(input: MethodPageInput): IrMethod {
  const { docPath, nodes, header, name } = input;
  const all = sections(nodes, 2);
  const examplesSection = findSection(all, ...EXAMPLES);
  const params = readParams(findSection(all, ...PARAMS), input);
  const responseSection = findSection(all, ...RESPONSE);
  const result = readResult(responseSection, input);
  // The response section's examples; pages that show them elsewhere (a tab of the examples) are read whole.
  const fromSection = responseSection ? responseExamples(responseSection.nodes.map((n) => n.node)) : [];
  const responses = fromSection.length ? fromSection : responseExamples(nodes.map((n) => n.node));
  const errorsSection = findSection(all, ...ERRORS);
  // Root `_includes/` fragments are boilerplate (the error envelope, system errors), not this method's errors.
  const errors = errorsSection ? readErrors(errorsSection.nodes, (f) => f.startsWith('_includes/'), docPath) : [];
  const examples = readExamples((examplesSection ?? { nodes }).nodes.map((n) => n.node));
  const method: IrMethod = {
    name: name.name,
    apiVersion: name.apiVersion,
    docPath,
    line: header.h1Line,
    title: header.title,
    description: header.description,
    scopes: header.scopes,
    access: header.access,
    deprecated: header.deprecated ? {} : false,
    kind: methodKind(name.name),
    ...params,
    paramsDocumented: params.params.length > 0 || saysNoParameters(nodes),
    result,
    errors,
    systemErrors: nodes.some((n) => n.file === SYSTEM_ERRORS_PATH),
    examples,
    responseExamples: responses,
  };
  const list = listInfo(method.params, result.fields, examples, name.apiVersion);
  if (list) method.list = list;
  if (!method.paramsDocumented) {
    input.diagnostics.push({ file: docPath, line: header.h1Line, severity: 'info', message: 'no parameters table and no "No parameters" statement: params typed as an open object', ruleId: 'params-missing' });
  }
  return method;
}
