// Secrets never leave the runtime: URLs lose the webhook code / auth query values, and every
// known secret (webhook code, tokens, client secret) is replaced wherever it appears.
export const redactUrl = (s: string): string =>
  s
    .replace(/(\/rest\/(?:api\/)?\d+\/)[^/?#\s]+/g, '$1****')
    .replace(/([?&](?:auth|access_token|refresh_token|client_secret|code)=)[^&#\s]*/gi, '$1****');

/** Secrets shorter than this are not scrubbed: replacing a 1-character "secret" mangles every message. */
export const MIN_SECRET = 8;

/**
 * `s` without any secret: as is, percent-encoded (once or twice, hex in either case) and in any
 * letter case, then through redactUrl.
 */
export function scrub(s: string, secrets: Iterable<string>): string {
  const forms: string[] = [];
  for (const x of secrets)
    if (typeof x == 'string' && x.length >= MIN_SECRET) {
      const e = encodeURIComponent(x);
      forms.push(x, e, encodeURIComponent(e));
    }
  // Longest first, so a secret inside another one does not leave the rest visible.
  if (forms.length) s = s.replace(new RegExp(forms.sort((a, b) => b.length - a.length).map((f) => f.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')).join('|'), 'gi'), '****');
  return redactUrl(s);
}

/**
 * Makes `o` show only `label` to `String`, `JSON.stringify` and Node's `util.inspect` (found by its
 * registered symbol: no `node:util` import in the browser-safe entry): objects holding secrets in
 * closures then print nothing of them, whatever they hold later.
 */
export function opaque<T extends object>(o: T, label: string): T {
  const show = () => `[${label}]`;
  for (const k of ['toString', 'toJSON', Symbol.for('nodejs.util.inspect.custom')]) Object.defineProperty(o, k, { value: show });
  return o;
}
