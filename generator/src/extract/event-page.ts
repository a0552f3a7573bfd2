/**
 * Event pages → `IrEvent`: the event's name, what its handler receives (the payload), and the
 * example payloads the page shows.
 *
 * Layouts of the snapshot's 181 event pages (counted at the pinned snapshot):
 * - `receives` (116): "What the handler receives" holds the example and the tables: the envelope
 *   table (`event`, `event_handler_id`, `data`, `ts`, `auth`), then sub-tables under H3/H4 headings
 *   (`### Parameter FIELDS {#fields}`, `### Parameter data[]`, `#### Element /{BOT_ID/} {#bot-item}`)
 *   and the `auth` table (usually the include `_includes/auth-params-in-events.md`);
 * - `receives+parameters` (39): "What the handler receives" holds only the example; the tables
 *   follow under "## Parameters" / "## Request parameters";
 * - `parameters` (16): no handler section, a "## Parameters" table only (old CRM pages), which
 *   lists the members of `data` (`FIELDS`), not the envelope;
 * - `lead` (4): a table right under the H1 (`onCrmInvoiceRecurringAdd`, `onSonetGroupSubject*`), also of `data`;
 * - `example` (6): no table, only a PHP snippet of `data` (`array('FIELDS' => array('ID' => $id))`):
 *   the members are read from it (marked `inferred`);
 * - `none` (0): neither.
 * Examples are JSON (102 pages), PHP short arrays (44) or PHP `array()` literals (15, six of them
 * in blocks labelled `json`); `payload-decode.ts` reads them (and form bodies, print_r dumps).
 *
 * Sub-tables are tied to their member by anchor or heading (`linkBlocks`), then by heading name
 * anywhere in the tree (`data.FIELDS` ← "Parameter FIELDS"), then by where the example puts a key of
 * that name (`data` "contains a single key FIELDS"). Then: a one-row table named like its scalar
 * field gives the field's values (tasks' `IS_ACCESSIBLE_BEFORE`); an element keyed by an id
 * (`{BOT_ID}`) makes its parent a map, keys as sent; members listed in a description
 * (`- \`line_id\` — …`) become members; `undefined|object` admits the string `undefined`; an
 * object every example sends as a list of objects becomes a list (the example decides, as for
 * method results). A table of `data`'s members gets the envelope every handler receives
 * (api-reference/events/index.md) around it.
 *
 * Event name rule: the name the page gives (the On-name of the H1, `X.ON.Y`) when the example sends
 * it (compared case-insensitively); when they differ, the one the file is named after
 * (`on-booking-resource-delete.md`: the example's ONBOOKINGRESOURCEDELETE, not the H1's
 * onResourceDelete), else the name the example sends in `event`; with no example, the last name of
 * the H1. `IrEvent.name` keeps the docs' spelling; the portal sends it upper case (`onCrmDealAdd` →
 * `ONCRMDEALADD`), which is how the emitter keys `B24Events` (see emit/events-file.ts).
 */
import type { RootContent } from 'mdast';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { pageUrl } from '../ir/doc-url.js';
import type { IrEvent, IrField, IrJsonExample, IrType } from '../ir/types.js';
import { holdsObject, irTypeOf } from './doc-type.js';
import { lineOf } from './mdast-text.js';
import { headingNames, linkBlocks, tableBlocks, type TableBlock } from './nested.js';
import type { PageHeader } from './page-header.js';
import { sections, type PageNode, type Section } from './page-nodes.js';
import { decodePayload } from './payload-decode.js';

export type EventLayout = 'receives' | 'receives+parameters' | 'parameters' | 'lead' | 'example' | 'none';

export interface EventPageInput {
  docPath: string;
  nodes: readonly PageNode[];
  header: PageHeader;
  diagnostics: Diagnostic[];
}

export interface EventExtraction {
  event: IrEvent;
  layout: EventLayout;
  /** The tables document `data`'s members only: the envelope was put around them. */
  wrapped: boolean;
}

