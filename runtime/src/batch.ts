import type { CallOptions, ErrorClass, MethodMeta } from './contract.js';
import type { B24Error, B24ResponseError, configError, withReason } from './errors.js';
import type { OperatingTime } from './operating-budget.js';
import type { Envelope } from './transport.js';
import type { BatchCommands, BatchOptions } from './client.js';
import type { decodeWire, itemSpec } from './decode.js';
import type { B24ListIncompleteError } from './errors.js';

/** What batch and pagination need from the client (they are loaded lazily). */
export interface Core {
  meta(method: string, v?: 2 | 3): Promise<MethodMeta>;
  exec(meta: MethodMeta, params: unknown, options?: CallOptions): Promise<Envelope>;
  classify(code: string, status: number): ErrorClass;
  scrub(s: string): string;
  note(method: string, time: OperatingTime | undefined): void;
  /** The error classes, passed in rather than imported: keeps errors.ts out of a shared chunk. */
  E: {
    B24Error: typeof B24Error; B24ResponseError: typeof B24ResponseError; configError: typeof configError; withReason: typeof withReason;
    /** Optional so a client built before lists checked themselves still type-checks; paginate falls back to B24ResponseError. */
    B24ListIncompleteError?: typeof B24ListIncompleteError;
  };
  /** The decoder, passed in for the same reason (index.ts exports it: a shared chunk would load eagerly). */
  D: { decodeWire: typeof decodeWire; itemSpec: typeof itemSpec; /** Throws when `decode` has no spec to go by (a meta made up from the name). */ checkDecode(meta: MethodMeta): void };
  /** Whether a meta was made up from the method's name (no generated meta): such a method may still be a list. */
  guessed?(meta: MethodMeta): boolean;
  /** Why a string cannot be a method name (method-name.ts, passed in like `E`). */
  nameProblem(name: unknown): string | undefined;
}
export interface BatchChunk {
  result: Record<string, any>;
  /** The meta of each command, by key. */
  metas: Map<string, MethodMeta>;
  errors: Record<string, B24Error>;
  total: Record<string, any>;
}

export const BATCH_MAX = 50;

/** The brand of `batchRef()` objects (batch-ref.ts; looked up by `Symbol.for` so this chunk does not import it). */
const BRAND = Symbol.for('b24gen.batchRef');
export interface RefInfo { command: string; path: readonly string[]; array?: boolean }
/** A reference made here (pagination chains its pages): same shape as `batchRef()`'s, without its checks. */
export const refTo = (command: string, path: readonly string[]): object => ({ [BRAND]: { command, path } });
/** The reference a value stands for, when it was made by `batchRef`/`batchRefArray`. */
export const refOf = (v: unknown): RefInfo | undefined =>
  v !== null && typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, BRAND) ? ((v as any)[BRAND] as RefInfo) : undefined;

/** `$result[...]`/`$error[...]` in a value: the portal would substitute it (batch.md), so user text may not carry it. */
const LITERAL = /\$(?:result|error)\[/;
/** Thrown while encoding; runChunk names the command. */
export class LiteralRefError extends Error {
  constructor(readonly at: string, readonly why: string) { super(why); }
}

/**
 * PHP-style query string (`fields[TITLE]=John%26Martin&ids[0]=1`), the format batch expects for
 * each command; the outer JSON body adds the second encoding layer. true/false become 1/0 and
 * null becomes an empty value, as PHP's http_build_query does; empty arrays vanish there too.
 * A `batchRef` is written literally (`ID=$result[user][ID]`), as in batch.md's request examples:
 * a portal substitutes that form whether or not it decodes command values first. Text that
 * contains `$result[`/`$error[` is refused: no escape exists, and the portal would substitute it.
 */
export function toQuery(value: unknown, prefix = '', out: string[] = []): string[] {
  const ref = refOf(value);
  if (ref) {
    if (ref.array) throw new LiteralRefError(prefix, 'batchRefArray() is REST 3.0 only');
    if (prefix) out.push(`${encodeURIComponent(prefix)}=$result[${ref.command}]${ref.path.map((p) => `[${p}]`).join('')}`);
  } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) {
      if (LITERAL.test(k)) throw new LiteralRefError(prefix ? `${prefix}[${k}]` : k, 'a key contains $result[ or $error[');
      toQuery(v, prefix ? `${prefix}[${k}]` : k, out);
    }
  } else if (prefix && value !== undefined) {
    const s = value instanceof Date ? value.toISOString() : value === true ? '1' : value === false ? '0' : String(value ?? '');
    if (LITERAL.test(s)) throw new LiteralRefError(prefix, 'the value contains $result[ or $error[, which the portal would replace; use batchRef() for a reference');
    out.push(`${encodeURIComponent(prefix)}=${encodeURIComponent(s)}`);
  }
  return out;
}

export const encodeCommand = (method: string, params: unknown): string => {
  const q = toQuery(params ?? {}).join('&');
  return q ? `${method}?${q}` : method;
};

/** Names of commands referenced by `batchRef(name, …)` anywhere in params. */
export function referencesOf(params: unknown, out = new Set<string>()): Set<string> {
  const ref = refOf(params);
  if (ref) out.add(ref.command);
  else if (params && typeof params === 'object') for (const v of Object.values(params)) referencesOf(v, out);
  return out;
}

/**
 * Splits commands into chunks of at most `max`, keeping each command in the same chunk as every
 * command it references (references only resolve within one batch request). Connected groups are
 * packed first-fit in order of appearance; inside a chunk the original order is kept.
 */
