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

/**
 * One POST. Anything that is not a well-formed envelope becomes an error: an error body (v2
 * `{error, error_description}` or v3 `{error: {code, message}}`) even with HTTP 200, a 2xx without
 * `result`, invalid or truncated JSON. Aborts are rethrown untouched: the caller knows why.
 */
export async function send(w: Wire, url: string, body: object, method: string, signal: AbortSignal): Promise<Envelope> {
  const t0 = Date.now();
  let status = 0;
  let text: string;
  const log = (what: string) => w.log?.(w.scrub(`b24: POST ${url} ${what} ${Date.now() - t0}ms`));
  try {
    const res = await w.http.post(url, { json: body, ...(signal ? { signal } : {}) });
    status = res.status;
    text = await res.text();
  } catch (e) {
    if (signal.aborted) throw e;
    // Node's fetch says only "fetch failed"; the reason (ECONNREFUSED, ...) is in cause.code.
    const msg = w.scrub(String((e as any)?.message ?? e) + ((e as any)?.cause?.code ? ` (${(e as any).cause.code})` : ''));
    log(`failed: ${msg}`);
    throw status
      ? new B24ResponseError('INVALID_RESPONSE', 'body broke off: ' + msg, 'transient', method, status)
      : new B24NetworkError('NETWORK_ERROR', msg, 'transient', method);
  }
  log(String(status));
  let data: any;
  try {
    data = JSON.parse(text);
  } catch {}
  const ok = status >= 200 && status < 300;
  const obj = data && typeof data == 'object' && !Array.isArray(data);
  if (obj) w.onTime(method, data.time);
  if (obj && 'error' in data) {
    const e = data.error;
    const v3 = e && typeof e == 'object';
    const code = String((v3 ? e.code : e) || `HTTP_${status}`);
    const desc = w.scrub(String((v3 ? e.message : data.error_description) ?? ''));
    throw new (ok ? B24ResponseError : B24Error)(code, desc, w.classify(code, status), method, status);
  }
  if (!ok) throw new B24Error(`HTTP_${status}`, obj ? 'unexpected response' : 'non-JSON response', w.classify('', status), method, status);
  if (!obj || !('result' in data))
    throw new B24ResponseError('INVALID_RESPONSE', obj ? 'response has no result' : 'invalid or truncated JSON', 'transient', method, status);
  return data as Envelope;
}
