import { configError } from './errors.js';

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
export function planChunks(keys: readonly string[], params: readonly unknown[], max = BATCH_MAX): number[][] {
  const parent = keys.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  const index = new Map(keys.map((k, i) => [k, i]));
  params.forEach((p, i) => {
    for (const r of referencesOf(p)) {
      const j = index.get(r);
      if (j === undefined || j >= i)
        throw configError(`batch command "${keys[i]}" references "$result[${r}]", which is not an earlier command`);
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
    if (g.length > max) throw configError(`batch: ${g.length} commands are linked by $result references; at most ${max} fit in one request`);
    if (cur.length + g.length > max) chunks.push(cur.sort((a, b) => a - b)), (cur = []);
    cur.push(...g);
  }
  if (cur.length) chunks.push(cur.sort((a, b) => a - b));
  return chunks;
}

/** PHP sends `[]` for an empty map and a JSON list when the keys are exactly 0..n-1. */
export const asMap = (v: unknown): Record<string, any> => (v && typeof v === 'object' ? { ...v } : {});
