// REST 3.0 batch: the body is a bare JSON array of `{ method, query, as }`; the answer is all or
// nothing (one error fails the whole request: the v3 error envelope, thrown as a B24Error).
// References are `{ $ref: 'alias.path' }` / `{ $refArray: 'alias.field' }`, which the portal
// substitutes structurally; they come only from batchRef()/batchRefArray(), and user data holding
// a `$ref`/`$refArray` key is refused (the portal would substitute it).
import type { CallOptions } from './contract.js';
import { BATCH_MAX, own, planChunks, refOf, type Core } from './batch.js';

export interface V3Command { method: string; params?: unknown; as?: string }

const ALIAS = /^[A-Za-z0-9_.\-]+$/;

/** Params with references written as the portal reads them; throws a message for refused values. */
function encodeV3(value: unknown, at: string): unknown {
  const ref = refOf(value);
  if (ref) return ref.array ? { $refArray: [ref.command, ...ref.path].join('.') } : { $ref: [ref.command, ...ref.path].join('.') };
  if (Array.isArray(value)) return value.map((v, i) => encodeV3(v, `${at}[${i}]`));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' || k === '$refArray') throw new Error(`"${at ? `${at}.${k}` : k}" is a ${k} marker, which the portal would substitute; use batchRef()/batchRefArray() for a reference`);
      Object.defineProperty(out, k, { value: encodeV3(v, at ? `${at}.${k}` : k), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

/** One v3 batch request (at most 50 commands): the results by position. */
export async function runV3(core: Core, cmds: { key: string; method: string; query: unknown; as?: string | undefined }[], co?: CallOptions): Promise<unknown[]> {
  const metas = await Promise.all(cmds.map((c) => core.meta(c.method, 3)));
  if (co?.decode) metas.forEach(core.D.checkDecode);
  const kind = metas.every((m) => m.kind === 'read') ? 'read' : 'write';
  const body = cmds.map((c) => ({ method: c.method, query: c.query ?? {}, ...(c.as ? { as: c.as } : {}) }));
  // exec takes an object; the body of a v3 batch is an array, so it travels through toJSON.
  const env = await core.exec({ method: 'batch', apiVersion: 3, kind }, { toJSON: () => body }, co);
  const r = env.result as any;
  const at = (i: number) => (Array.isArray(r) ? r[i] : r && typeof r === 'object' ? (own(r, String(i)) ? r[i] : cmds[i]!.as && own(r, cmds[i]!.as!) ? r[cmds[i]!.as!] : undefined) : undefined);
  const out = cmds.map((_, i) => at(i));
  const missing = out.findIndex((x) => x === undefined);
  if (!r || typeof r !== 'object' || missing >= 0)
    throw new core.E.B24ResponseError('INVALID_RESPONSE', `v3 batch answer has no result for command ${missing >= 0 ? `"${cmds[missing]!.key}"` : 'list'}`, 'transient', 'batch');
  return out;
}

/** client.v3.batch: results under the commands' keys (or positions); over 50 commands split as in v2. */
export async function batchV3(core: Core, commands: Readonly<Record<string, V3Command>> | readonly V3Command[], co: CallOptions = {}) {
  if (!commands || typeof commands !== 'object') throw core.E.configError('v3 batch: commands must be an object or an array');
  const list = Array.isArray(commands);
  const entries = Object.entries(commands) as [string, V3Command][];
  const aliases: string[] = [];
  const queries: unknown[] = [];
  for (const [k, c] of entries) {
    if (typeof c?.method !== 'string') throw core.E.configError(`v3 batch command "${k}" has no method`);
    const bad = core.nameProblem(c.method);
    if (bad) throw core.E.configError(`v3 batch command "${k}": ${bad}`);
    const alias = list ? c.as : (c.as ?? k);
    if (alias !== undefined && !ALIAS.test(alias)) throw core.E.configError(`v3 batch command "${k}": alias ${JSON.stringify(alias.slice(0, 40))} may hold only letters, digits, '_', '.', '-'`);
    if (c.params != null && (typeof c.params !== 'object' || Array.isArray(c.params))) throw core.E.configError(`v3 batch command "${k}": params must be an object`);
    aliases.push(alias ?? `#${k}`);
    try {
      queries.push(encodeV3(c.params ?? {}, ''));
    } catch (e) {
      throw core.E.configError(`v3 batch command "${k}" (${c.method}): ${(e as Error).message}`);
    }
  }
  const results: any = list ? [] : Object.create(null);
  for (const chunk of planChunks(core.E, aliases, entries.map((e) => e[1].params), BATCH_MAX)) {
    const got = await runV3(core, chunk.map((i) => ({ key: entries[i]![0], method: entries[i]![1].method, query: queries[i], as: aliases[i]!.startsWith('#') ? undefined : aliases[i] })), co);
    for (const [j, i] of chunk.entries()) {
      const [k, c] = entries[i]!;
      results[k] = co.decode ? core.D.decodeWire((await core.meta(c.method, 3)).decode, got[j]) : got[j];
    }
  }
  return { results };
}
