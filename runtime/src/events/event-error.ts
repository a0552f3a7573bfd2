// Why an event delivery was refused. Messages name what was wrong, never a token or a payload value.

/** The codes of {@link B24EventError}, and the HTTP status the receiver answers each with. */
export const EVENT_ERROR_STATUS = {
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  BODY_ALREADY_PARSED: 500,
  INVALID_UTF8: 400,
  TOO_MANY_KEYS: 400,
  TOO_DEEP: 400,
  FORBIDDEN_KEY: 400,
  MISSING_EVENT: 400,
  UNKNOWN_EVENT: 400,
  MISSING_TOKEN: 401,
  UNKNOWN_PORTAL: 401,
  TOKEN_MISMATCH: 401,
  INSTALL_REFUSED: 401,
  BAD_TIMESTAMP: 401,
  STALE_EVENT: 401,
} as const;

export type B24EventErrorCode = keyof typeof EVENT_ERROR_STATUS;

export class B24EventError extends Error {
  override readonly name = 'B24EventError';
  /** The HTTP status a receiver answers with. */
  readonly status: number;
  constructor(
    readonly code: B24EventErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.status = EVENT_ERROR_STATUS[code];
  }
}

/** `e` is a {@link B24EventError} (with `code`, when given). */
export function isB24EventError(e: unknown, code?: B24EventErrorCode): e is B24EventError {
  return e instanceof B24EventError && (code === undefined || e.code === code);
}
