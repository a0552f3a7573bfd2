import type { AppTokenStore } from './token-store.js';

/**
 * The default {@link AppTokenStore}: a Map in this process. Tokens are lost on restart and not
 * shared between instances; use a persistent store (the Redis one, or your database) in production.
 */
export class MemoryAppTokenStore implements AppTokenStore {
  readonly #tokens = new Map<string, string>();

  /** Pre-filled: an outgoing webhook's token (no ONAPPINSTALL arrives for it) by `member_id`. */
  constructor(initial?: Iterable<readonly [memberId: string, applicationToken: string]> | Readonly<Record<string, string>>) {
    if (!initial) return;
    const entries = Symbol.iterator in initial ? initial : Object.entries(initial);
    for (const [memberId, token] of entries) this.#tokens.set(memberId, token);
  }

  async get(memberId: string): Promise<string | undefined> {
    return this.#tokens.get(memberId);
  }

  async set(memberId: string, applicationToken: string): Promise<void> {
    this.#tokens.set(memberId, applicationToken);
  }

  async delete(memberId: string): Promise<void> {
    this.#tokens.delete(memberId);
  }

  /** The token stays out of logs and JSON: only how many portals are known. */
  toJSON(): { portals: number } {
    return { portals: this.#tokens.size };
  }
}
