/**
 * The class of an error code, which the runtime's retry policy reads:
 * transient (retry with backoff), auth (refresh or re-authorise), permanent (do not retry).
 */
import type { IrError } from '../ir/types.js';

export type ErrorClass = 'transient' | 'auth' | 'permanent';

/** Throttling answers: the server did not run the call, so retrying is safe. */
const THROTTLE = new Set(['QUERY_LIMIT_EXCEEDED', 'OPERATION_TIME_LIMIT']);
/** Internal failures that the docs tell to retry or report; a manual block or a deleted portal is not transient. */
const PERMANENT_5XX = new Set(['OVERLOAD_LIMIT', 'PORTAL_DELETED']);
const AUTH = new Set(['expired_token', 'invalid_token', 'NO_AUTH_FOUND', 'insufficient_scope', 'INVALID_CREDENTIALS', 'user_access_error', 'WRONG_AUTH_TYPE', 'invalid_grant', 'invalid_client', 'authorization_error']);

export function classifyError(error: Pick<IrError, 'code' | 'httpStatus'>): ErrorClass {
  const code = error.code ?? '';
  if (THROTTLE.has(code)) return 'transient';
  if (AUTH.has(code) || error.httpStatus === 401) return 'auth';
  if (error.httpStatus !== null && error.httpStatus >= 500 && !PERMANENT_5XX.has(code)) return 'transient';
  return 'permanent';
}

/** `OPERATION_TIME_LIMIT` is described in limits.md (a method blocked after 480 s of work in 10 min) but listed in no table. */
export const OPERATION_TIME_LIMIT: IrError = {
  code: 'OPERATION_TIME_LIMIT',
  message: 'Method is blocked due to operation time limit',
  description: 'The total execution time of requests to this method exceeded 480 seconds within 10 minutes (limits.md); other methods keep working.',
  httpStatus: 429,
};

/**
 * The class of a code documented with several HTTP statuses (or none): classifyError per status;
 * when they disagree, the one that retries least wins (auth, then permanent, then transient), so an
 * ambiguous code is never retried blindly.
 */
export function classifyCode(code: string, statuses: readonly (number | null)[]): ErrorClass {
  const classes = new Set((statuses.length ? statuses : [null]).map((httpStatus) => classifyError({ code, httpStatus })));
  if (classes.has('auth')) return 'auth';
  if (classes.has('permanent')) return 'permanent';
  return 'transient';
}
