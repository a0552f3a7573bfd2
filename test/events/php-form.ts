/**
 * Test helpers: a payload as the portal sends it. Bitrix24 posts PHP's `http_build_query` of the
 * payload array: nested keys as `data[FIELDS][ID]` (brackets percent-encoded), spaces as `+`, true as
 * `1`, false as `0`; null and empty arrays send nothing.
 */
const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');

export function httpBuildQuery(value: Record<string, unknown>): string {
  const parts: string[] = [];
  const walk = (prefix: string, v: unknown): void => {
    if (v === null || v === undefined) return;
    if (typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(prefix ? `${prefix}[${k}]` : k, x);
      return;
    }
    parts.push(`${enc(prefix)}=${enc(typeof v === 'boolean' ? (v ? '1' : '0') : String(v))}`);
  };
  walk('', value);
  return parts.join('&');
}

/**
 * What of a value survives the form, in one comparable shape: scalars as the strings they travel as,
 * null and empty objects or arrays gone, an object keyed 0…n-1 a list. Secrets the parser hides
 * (non-enumerable) are read too.
 */
export function formView(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v !== 'object') return String(v);
  const entries = Object.getOwnPropertyNames(v)
    .filter((k) => !(Array.isArray(v) && k === 'length'))
    .map((k) => [k, formView((v as Record<string, unknown>)[k])] as const)
    .filter(([, x]) => x !== undefined);
  if (entries.length === 0) return undefined;
  // Own names list integer keys first, ascending, as the parser sees them.
  if (entries.every(([k], i) => k === String(i))) return entries.map(([, x]) => x);
  return Object.fromEntries(entries);
}
