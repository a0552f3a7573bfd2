import type { ErrorClass } from './contract.js';

/**
 * Base of every error the runtime throws. Messages are built only from the error code, the
 * (already scrubbed) description and the method name, so no secret can reach `stack` or JSON
 * (`JSON.stringify` shows name, code, description, errorClass, method, httpStatus, and `reason` when set).
 *
 * `Reason`: the documented descriptions of the method's errors that come without a code (CRM pages
 * list `-`, "Not found", "Access denied"); `reason` is the one the portal's `error_description`
 * matched, so `e.reason === 'Not found'` is typed and needs no string search.
 */
export class B24Error<Code extends string = string, Reason extends string = string> extends Error {
  override name = 'B24Error';
  /** The documented description the portal's `error_description` matched (see `MethodMeta.reasons`); unset otherwise. */
  declare readonly reason?: Reason;
  constructor(
    readonly code: Code,
    readonly description: string,
    readonly errorClass: ErrorClass,
    readonly method?: string,
    readonly httpStatus?: number,
  ) {
    super(`${method ? method + ': ' : ''}${code}${description ? ' - ' + description : ''}${httpStatus ? ` (HTTP ${httpStatus})` : ''}`);
  }
}
/** The connection failed or broke before a complete response arrived. */
export class B24NetworkError extends B24Error { override name = 'B24NetworkError'; }
/** The call's deadline (`timeout`) passed. */
export class B24TimeoutError extends B24Error { override name = 'B24TimeoutError'; }
/** The caller's AbortSignal fired. */
export class B24AbortError extends B24Error { override name = 'B24AbortError'; }
/** A response that contradicts the protocol: invalid JSON, truncated body, missing `result`, error with HTTP 2xx. */
export class B24ResponseError extends B24Error { override name = 'B24ResponseError'; }
/** Bad input from the program: webhook URL, insecure portal, bad batch references... */
export class B24ConfigError extends B24Error { override name = 'B24ConfigError'; }
/** The OAuth refresh failed; every call waiting for it gets the same instance. */
export class B24AuthRefreshError extends B24Error { override name = 'B24AuthRefreshError'; }
/**
 * The app must be authorised again (code `REAUTHORIZATION_REQUIRED`): a refresh was sent but its
 * answer was lost, and the portal has since refused the refresh token (it rotated it). Reported once,
 * the same instance to every waiting and later caller, until new tokens arrive (a token store).
 */
export class B24AuthError extends B24AuthRefreshError { override name = 'B24AuthError'; }
/**
 * A list could not be read whole (`paginate`/`listAll`): the portal's answers contradict each other
 * (a count that does not match `total`, a page that repeats or skips items, a cursor that does not
 * advance). `items` holds what was fetched and not yet handed out (`listAll`: everything fetched).
 */
export class B24ListIncompleteError extends B24Error {
  override name = 'B24ListIncompleteError';
  constructor(description: string, method: string, readonly items: unknown[], readonly expected?: number) {
    super('LIST_INCOMPLETE', description, 'transient', method);
  }
}

/**
 * Codes the runtime itself gives: `NETWORK_ERROR`, `TIMEOUT`, `ABORTED`, `INVALID_RESPONSE`, `CONFIG`,
 * `AUTH_REFRESH_FAILED`, client-side `OPERATION_TIME_LIMIT`, `ERROR` (a batch command failed without
 * a code), `HTTP_<status>` for an error body with an empty `error` (the CRM pages' `-` rows), and
 * for hostile answers: `REDIRECT` (a 3xx; none is followed), `RESPONSE_TOO_LARGE` (over
 * `maxResponseBytes`), `RESPONSE_TOO_DEEP` (JSON nested over 512 levels), `REAUTHORIZATION_REQUIRED`.
 */
export type B24RuntimeErrorCode =
  | 'NETWORK_ERROR' | 'TIMEOUT' | 'ABORTED' | 'INVALID_RESPONSE' | 'CONFIG' | 'AUTH_REFRESH_FAILED' | 'OPERATION_TIME_LIMIT' | 'ERROR'
  | 'LIST_INCOMPLETE'
  | 'REDIRECT' | 'RESPONSE_TOO_LARGE' | 'RESPONSE_TOO_DEEP' | 'REAUTHORIZATION_REQUIRED'
  | `HTTP_${number}`;
/**
 * Codes of the OAuth server and of expired or invalid tokens (settings/oauth/error-codes.md), and
 * the portal's answer to a method it does not know.
 */
export type B24OAuthErrorCode =
  | 'invalid_request' | 'invalid_client' | 'insufficient_scope' | 'invalid_scope' | 'invalid_grant' | 'expired_token' | 'invalid_token'
  | 'ERROR_METHOD_NOT_FOUND';

/** `C` and any other string, keeping `C`'s literals for completion (`string` stays `string`). */
export type OrOther<C extends string> = string extends C ? string : C | (string & {});

/**
 * A type guard for errors with codes `C` (and reasons `R`). Without a code it narrows to a
 * `B24Error` whose `code` compares against `C` with completion; with a code (one of `C`, completed
 * by the editor; a typo does not compile) it narrows `code` to that literal.
 */
export interface B24ErrorGuard<C extends string, R extends string = string> {
  (e: unknown): e is B24Error<OrOther<C>, R>;
  <K extends C>(e: unknown, code: K): e is B24Error<K, R>;
}

/** Whether `e` is a `B24Error`; with a code, one with that code (narrowed to the literal). */
export const isB24Error: B24ErrorGuard<string> = (e: unknown, code?: string): e is B24Error<any, any> =>
  e instanceof B24Error && (code === undefined || e.code === code);

/**
 * The guard of one method's errors (generated beside each binding: `isCrmDealGetError`): a
 * `B24Error` thrown by a call of `method` (binding, `call`, `batch` command or `paginate`), with
 * `code` when given. `C`: the method's documented codes and the protocol-wide ones; `R`: its reasons.
 */
export function errorGuard<C extends string, R extends string = never>(method: string): B24ErrorGuard<C, R> {
  return ((e: unknown, code?: string) => isB24Error(e) && e.method === method && (code === undefined || e.code === code)) as B24ErrorGuard<C, R>;
}

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').replace(/[.!]+$/, '').toLowerCase();

/**
 * Sets `reason` to the documented description (`reasons`, from the method's meta) that the
 * error's description matches: the same text up to case, surrounding spaces and a final period.
 */
export function withReason<E extends B24Error>(e: E, reasons: readonly string[] | undefined): E {
  const d = reasons && e.description && norm(e.description);
  const r = d ? reasons.find((x) => norm(x) === d) : undefined;
  if (r !== undefined) (e as { reason?: string }).reason = r;
  return e;
}

export const configError = (description: string) => new B24ConfigError('CONFIG', description, 'permanent');
