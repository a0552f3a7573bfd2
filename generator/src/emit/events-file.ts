/**
 * `events.ts` of the generated package: one payload interface per documented event, the shared
 * `B24EventAuth`, and the maps that name the events.
 *
 * Naming rule (one rule, tested in test/emit/events-file.test.ts): `B24Events` is keyed by the
 * event name as the portal sends it in the payload's `event` member, which is the documented name
 * upper-cased (`onCrmDealAdd` → `ONCRMDEALADD`, `CATALOG.MEASURE.ON.ADD` stays). `event.bind`
 * takes the name in any case. The docs' own spelling stays in the payload's TSDoc and in
 * `B24EventDocNames` (sent name → docs' spelling); `B24EventBindName` is either spelling.
 */
import { StructureKind, type StatementStructures } from 'ts-morph';
import { pageUrl } from '../ir/doc-url.js';
import type { IrDocument, IrEvent, IrField, IrType, IrWire } from '../ir/types.js';
import { pascalCase, propertyKey, stringLiteral } from './naming.js';
import { escapeDoc, tsdoc } from './tsdoc.js';
import { declareInterface, interfaceStructure, newTypeContext, type InterfaceDecl, type TypeContext } from './type-text.js';

/** The key of an event in `B24Events`: its name as the portal sends it in `event`. */
export function eventKey(name: string): string {
  return name.toUpperCase();
}

const AUTH_TYPE = 'B24EventAuth';
const AUTH_SENTINEL = `__${AUTH_TYPE}__`;

/** The union of several wires of one member: numbers either where they disagree, each flag where any has it. */
function mergeWires(wires: readonly IrWire[]): IrWire | undefined {
  if (wires.length === 0) return undefined;
  const numbers = [...new Set(wires.map((w) => w.numbers).filter((n) => n !== undefined))];
  const out: IrWire = { evidence: wires.some((w) => w.evidence === 'example') ? 'example' : wires.some((w) => w.evidence === 'module') ? 'module' : 'none' };
  if (numbers.length) out.numbers = numbers.length === 1 ? numbers[0]! : 'either';
  for (const flag of ['nullable', 'emptyArray', 'emptyString', 'keyed', 'openValues'] as const) if (wires.some((w) => w[flag])) out[flag] = true;
  const also = [...new Set(wires.flatMap((w) => w.also ?? []))];
  if (also.length) out.also = also;
  return out;
}

const signature = (fields: readonly IrField[]) => fields.map((f) => f.name).join(',');

/**
 * The members of the `auth` object every payload carries: the docs' auth table (the include
 * `_includes/auth-params-in-events.md`, the table most event pages show), then any member another
 * page's own auth table adds (optional), and values other tables add to a member (`status` `S`);
 * last, keys the example payloads' auth objects show that no table lists (optional, inferred).
 */
