// application/x-www-form-urlencoded bytes → [key, value] pairs, as PHP reads a POST body:
// `&` separates pairs, the first `=` splits key and value, `+` is a space, `%XX` a byte (a `%` not
// followed by two hex digits stays literal). Unlike URLSearchParams, bytes that are not UTF-8 are a
// typed error, not U+FFFD: a payload silently altered is worse than one refused.
import { B24EventError } from './event-error.js';

export interface FormLimits {
  /** Bytes of the body (default 1 MiB; event payloads are a few KB). */
  maxBytes?: number;
  /** `key=value` pairs (default 5,000). */
  maxPairs?: number;
}

export const DEFAULT_MAX_BYTES = 1024 * 1024;
export const DEFAULT_MAX_PAIRS = 5000;

const AMP = 0x26, EQ = 0x3d, PLUS = 0x2b, PCT = 0x25;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function hex(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  const l = b | 0x20;
  return l >= 0x61 && l <= 0x66 ? l - 0x57 : -1;
}

/** One key or value: percent-decoded, then read as UTF-8 (strictly). */
function decodePart(bytes: Uint8Array, start: number, end: number, out: Uint8Array): string {
  let n = 0;
  let ascii = true;
  for (let i = start; i < end; i++) {
    let b = bytes[i]!;
    if (b === PLUS) b = 0x20;
    else if (b === PCT && i + 2 < end) {
      const h = hex(bytes[i + 1]!);
      const l = hex(bytes[i + 2]!);
      if (h >= 0 && l >= 0) {
        b = (h << 4) | l;
        i += 2;
      }
    }
    if (b > 0x7f) ascii = false;
    out[n++] = b;
  }
  if (ascii) {
    let s = '';
    for (let i = 0; i < n; i += 8192) s += String.fromCharCode(...out.subarray(i, Math.min(n, i + 8192)));
    return s;
  }
  try {
    return utf8.decode(out.subarray(0, n));
  } catch {
    throw new B24EventError('INVALID_UTF8', 'the body is not valid UTF-8 once percent-decoded');
  }
}

/** The pairs of a form body, in order (duplicates kept: the caller decides). */
export function formPairs(body: Uint8Array, limits: FormLimits = {}): Array<[string, string]> {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxPairs = limits.maxPairs ?? DEFAULT_MAX_PAIRS;
  if (body.length > maxBytes) throw new B24EventError('BODY_TOO_LARGE', `the body has more than ${maxBytes} bytes`);
  const scratch = new Uint8Array(body.length);
  const pairs: Array<[string, string]> = [];
  let start = 0;
  while (start <= body.length) {
    let end = body.indexOf(AMP, start);
    if (end < 0) end = body.length;
    if (end > start) {
      if (pairs.length >= maxPairs) throw new B24EventError('TOO_MANY_KEYS', `the body has more than ${maxPairs} pairs`);
      let eq = body.indexOf(EQ, start);
      if (eq < 0 || eq > end) eq = end;
      const key = decodePart(body, start, eq, scratch);
      const value = eq < end ? decodePart(body, eq + 1, end, scratch) : '';
      if (key) pairs.push([key, value]);
    }
    start = end + 1;
  }
  return pairs;
}
