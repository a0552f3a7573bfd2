// Is a delivery from the portal? Its `application_token` must equal the one stored for its portal
// (`auth[member_id]`), compared in constant time, and its `ts` must be recent. ONAPPINSTALL brings
// the token (stored), ONAPPUNINSTALL is the last delivery (the token is deleted after it verifies).
import { B24EventError } from './event-error.js';
import type { FormTree } from './php-keys.js';
import type { AppTokenStore } from './token-store.js';

export interface VerifyOptions {
  store: AppTokenStore;
  /**
   * Seconds a delivery's `ts` may lie in the past (default 600: the queue delivers "with a slight
   * delay"); `false` turns the replay guard off. `ts` more than 60 s in the future is refused too.
   */
  replayWindowSeconds?: number | false;
  /** The clock, in ms (default Date.now). */
  now?: () => number;
}

export const DEFAULT_REPLAY_WINDOW = 600;
const MAX_FUTURE_SECONDS = 60;
const encoder = new TextEncoder();

async function digest(s: string): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', encoder.encode(s)));
}

/**
 * Whether two strings are equal, in time that depends on neither their contents nor where they
 * differ: both are hashed (SHA-256, Web Crypto: Node, Deno, Bun, edge runtimes and browsers alike)
 * and the digests compared with no early exit, so not even the length leaks. Without Web Crypto the
 * UTF-8 bytes are compared the same way (then the length of the longer may leak).
 */
export async function constantTimeEqual(a: string, b: string): Promise<boolean> {
  const [x, y] = globalThis.crypto?.subtle ? await Promise.all([digest(a), digest(b)]) : [encoder.encode(a), encoder.encode(b)];
  let diff = x.length ^ y.length;
  const n = Math.max(x.length, y.length);
  for (let i = 0; i < n; i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/** A non-empty string member of a tree level, or undefined. */
function str(node: FormTree | string | undefined, key: string): string | undefined {
  if (typeof node !== 'object') return undefined;
  const v = node[key];
  return typeof v === 'string' && v ? v : undefined;
}

/** `ts` within the window, else a typed error. */
export function checkTimestamp(tree: FormTree, opts: VerifyOptions): void {
  const window = opts.replayWindowSeconds ?? DEFAULT_REPLAY_WINDOW;
  if (window === false) return;
  const ts = str(tree, 'ts');
  if (!ts || !/^\d{1,12}$/.test(ts)) throw new B24EventError('BAD_TIMESTAMP', '`ts` is missing or not a Unix time');
  const age = (opts.now ?? Date.now)() / 1000 - Number(ts);
  if (age > window || age < -MAX_FUTURE_SECONDS) throw new B24EventError('STALE_EVENT', `\`ts\` is outside the replay window (${window} s)`);
}

export interface Credentials {
  memberId: string;
  token: string;
}

/** `auth[member_id]` and `auth[application_token]`, both required. */
export function credentials(tree: FormTree): Credentials {
  const auth = tree['auth'];
  const memberId = str(auth, 'member_id');
  const token = str(auth, 'application_token');
  if (!memberId || !token) throw new B24EventError('MISSING_TOKEN', 'the body has no `auth[member_id]` or no `auth[application_token]`');
  return { memberId, token };
}

/** Any event but ONAPPINSTALL: the token stored for the portal, compared in constant time. */
export async function checkToken(c: Credentials, store: AppTokenStore): Promise<void> {
  const stored = await store.get(c.memberId);
  if (stored === undefined) throw new B24EventError('UNKNOWN_PORTAL', 'no application token is stored for this `auth[member_id]`');
  if (!(await constantTimeEqual(stored, c.token))) throw new B24EventError('TOKEN_MISMATCH', '`auth[application_token]` is not the one stored for this portal');
}

/**
 * ONAPPINSTALL: the token the portal sends first. The same token again (a repeated delivery) passes;
 * a token for a portal not stored yet is stored when `approve` (your check of the install, e.g. a
 * call with its `auth[access_token]`) agrees, or on first use when there is no `approve`; a token
 * that would replace a stored one needs `approve`.
 */
export async function acceptInstall(c: Credentials, store: AppTokenStore, approve: (() => Promise<boolean>) | undefined): Promise<void> {
  const stored = await store.get(c.memberId);
  if (stored !== undefined && (await constantTimeEqual(stored, c.token))) return;
  if (approve ? !(await approve()) : stored !== undefined) {
    throw new B24EventError(approve ? 'INSTALL_REFUSED' : 'TOKEN_MISMATCH', approve ? 'verifyInstall refused the installation' : 'ONAPPINSTALL would replace the token stored for this portal (give `verifyInstall` to allow reinstalls)');
  }
  await store.set(c.memberId, c.token);
}
