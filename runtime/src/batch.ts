import type { CallOptions, ErrorClass, MethodMeta } from './contract.js';
import type { B24Error, B24ResponseError, configError, withReason } from './errors.js';
import type { OperatingTime } from './operating-budget.js';
import type { Envelope } from './transport.js';
import type { BatchCommands, BatchOptions } from './client.js';
import type { decodeWire, itemSpec } from './decode.js';

/** What batch and pagination need from the client (they are loaded lazily). */
export interface Core {
  meta(method: string, v?: 2 | 3): Promise<MethodMeta>;
  exec(meta: MethodMeta, params: unknown, options?: CallOptions): Promise<Envelope>;
  classify(code: string, status: number): ErrorClass;
  scrub(s: string): string;
  note(method: string, time: OperatingTime | undefined): void;
  /** The error classes, passed in rather than imported: keeps errors.ts out of a shared chunk. */
  E: { B24Error: typeof B24Error; B24ResponseError: typeof B24ResponseError; configError: typeof configError; withReason: typeof withReason };
  /** The decoder, passed in for the same reason (index.ts exports it: a shared chunk would load eagerly). */
  D: { decodeWire: typeof decodeWire; itemSpec: typeof itemSpec; /** Throws when `decode` has no spec to go by (a meta made up from the name). */ checkDecode(meta: MethodMeta): void };
}
export interface BatchChunk {
  result: Record<string, any>;
  /** The meta of each command, by key. */
  metas: Map<string, MethodMeta>;
  errors: Record<string, B24Error>;
  total: Record<string, any>;
}

export const BATCH_MAX = 50;

/**
 * PHP-style query string (`fields[TITLE]=John%26Martin&ids[0]=1`), the format batch expects for
 * each command; the outer JSON body adds the second encoding layer. true/false become 1/0 and
 * null becomes an empty value, as PHP's http_build_query does; empty arrays vanish there too.
 */
export function toQuery(value: unknown, prefix = '', out: string[] = []): string[] {
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) toQuery(v, prefix ? `${prefix}[${k}]` : k, out);
  } else if (prefix && value !== undefined) {
    const s = value instanceof Date ? value.toISOString() : value === true ? '1' : value === false ? '0' : String(value ?? '');
    out.push(`${encodeURIComponent(prefix)}=${encodeURIComponent(s)}`);
  }
  return out;
}

export const encodeCommand = (method: string, params: unknown): string => {
  const q = toQuery(params ?? {}).join('&');
  return q ? `${method}?${q}` : method;
};

const REF = /\$result\[([^\]]*)\]/g;

/** Names of commands referenced by `$result[name]...` anywhere in params. */
export function referencesOf(params: unknown, out = new Set<string>()): Set<string> {
  if (typeof params === 'string') for (const m of params.matchAll(REF)) out.add(m[1]!);
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
        throw E.configError(`batch command "${keys[i]}" references "$result[${r}]", which is not an earlier command`);
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

/** PHP sends `[]` for an empty map and a JSON list when the keys are exactly 0..n-1. */
export const asMap = (v: unknown): Record<string, any> => (v && typeof v === 'object' ? { ...v } : {});

/** One `batch` request; a batch of reads only is itself a read (may be retried). */
export async function runChunk(core: Core, cmds: [key: string, method: string, params: unknown][], halt: boolean, co?: CallOptions): Promise<BatchChunk> {
  const metas = await Promise.all(cmds.map(([, m]) => core.meta(m)));
  if (co?.decode) metas.forEach(core.D.checkDecode);
  const kind = metas.every((m) => m.kind === 'read') ? 'read' : 'write';
  const cmd = Object.fromEntries(cmds.map(([k, m, p]) => [k, encodeCommand(m, p)]));
  const env = await core.exec({ method: 'batch', apiVersion: 2, kind }, { halt: halt ? 1 : 0, cmd }, co);
  const r = env.result as any;
  if (!r || typeof r !== 'object' || !('result' in r)) throw new core.E.B24ResponseError('INVALID_RESPONSE', 'batch result has no result map', 'transient', 'batch');
  const methodOf = new Map(cmds.map(([k, m]) => [k, m]));
  const metaOf = new Map(cmds.map(([k], i) => [k, metas[i]!]));
  const errors: Record<string, B24Error> = {};
  for (const [k, e] of Object.entries(asMap(r.result_error))) {
    const code = String(e?.error || 'ERROR');
    const error = new core.E.B24Error(code, core.scrub(String(e?.error_description ?? '')), core.classify(code, 0), methodOf.get(k));
    errors[k] = core.E.withReason(error, metaOf.get(k)?.reasons);
  }
  for (const [k, t] of Object.entries(asMap(r.result_time))) core.note(methodOf.get(k) ?? k, t);
  return { result: asMap(r.result), metas: metaOf, errors, total: asMap(r.result_total) };
}

/** client.batch: any number of commands, split into requests of 50 (see planChunks). */
export async function batch(core: Core, commands: BatchCommands<any>, bo: BatchOptions = {}) {
  const list = Array.isArray(commands);
  const entries = Object.entries(commands) as [string, { method: string; params?: unknown }][];
  for (const [k, c] of entries) if (typeof c?.method !== 'string') throw core.E.configError(`batch command "${k}" has no method`);
  const results: any = list ? [] : {};
  const errors: any = list ? [] : {};
  for (const chunk of planChunks(core.E, entries.map((e) => e[0]), entries.map((e) => e[1].params))) {
    const out = await runChunk(core, chunk.map((i) => [entries[i]![0], entries[i]![1].method, entries[i]![1].params]), !!bo.halt, bo);
    for (const i of chunk) {
      const k = entries[i]![0];
      if (k in out.errors) errors[k] = out.errors[k];
      // Each command's result decodes by its own method's spec.
      else if (k in out.result) results[k] = bo.decode ? core.D.decodeWire(out.metas.get(k)?.decode, out.result[k]) : out.result[k];
    }
    if (bo.halt && Object.keys(out.errors).length) break;
  }
  return { results, errors };
}