export function eventAuthFields(events: readonly IrEvent[]): IrField[] {
  const tables = events.map((e) => e.payload.find((f) => f.name === 'auth')?.fields ?? []).filter((fs) => fs.length > 0);
  const counts = new Map<string, { n: number; fields: readonly IrField[] }>();
  for (const fs of tables) {
    const key = signature(fs);
    const c = counts.get(key);
    if (c) c.n++;
    else counts.set(key, { n: 1, fields: fs });
  }
  const base = [...counts.values()].sort((a, b) => b.n - a.n || (signature(a.fields) < signature(b.fields) ? -1 : 1))[0]?.fields ?? [];
  const out = base.map((f) => ({ ...f }));
  const byName = new Map(out.map((f) => [f.name, f]));
  for (const fs of tables) {
    for (const f of fs) {
      const known = byName.get(f.name);
      if (!known) {
        const added = { ...f, required: false };
        byName.set(f.name, added);
        out.push(added);
      } else if (known.values && f.values) {
        // `status`: L and F in the shared table, S (subscription app) on the app pages.
        const have = new Set(known.values.map((v) => v.value));
        known.values = [...known.values, ...f.values.filter((v) => !have.has(v.value))];
      }
    }
  }
  // One auth type for every event: what the wire sends for a member is what any event's examples show.
  for (const f of out) {
    const wires = tables.flatMap((fs) => fs.filter((x) => x.name === f.name && x.wire).map((x) => x.wire!));
    const merged = mergeWires(wires);
    if (merged) f.wire = merged;
  }
  // Keys the example payloads' auth objects carry that no auth table lists (`expires`, `user_id`
  // on the chat-bot and connector pages): optional, marked inferred (their TSDoc says so).
  const shown = new Map<string, unknown[]>();
  const visit = (v: unknown, depth = 0): void => {
    if (depth > 32) return;
    if (Array.isArray(v)) return v.forEach((x) => visit(x, depth + 1));
    if (typeof v !== 'object' || v === null) return;
    for (const [k, x] of Object.entries(v)) {
      if (/^auth$/i.test(k) && typeof x === 'object' && x !== null && !Array.isArray(x)) {
        for (const [ak, av] of Object.entries(x)) if (!byName.has(ak)) (shown.get(ak) ?? shown.set(ak, []).get(ak)!).push(av);
      }
      visit(x, depth + 1);
    }
  };
  for (const e of events) for (const ex of e.examples) visit(ex.value);
  for (const [name, values] of [...shown.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const numeric = values.every((v) => typeof v === 'number' || (typeof v === 'string' && /^-?\d+$/.test(v)));
    const type: IrType = numeric ? { kind: 'number' } : values.every((v) => typeof v === 'string') ? { kind: 'string' } : { kind: 'unknown' };
    out.push({ name, docType: '', type, required: false, description: '', inferred: true });
  }
  return out;
}

/** An `auth` member whose documented members all belong to the shared auth object. */
export function isSharedAuth(f: IrField, authNames: ReadonlySet<string>, top: boolean): boolean {
  if (!/^auth$/i.test(f.name)) return false;
  if (top) return true;
  return (f.fields?.length ?? 0) > 0 && f.fields!.every((m) => authNames.has(m.name));
}

/** The payload with every shared `auth` member marked, to be typed `B24EventAuth` after declaration. */
function markAuth(fields: readonly IrField[], authNames: ReadonlySet<string>, top = true): IrField[] {
  return fields.map((f) => {
    if (isSharedAuth(f, authNames, top)) {
      const { fields: _members, values: _values, variants: _variants, ...rest } = f;
      return { ...rest, type: { kind: 'literal', values: [AUTH_SENTINEL] } };
    }
    return f.fields ? { ...f, fields: markAuth(f.fields, authNames, false) } : f;
  });
}

/** After declaration: the marked members become `B24EventAuth`. */
function finishDeclarations(decls: readonly InterfaceDecl[]): void {
  const sentinel = stringLiteral(AUTH_SENTINEL);
  for (const d of decls) for (const m of d.members) m.type = m.type.split(sentinel).join(AUTH_TYPE);
}

function payloadDocs(e: IrEvent, key: string): string {
  const spelled = key === e.name ? '' : ` (the docs spell it \`${e.name}\`)`;
  const notes: string[] = [];
  if (e.payload.length === 0) notes.push('The page documents no payload: it has no parameter table and no example.');
  else if (e.payload.some((f) => f.inferred)) notes.push('The page has no parameter table: the members of `data` are read from its example.');
  return tsdoc([`What the handler of \`${key}\` receives${spelled}.`, e.title, ...notes], [{ tag: 'see', text: `{@link ${pageUrl(e.docPath)} | ${e.name}}` }]);
}

function uniqueName(base: string, ctx: TypeContext): string {
  let name = base;
  for (let i = 2; ctx.usedNames.has(name); i++) name = `${base}${i}`;
  return name;
}

export function eventsModule(doc: IrDocument): { statements: StatementStructures[]; commonTypes: string[]; runtimeTypes: string[] } {
  const ctx = newTypeContext(['B24Events', 'B24EventDocNames', 'B24EventName', 'B24EventBindName', 'B24EventPayload', AUTH_TYPE], 'result');
  const authFields = eventAuthFields(doc.events);
  const authNames = new Set(authFields.map((f) => f.name));
  declareInterface(
    AUTH_TYPE,
    tsdoc([
      'The `auth` object of every event payload: authorization parameters and the account where the event occurred (the docs\' table of keys in the auth array, `_includes/auth-params-in-events.md`).',
      'Tokens are not always sent: when the event cannot be tied to a user (automation rules, workflows, outgoing webhooks) only the account keys arrive.',
    ]),
    authFields,
    ctx,
    false,
  );
  const entries: Array<{ key: string; type: string; docName: string; docs: string }> = [];
  const seen = new Set<string>();
  for (const e of doc.events) {
    const key = eventKey(e.name);
    if (seen.has(key)) continue;
    seen.add(key);
    const name = uniqueName(`${pascalCase(e.name)}Payload`, ctx);
    declareInterface(name, payloadDocs(e, key), markAuth(e.payload, authNames), ctx, false);
    entries.push({ key, type: name, docName: e.name, docs: `${escapeDoc(e.title).replace(/\n/g, ' ')}${key === e.name ? '' : ` (docs: \`${escapeDoc(e.name)}\`)`} {@link ${pageUrl(e.docPath)}}` });
  }
  finishDeclarations(ctx.declarations);
  entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const statements: StatementStructures[] = ctx.declarations.map(interfaceStructure);
  statements.push(
    {
      kind: StructureKind.Interface,
      name: 'B24Events',
      isExported: true,
      docs: [escapeDoc('Every documented event, keyed by its name as the portal sends it in `event` (upper case: `ONCRMDEALADD`), with the payload its handler receives. The docs\' spelling of each name is in `B24EventDocNames`.')],
      properties: entries.map((x) => ({ name: propertyKey(x.key), type: x.type, docs: [x.docs] })),
    },
    {
      kind: StructureKind.Interface,
      name: 'B24EventDocNames',
      isExported: true,
      docs: [escapeDoc('The docs\' spelling of every event name (`onCrmDealAdd`), by the name the portal sends (`ONCRMDEALADD`).')],
      properties: entries.map((x) => ({ name: propertyKey(x.key), type: stringLiteral(x.docName) })),
    },
    { kind: StructureKind.TypeAlias, name: 'B24EventName', isExported: true, type: 'keyof B24Events', docs: [escapeDoc('An event name as the portal sends it in `event`.')] },
    { kind: StructureKind.TypeAlias, name: 'B24EventBindName', isExported: true, type: 'B24EventName | B24EventDocNames[B24EventName]', docs: [escapeDoc('An event name for `event.bind` / `event.unbind` (the portal takes it in any case): as sent, or as the docs spell it.')] },
    { kind: StructureKind.TypeAlias, name: 'B24EventPayload', isExported: true, typeParameters: [{ name: 'K', constraint: 'B24EventName', default: 'B24EventName' }], type: 'B24Events[K]', docs: [escapeDoc('The payload of the event `K` (of any event by default).')] },
  );
  return { statements, commonTypes: [...ctx.commonTypes].sort(), runtimeTypes: [...ctx.runtimeTypes].sort() };
}
