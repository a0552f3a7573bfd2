// One contract for every way a call gets its credentials: a webhook URL, an OAuth app holding its
// tokens (in memory or in a token store), and an app page inside a Bitrix24 frame (BX24.js). The
// client asks the provider where to send and what to send; it never learns how the token was got.

/** Where and how one request authenticates. */
export interface AuthTarget {
  /** `https://host[:port]` of the portal, no trailing slash. */
  readonly origin: string;
  /** Webhook: `'{userId}/{code}/'`, put after `/rest/` (and `/rest/api/` for REST 3.0). */
  readonly pathPrefix?: string;
  /** OAuth / frame: the access token (sent as `auth` in the body; on REST 3.0 also as `Authorization: Bearer`). Never in a URL. */
  readonly accessToken?: string;
}

export interface AuthProvider {
  /** Short name for messages and logs: 'webhook', 'oauth', 'frame', or a custom one. */
  readonly kind: string;
  /**
   * Names the portal (and app) without any secret, when known up front (`https://host`,
   * `https://host#clientId`): the key of limits shared between processes. Default: `kind`.
   */
  readonly id?: string | undefined;
  /** The credentials for the next request. */
  current(): AuthTarget | Promise<AuthTarget>;
  /**
   * Called after `expired_token` on a request sent with `stale`. Resolves when a newer token is
   * current. Providers refresh once for all callers (single flight); `signal` ends only this
   * caller's wait, never the refresh others share. Absent: the provider cannot refresh (webhook).
   */
  refresh?(stale: AuthTarget, signal?: AbortSignal): Promise<void>;
  /**
   * Every secret the provider has handed out so far (bounded: the newest), for scrubbing errors and
   * logs. Secrets shorter than 8 characters are not scrubbed (they would mangle every message).
   */
  secrets(): Iterable<string>;
}
