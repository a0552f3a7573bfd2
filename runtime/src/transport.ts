import type { KyInstance } from 'ky';
import type { ErrorClass } from './contract.js';
import { B24Error, B24NetworkError, B24ResponseError } from './errors.js';
import type { OperatingTime } from './operating-budget.js';

/** A successful REST envelope: `{ result, next?, total?, time }`. */
export interface Envelope {
  result: unknown;
  next?: number;
  total?: number;
  time?: OperatingTime;
}

export interface Wire {
  http: KyInstance;
  classify(code: string, status: number): ErrorClass;
  scrub(s: string): string;
  log?: ((line: string) => void) | undefined;
  onTime(method: string, time: OperatingTime | undefined): void;
  /** Largest body read, bytes (`maxResponseBytes`). */
  max: number;
}

/** The catalog decides; any 5xx (and 429) is transient, an unknown 401 is an auth problem. */
export const classifier =
  (classes: Readonly<Record<string, ErrorClass>>) =>
  (code: string, status: number): ErrorClass => {
    // The catalog's class wins; a code it does not list is classed by its status.
    const c = classes[code];
    if (c) return c;
    if (status >= 500 || status === 429) return 'transient';
    return status === 401 ? 'auth' : 'permanent';
  };

/** JSON nested deeper than this is refused before parsing: decoding and user code recurse on it. */
export const MAX_DEPTH = 512;

/** Whether JSON text nests arrays/objects deeper than MAX_DEPTH (brackets inside strings do not count). */
function tooDeep(s: string): boolean {
  for (let i = 0, d = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c == 34) {
      // a string: jump to its closing quote, one not escaped by an odd run of backslashes
      for (let b; (i = s.indexOf('"', i + 1)) > 0; ) {
        for (b = i; s.charCodeAt(b - 1) == 92; ) b--;
        if ((i - b) % 2 == 0) break;
      }
      if (i < 0) return false;
    } else if (c == 91 || c == 123) {
      if (++d > MAX_DEPTH) return true;
    } else if (c == 93 || c == 125) d--;
  }
  return false;
}

/**
 * The body of `res` as parsed JSON (`undefined` if it is not JSON), read as a stream and counted:
 * over `max` bytes (announced or streamed) or nested over MAX_DEPTH it is a typed error, and
 * reading stops. A body that never ends ends with the request's signal. Network errors propagate.
 */
export async function readJson(res: Response, max: number, method: string): Promise<unknown> {
  const refuse = (code: string, what: string) => new B24ResponseError(code, what, 'permanent', method, res.status);
  const reader = res.body?.getReader();
  let text = '';
  if (reader) {
    const dec = new TextDecoder();
    // A length announced over the cap fails before reading; a streamed body once it passes the cap.
    for (let n = +res.headers.get('content-length')! > max ? Infinity : 0, r; ; ) {
      if (n > max) throw (reader.cancel().catch(() => {}), refuse('RESPONSE_TOO_LARGE', `response over ${max} bytes (maxResponseBytes)`));
      if ((r = await reader.read()).done) break;
      n += r.value.byteLength;
      text += dec.decode(r.value, { stream: true });
    }
    text += dec.decode();
  }
  if (text.length > MAX_DEPTH && tooDeep(text)) throw refuse('RESPONSE_TOO_DEEP', `JSON nested deeper than ${MAX_DEPTH} levels`);
  try {
    return JSON.parse(text); // own members only: a "__proto__" key never becomes a prototype
  } catch {
    return undefined;
  }
}

/**
 * One POST. Anything that is not a well-formed envelope becomes an error: an error body (v2
 * `{error, error_description}` or v3 `{error: {code, message}}`) even with HTTP 200, a 2xx without
 * `result`, invalid or truncated JSON, a body over `maxResponseBytes` or nested too deep, and any
 * redirect: none is followed (`redirect: 'manual'`), so the body, a token or the webhook code never
 * reach another origin. Aborts are rethrown untouched: the caller knows why.
 */
export async function send(w: Wire, url: string, body: object, method: string, signal: AbortSignal, headers?: Record<string, string>): Promise<Envelope> {
  const t0 = Date.now();
  let status = 0;
  let data: any;
  const log = (what: string) => w.log?.(w.scrub(`b24: POST ${url} ${what} ${Date.now() - t0}ms`));
  try {
    const res = await w.http.post(url, { json: body, signal, ...(headers ? { headers } : {}) }); // ky.create: redirect 'manual'
    status = res.status;
    // Node answers 3xx as is; browsers give an opaque redirect with status 0.
    if ((status > 299 && status < 400) || res.type == 'opaqueredirect') {
      void res.body?.cancel().catch(() => {});
      log(String(status));
      let to = ''; // the origin only: the path may hold a webhook code
      try {
        to = ' to ' + new URL(res.headers.get('location')!, url).origin;
      } catch {}
      throw new B24ResponseError('REDIRECT', w.scrub(`answered ${status || 'a redirect'}${to}: redirects are not followed (check the portal address)`), 'permanent', method, status);
    }
    data = await readJson(res, w.max, method);
  } catch (e) {
    if (signal.aborted || e instanceof B24Error) throw e;
    // Node's fetch says only "fetch failed"; the reason (ECONNREFUSED, ...) is in cause.code.
    const msg = w.scrub(String((e as any)?.message ?? e) + ((e as any)?.cause?.code ? ` (${(e as any).cause.code})` : ''));
    log(`failed: ${msg}`);
    throw status
      ? new B24ResponseError('INVALID_RESPONSE', 'body broke off: ' + msg, 'transient', method, status)
      : new B24NetworkError('NETWORK_ERROR', msg, 'transient', method);
  }
  log(String(status));
  const ok = status >= 200 && status < 300;
  const obj = data && typeof data == 'object' && !Array.isArray(data);
  if (obj) w.onTime(method, data.time);
  if (obj && 'error' in data) {
    const e = data.error;
    const v3 = e && typeof e == 'object';
    // The code is scrubbed too: a portal (or proxy) may echo a token or the webhook code into it.
    const code = w.scrub(String((v3 ? e.code : e) || `HTTP_${status}`));
    const desc = w.scrub(String((v3 ? e.message : data.error_description) ?? ''));
    throw new (ok ? B24ResponseError : B24Error)(code, desc, w.classify(code, status), method, status);
  }
  if (!ok) throw new B24Error(`HTTP_${status}`, obj ? 'unexpected response' : 'non-JSON response', w.classify('', status), method, status);
  if (!obj || !('result' in data))
    throw new B24ResponseError('INVALID_RESPONSE', obj ? 'response has no result' : 'invalid or truncated JSON', 'transient', method, status);
  return data as Envelope;
}
