import type { ErrorClass } from './contract.js';

/**
 * Base of every error the runtime throws. Messages are built only from the error code, the
 * (already scrubbed) description and the method name, so no secret can reach `stack` or JSON
 * (`JSON.stringify` shows name, code, description, errorClass, method, httpStatus).
 */
export class B24Error<Code extends string = string> extends Error {
  override name = 'B24Error';
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

/** Type guard; with a code, narrows `e.code` to that literal. */
export function isB24Error<C extends string = string>(e: unknown, code?: C): e is B24Error<C> {
  return e instanceof B24Error && (code === undefined || e.code === code);
}

export const configError = (description: string) => new B24ConfigError('CONFIG', description, 'permanent');