const EVENT_NAME = /\b((?:on|On|ON)[A-Z][A-Za-z0-9_]*|[A-Z]+(?:\.[A-Z]+)*\.ON\.[A-Z_.]+)\b/g;

/** Top-level members of what every handler receives (api-reference/events/index.md, "What Comes to the Handler"). */
const ENVELOPE = new Set(['event', 'event_handler_id', 'data', 'ts', 'auth']);

const EVENTS_OVERVIEW = pageUrl('api-reference/events/index.md');

/** The event names an H1 gives (`Event onDeleting Resource Type onBookingResourceTypeDelete` gives two). */
export function namesInTitle(title: string): string[] {
  return [...title.replace(/[`*]/g, '').matchAll(EVENT_NAME)].map((m) => m[1]!);
}

/** `"event": "…"` anywhere in the page's code (a last resort when neither the H1 nor a decoded example names the event). */
function nameInCode(nodes: readonly RootContent[]): string | null {
  for (const n of nodes) {
    if (n.type === 'code') {
      const m = /["']event["']\s*(?::|=>)\s*["']([A-Za-z][\w.:]*)["']/.exec(n.value);
      if (m?.[1]) return m[1];
    } else if ('children' in n && Array.isArray(n.children)) {
      const inner = nameInCode(n.children as RootContent[]);
      if (inner) return inner;
    }
  }
  return null;
}

/** The event's name by the rule of the module comment, and a note when the H1 and the example disagree. */
export function eventName(title: string, examples: readonly IrJsonExample[], nodes: readonly RootContent[], docPath = ''): { name: string; note?: string } | null {
  const inTitle = namesInTitle(title);
  const sent = [...new Set(examples.map((e) => (isObject(e.value) && typeof e.value.event === 'string' ? e.value.event : '')).filter((s) => /^[A-Za-z][\w.]*$/.test(s)))];
  const agreed = [...inTitle].reverse().find((n) => sent.some((s) => s.toUpperCase() === n.toUpperCase()));
  if (agreed) return { name: agreed };
  if (sent.length > 0 && inTitle.length > 0) {
    // A typo on one side (`ONTASKCOMMENDELETE`): the file name (`on-task-comment-delete.md`) decides.
    const file = squash(docPath.split('/').at(-1)?.replace(/\.md$/, '') ?? '');
    const name = [...sent, ...[...inTitle].reverse()].find((n) => squash(n) === file) ?? sent[0]!;
    return { name, note: `the H1 names ${inTitle.join(', ')}, the example sends ${sent.join(', ')}: using ${name}${squash(name) === file ? ', as the file is named' : ', what is sent'}` };
  }
  if (inTitle.length > 0) return { name: inTitle.at(-1)! };
  if (sent.length > 0) return { name: sent[0]! };
  const fromCode = nameInCode(nodes);
  return fromCode ? { name: fromCode } : null;
}

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Code blocks of the given nodes, inside tabs, notes and cuts too. */
function codeNodes(nodes: readonly RootContent[]): Array<Extract<RootContent, { type: 'code' }>> {
  const out: Array<Extract<RootContent, { type: 'code' }>> = [];
  const walk = (list: readonly RootContent[]) => {
    for (const n of list) {
      if (n.type === 'code') out.push(n);
      else if (n.type === 'yfmTabs' || n.type === 'yfmTab' || n.type === 'yfmNote' || n.type === 'yfmCut' || n.type === 'list' || n.type === 'listItem') walk(n.children as RootContent[]);
    }
  };
  walk(nodes);
  return out;
}

/** Example payloads: code blocks that decode (JSON, PHP array, form body, print_r) to an object. */
export function readEventExamples(nodes: readonly RootContent[]): IrJsonExample[] {
  const out: IrJsonExample[] = [];
  for (const code of codeNodes(nodes)) {
    const decoded = decodePayload(code.value);
    if (decoded && isObject(decoded.value)) out.push({ line: lineOf(code), value: decoded.value });
  }
  return out;
}

/** `### Parameter FIELDS {% #fields %}`: the anchor in Liquid spelling, which the heading reader keeps as text. */
function fixLiquidAnchors(blocks: readonly TableBlock[]): void {
  for (const b of blocks) {
    const m = b.heading && /\{%\s*#([\w-]+)\s*%\}/.exec(b.heading.text);
    if (b.heading && m) b.heading = { text: b.heading.text.replace(m[0], '').trim(), id: m[1]! };
  }
}

const bare = (name: string) => name.toLowerCase().replace(/\[\]$/, '');

/** Visits every field of the tree (members and variants), parents first. */
function everyField(fields: readonly IrField[], visit: (f: IrField) => void): void {
  for (const f of fields) {
    visit(f);
    if (f.fields) everyField(f.fields, visit);
    for (const v of f.variants ?? []) everyField(v.fields, visit);
  }
}

/** `/{BOT_ID/}` (the docs escape the braces) → `{BOT_ID}`: a key that is an id, as sent. */
function cleanNames(fields: readonly IrField[]): void {
  everyField(fields, (f) => {
    const m = /^\/?\{([\w-]+)\/?\}$/.exec(f.name.replace(/\\/g, ''));
    if (m) f.name = `{${m[1]}}`;
  });
}

/** The key path (object keys only, arrays looked through) of the first object-valued key with one of `names` in the examples. */
function examplePath(examples: readonly IrJsonExample[], names: readonly string[]): { path: string[]; value: unknown } | null {
  const queue: Array<{ value: unknown; path: string[] }> = examples.map((e) => ({ value: e.value, path: [] }));
  while (queue.length > 0) {
    const { value, path } = queue.shift()!;
    const obj = Array.isArray(value) ? value.find(isObject) : value;
    if (!isObject(obj)) continue;
    for (const [k, v] of Object.entries(obj)) {
      const holds = isObject(v) || (Array.isArray(v) && v.some(isObject));
      if (holds && names.includes(k.toLowerCase()) && path.length > 0) return { path: [...path, k], value: v };
      queue.push({ value: v, path: [...path, k] });
    }
  }
  return null;
}

/** The field at a key path (names compared case-insensitively). */
function fieldAt(fields: readonly IrField[], path: readonly string[]): IrField | undefined {
  let list = fields;
  let found: IrField | undefined;
  for (const key of path) {
    found = list.find((f) => f.name === key) ?? list.find((f) => bare(f.name) === key.toLowerCase());
    if (!found) return undefined;
    list = found.fields ?? [];
  }
  return found;
}

/**
 * Sub-tables `linkBlocks` left over: tied to an object member of that name anywhere in the tree
 * (`data.FIELDS` ← "Parameter FIELDS {#fields}"), else to the key of that name the example shows
 * (`data` "contains a single key FIELDS": the member is added where the example has it).
 */
function claimLeftovers(fields: IrField[], unclaimed: readonly TableBlock[], examples: readonly IrJsonExample[]): TableBlock[] {
  let pending = unclaimed.filter((b) => b.heading && (b.fields.length > 0 || b.variants));
  let progress = true;
  while (progress && pending.length > 0) {
    progress = false;
    for (const block of pending) {
      const names = [...headingNames(block.heading!.text), block.heading!.id.toLowerCase()];
      let target: IrField | undefined;
      everyField(fields, (f) => {
        if (!target && !f.fields?.length && !f.variants && holdsObject(f.type) && names.includes(bare(f.name))) target = f;
      });
      if (!target) {
        const at = examplePath(examples, names);
        const parent = at ? fieldAt(fields, at.path.slice(0, -1)) : undefined;
        if (at && parent && holdsObject(parent.type)) {
          const key = at.path.at(-1)!;
          target = {
            name: key,
            docType: '',
            type: Array.isArray(at.value) ? { kind: 'array', items: { kind: 'object' } } : { kind: 'object' },
            required: false,
            description: `${block.heading!.text}: no row of the parent's table names it; its place is where the page's example puts it.`,
          };
          parent.fields = [...(parent.fields ?? []), target];
        }
      }
      if (!target) continue;
      const others = pending.filter((b) => b !== block);
      const linked = linkBlocks([block, ...others]);
      if (block.variants) target.variants = block.variants.map((v) => ({ title: v.title, fields: linkBlocks([{ ...block, variants: undefined, fields: v.fields }, ...others]).fields }));
      else target.fields = linked.fields;
      if (!holdsObject(target.type)) target.type = { kind: 'object' };
      const claimed = new Set(others.filter((b) => !linked.unclaimed.includes(b)));
      pending = pending.filter((b) => b !== block && !claimed.has(b));
      progress = true;
      break;
    }
  }
  return pending;
}

const LIST_MEMBER = /^\s*[-*]\s+(?:`([A-Za-z_][\w]*)`|\*\*([A-Za-z_][\w]*)\*\*|([A-Za-z_][\w]*))\s+[—–-]{1,2}\s+(.+)$/;

/**
 * `BOT` whose one member is `{BOT_ID}` (a key that is an id): an object keyed by ids, as sent
 * (`"BOT": { "571": {…} }`), each value with the element's members.
 */
function keyedByIds(fields: readonly IrField[]): void {
  everyField(fields, (f) => {
    const only = f.fields?.length === 1 ? f.fields[0]! : undefined;
    if (!only || !/^\{\w+\}$/.test(only.name)) return;
    const members = Boolean(only.fields?.length);
    const values: IrType = only.type.kind === 'array' ? (members ? { kind: 'array', items: { kind: 'object' } } : only.type) : members ? { kind: 'object' } : only.type;
    f.type = { kind: 'map', values };
    f.description = [f.description, `Keyed by ${only.name.slice(1, -1)}: ${only.description}`].filter(Boolean).join('\n\n');
    if (only.fields) f.fields = only.fields;
    else delete f.fields;
  });
}

/**
 * "Field IS_ACCESSIBLE_BEFORE {#is_accessible_before}" holding one row named like the field: the
 * row's values are the field's (the linker read the sub-table of a scalar as a list of values).
 */
function selfNamedTables(fields: readonly IrField[], blocks: readonly TableBlock[]): void {
  everyField(fields, (f) => {
    if (f.values?.length !== 1 || f.values[0]!.value !== f.name) return;
    const row = blocks.find((b) => b.fields.length === 1 && b.fields[0]!.field.name === f.name)?.fields[0]!.field;
    if (!row) return;
    if (row.values) f.values = row.values;
    else delete f.values;
    if (!f.description) f.description = row.description;
  });
}

/**
 * List or object: the example decides (as for method results). A member documented as one object
 * that every example sends as a list of objects (`DATA: [ { connector, chat, … } ]`) is a list.
 */
function reconcileLists(fields: readonly IrField[], examples: readonly IrJsonExample[], docPath: string, line: number, diagnostics: Diagnostic[]): void {
  const walk = (list: readonly IrField[], values: readonly unknown[], path: string) => {
    for (const f of list) {
      const shown = values.flatMap((v) => (isObject(v) && f.name in v ? [v[f.name]] : []));
      if (shown.length === 0) continue;
      if (f.type.kind === 'object' && f.fields?.length && shown.every((v) => Array.isArray(v) && v.length > 0 && v.every(isObject))) {
        f.type = { kind: 'array', items: { kind: 'object' } };
        diagnostics.push({ file: docPath, line, severity: 'info', message: `${path}${f.name}: documented as an object, the example sends a list of them`, ruleId: 'event-payload' });
      }
      if (f.fields) walk(f.fields, shown.flatMap((v) => (Array.isArray(v) ? v : [v])), `${path}${f.name}.`);
    }
  };
  const enveloped = examples.filter((e) => isObject(e.value) && ['event', 'data', 'auth'].some((k) => k in (e.value as object)));
  walk(fields, enveloped.map((e) => e.value), '');
}

const ONE_MEMBER = /\bcontains (?:only |a single |the |one )?(?:field|key) \**`?([A-Za-z_]\w*)`?\**/;

/**
 * An object documented by a list in its description (`- \`connector_id\` — connector identifier`,
 * `- **ID** — the value of the record identifier`), or naming its one member ("contains the field
 * ID"): those are its members (type not given).
 */
function membersFromLists(fields: readonly IrField[]): void {
  everyField(fields, (f) => {
    if (f.fields?.length || f.variants || !holdsObject(f.type) || f.type.kind === 'unknown') return;
    const items = f.description.split('\n').filter((l) => /^\s*[-*]\s+/.test(l));
    const members = items.map((l) => LIST_MEMBER.exec(l)).filter((m): m is RegExpExecArray => m !== null);
    if (members.length > 0 && members.length === items.length) {
      f.fields = members.map((m) => ({ name: (m[1] ?? m[2] ?? m[3])!, docType: '', type: { kind: 'unknown' }, required: false, description: m[4]!.trim() }));
      return;
    }
    // "The array contains the field ID with the value of the created invoice identifier".
    const single = items.length === 0 ? ONE_MEMBER.exec(f.description) : null;
    if (single) f.fields = [{ name: single[1]!, docType: '', type: { kind: 'unknown' }, required: false, description: f.description }];
  });
}

/** `undefined|object` (tasks: "this field will contain the value `undefined`"): the portal sends the string `undefined`. */
function undefinedAlternatives(fields: readonly IrField[]): void {
  everyField(fields, (f) => {
    const parts = f.docType.split(' | ').map((p) => p.trim());
    if (parts.length < 2 || !parts.includes('undefined')) return;
    const rest = irTypeOf(parts.filter((p) => p !== 'undefined').join(' | '));
    const of: IrType[] = [{ kind: 'literal', values: ['undefined'] }, ...(rest.kind === 'union' ? rest.of : [rest])];
    f.type = { kind: 'union', of };
  });
}

/** Members read off an example value (pages with no table): types as printed, PHP variables unknown. */
function inferFields(value: Record<string, unknown>, depth = 0): IrField[] {
  return Object.entries(value).map(([name, v]) => {
    const field: IrField = { name, docType: '', type: inferType(v), required: false, description: '', inferred: true };
    const obj = Array.isArray(v) ? v.find(isObject) : v;
    // Deeper levels stay open objects.
    if (isObject(obj) && Object.keys(obj).length > 0 && depth < 8) field.fields = inferFields(obj, depth + 1);
    return field;
  });
}

function inferType(v: unknown): IrType {
  if (typeof v === 'string') return /^\$\w+$/.test(v) ? { kind: 'unknown' } : { kind: 'string' };
  if (typeof v === 'number') return { kind: 'number' };
  if (typeof v === 'boolean') return { kind: 'boolean' };
  if (v === null) return { kind: 'null' };
  if (Array.isArray(v)) return { kind: 'array', items: v.some(isObject) ? { kind: 'object' } : { kind: 'unknown' } };
  return { kind: 'object' };
}

/** The envelope every handler receives around a page's `data` members (`inferred`: read from the example). */
function envelope(data: IrField[], inferred: boolean): IrField[] {
  const note = `This page documents only \`data\`; the envelope is what every handler receives ([What Comes to the Handler](${EVENTS_OVERVIEW})).`;
  return [
    { name: 'event', docType: 'string', type: { kind: 'string' }, required: true, description: `The event's name, upper case. ${note}` },
    { name: 'data', docType: 'object', type: { kind: 'object' }, required: true, description: inferred ? 'Event data, as the page\'s example shows it (the page has no table).' : 'Event data, as the page\'s table documents it.', fields: data, ...(inferred ? { inferred: true } : {}) },
    { name: 'ts', docType: 'timestamp', type: { kind: 'number' }, required: true, description: `Unix timestamp of the event. ${note}` },
    { name: 'auth', docType: 'object', type: { kind: 'object' }, required: true, description: `Authorization parameters and data of the account. ${note}` },
  ];
}

function sectionHasTable(s: Section | undefined): boolean {
  const has = (list: readonly RootContent[]): boolean => list.some((n) => n.type === 'yfmTable' || ((n.type === 'yfmTabs' || n.type === 'yfmTab' || n.type === 'yfmNote' || n.type === 'yfmCut') && has(n.children as RootContent[])));
  return s !== undefined && has(s.nodes.map((n) => n.node));
}

/** One event page → its IR; null when the page names no event (the caller classes it). */
export function extractEvent(input: EventPageInput): EventExtraction | null {
  const { docPath, nodes, header, diagnostics } = input;
  const all = sections(nodes, 2);
  const receives = all.find((s) => /what the handler receives|event handler parameters/.test(s.key));
  const params = all.find((s) => s.depth === 2 && /^(request |event )?parameters$/.test(s.key.trim()));
  const response = all.find((s) => s.depth === 2 && /^(response handling|handling the response)$/.test(s.key.trim()));
  const lead = all.find((s) => s.depth === 1) ?? all[0];
  const exampleSections = [receives, params, response, lead].filter((s): s is Section => s !== undefined);
  const examples = readEventExamples(exampleSections.flatMap((s) => s.nodes.map((n) => n.node)));
  const named = eventName(header.title, examples, nodes.map((n) => n.node), docPath);
  if (!named) return null;
  if (named.note) diagnostics.push({ file: docPath, line: header.h1Line, severity: 'info', message: named.note, ruleId: 'event-name' });

  let layout: EventLayout;
  let tableNodes: PageNode[];
  if (sectionHasTable(receives)) {
    layout = 'receives';
    tableNodes = [...receives!.nodes, ...(params?.nodes ?? [])];
  } else if (sectionHasTable(params)) {
    layout = receives ? 'receives+parameters' : 'parameters';
    tableNodes = params!.nodes;
  } else if (sectionHasTable(lead)) {
    layout = 'lead';
    tableNodes = lead!.nodes;
  } else {
    layout = examples.length > 0 ? 'example' : 'none';
    tableNodes = [];
  }
  const blocks = tableBlocks(tableNodes, { file: docPath, docPath, diagnostics });
  fixLiquidAnchors(blocks);
  const linked = linkBlocks(blocks);
  let payload = linked.fields;
  cleanNames(payload);
  const leftover = claimLeftovers(payload, linked.unclaimed, examples);
  for (const b of leftover) {
    diagnostics.push({ file: b.file, line: b.line, severity: 'info', message: `payload sub-table "${b.heading?.text ?? ''}" is tied to no member`, ruleId: 'event-payload' });
  }
  selfNamedTables(payload, blocks);
  keyedByIds(payload);
  membersFromLists(payload);
  undefinedAlternatives(payload);
  reconcileLists(payload, examples, docPath, examples[0]?.line ?? header.h1Line, diagnostics);

  let wrapped = false;
  if (payload.length > 0 && !payload.some((f) => ENVELOPE.has(f.name))) {
    payload = envelope(payload, false);
    wrapped = true;
  } else if (payload.length === 0 && examples.length > 0) {
    const first = examples[0]!.value as Record<string, unknown>;
    const inferred = inferFields(first);
    wrapped = !inferred.some((f) => ENVELOPE.has(f.name));
    payload = wrapped ? envelope(inferred, true) : inferred;
  }
  if (payload.length === 0) diagnostics.push({ file: docPath, line: header.h1Line, severity: 'info', message: 'the page documents no payload (no parameter table, no example)', ruleId: 'event-payload' });

  const event: IrEvent = {
    name: named.name,
    docPath,
    line: header.h1Line,
    title: header.title,
    description: header.description,
    scopes: header.scopes,
    deprecated: header.deprecated ? {} : false,
    payload,
    examples,
  };
  return { event, layout, wrapped };
}