export function planChunks(E: Pick<Core['E'], 'configError'>, keys: readonly string[], params: readonly unknown[], max = BATCH_MAX): number[][] {
  const parent = keys.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  const index = new Map(keys.map((k, i) => [k, i]));
  params.forEach((p, i) => {
    for (const r of referencesOf(p)) {
      const j = index.get(r);
      if (j === undefined || j >= i)
        throw E.configError(`batch command "${keys[i]}" references "${r}", which is not an earlier command`);
      parent[root(i)] = root(j);
    }
  });
  const groups = new Map<number, number[]>();
  keys.forEach((_, i) => {
    const r = root(i);
    groups.get(r)?.push(i) ?? groups.set(r, [i]);
  });
  const chunks: number[][] = [];
  let cur: number[] = [];
  for (const g of groups.values()) {
    if (g.length > max) throw E.configError(`batch: ${g.length} commands are linked by $result references; at most ${max} fit in one request`);
    if (cur.length + g.length > max) chunks.push(cur.sort((a, b) => a - b)), (cur = []);
    cur.push(...g);
  }
  if (cur.length) chunks.push(cur.sort((a, b) => a - b));
  return chunks;
}

/**
 * PHP sends `[]` for an empty map and a JSON list when the keys are exactly 0..n-1. The copy has no
 * prototype: command keys such as `constructor`, `toString` or `__proto__` are plain own members.
 */
export const asMap = (v: unknown): Record<string, any> => {
  const out: Record<string, any> = Object.create(null);
  if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out[k] = x;
  return out;
};
/** Own member `k` of `m` (never one inherited from Object.prototype). */
export const own = (m: object, k: string): boolean => Object.prototype.hasOwnProperty.call(m, k);

/** Encodes one command, naming it in the typed error when its method or a value cannot be sent. */
function commandText(core: Core, key: string, method: string, params: unknown): string {
  const bad = core.nameProblem(method);
  if (bad) throw core.E.configError(`batch command "${key}": ${bad}`);
  try {
    return encodeCommand(method, params);
  } catch (e) {
    if (e instanceof LiteralRefError) throw core.E.configError(`batch command "${key}" (${method}): ${e.at ? `"${e.at}": ` : ''}${e.why}`);
    throw e;
  }
}

/** One `batch` request; a batch of reads only is itself a read (may be retried). */
export async function runChunk(core: Core, cmds: [key: string, method: string, params: unknown][], halt: boolean, co?: CallOptions): Promise<BatchChunk> {
  const cmd: Record<string, string> = Object.create(null);
  for (const [k, m, p] of cmds) cmd[k] = commandText(core, k, m, p);
  const metas = await Promise.all(cmds.map(([, m]) => core.meta(m)));
  if (co?.decode) metas.forEach(core.D.checkDecode);
  const kind = metas.every((m) => m.kind === 'read') ? 'read' : 'write';
  const env = await core.exec({ method: 'batch', apiVersion: 2, kind }, { halt: halt ? 1 : 0, cmd: { ...cmd } }, co);
  const r = env.result as any;
  if (!r || typeof r !== 'object' || !own(r, 'result')) throw new core.E.B24ResponseError('INVALID_RESPONSE', 'batch result has no result map', 'transient', 'batch');
  const methodOf = new Map(cmds.map(([k, m]) => [k, m]));
  const metaOf = new Map(cmds.map(([k], i) => [k, metas[i]!]));
  const errors: Record<string, B24Error> = Object.create(null);
  const sent = (k: string) => methodOf.has(k); // answers for keys we did not send are ignored
  for (const [k, e] of Object.entries(asMap(r.result_error))) {
    if (!sent(k)) continue;
    const code = core.scrub(String(e?.error || 'ERROR'));
    const error = new core.E.B24Error(code, core.scrub(String(e?.error_description ?? '')), core.classify(code, 0), methodOf.get(k));
    errors[k] = core.E.withReason(error, metaOf.get(k)?.reasons);
  }
  for (const [k, t] of Object.entries(asMap(r.result_time))) if (sent(k)) core.note(methodOf.get(k)!, t);
  const result = asMap(r.result);
  const total = asMap(r.result_total);
  for (const k of Object.keys(result)) if (!sent(k)) delete result[k];
  return { result, metas: metaOf, errors, total };
}

/** client.batch: any number of commands, split into requests of 50 (see planChunks). */
export async function batch(core: Core, commands: BatchCommands<any>, bo: BatchOptions = {}) {
  const list = Array.isArray(commands);
  if (!commands || typeof commands !== 'object') throw core.E.configError('batch: commands must be an object or an array');
  const entries = Object.entries(commands) as [string, { method: string; params?: unknown }][];
  for (const [k, c] of entries) {
    if (typeof c?.method !== 'string') throw core.E.configError(`batch command "${k}" has no method`);
    const bad = core.nameProblem(c.method);
    if (bad) throw core.E.configError(`batch command "${k}": ${bad}`);
  }
  // Null-prototype maps: a command named `constructor` or `__proto__` is just a key.
  const results: any = list ? [] : Object.create(null);
  const errors: any = list ? [] : Object.create(null);
  for (const chunk of planChunks(core.E, entries.map((e) => e[0]), entries.map((e) => e[1].params))) {
    const out = await runChunk(core, chunk.map((i) => [entries[i]![0], entries[i]![1].method, entries[i]![1].params]), !!bo.halt, bo);
    for (const i of chunk) {
      const k = entries[i]![0];
      if (own(out.errors, k)) errors[k] = out.errors[k];
      // Each command's result decodes by its own method's spec.
      else if (own(out.result, k)) results[k] = bo.decode ? core.D.decodeWire(out.metas.get(k)?.decode, out.result[k]) : out.result[k];
    }
    if (bo.halt && Object.keys(out.errors).length) break;
  }
  return { results, errors };
}
