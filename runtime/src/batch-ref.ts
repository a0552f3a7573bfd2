// Explicit references between batch commands. The portal substitutes `$result[...]` (v2) and
// `{ $ref }` / `{ $refArray }` (REST 3.0) wherever they appear in a command, so a reference must be
// something user data cannot be: an object branded with a registered symbol (batch.ts, loaded
// lazily, recognises it by `Symbol.for` without importing this module).
/** The brand of a batch reference (exported for the declaration of {@link BatchRef}). */
export const BATCH_REF: unique symbol = Symbol.for('b24gen.batchRef') as never;
const BRAND = BATCH_REF;

/** A reference to an earlier command's result, made by {@link batchRef} or {@link batchRefArray}. */
export interface BatchRef {
  readonly [BATCH_REF]: { readonly command: string; readonly path: readonly string[]; readonly array?: boolean };
}

const SEGMENT = /^[A-Za-z0-9_.\-]+$/; // travels unencoded inside a command: no `]`, `&`, `=`, `%`, `+`, space

function make(command: string, path: readonly (string | number)[], array?: boolean): BatchRef {
  const parts = [command, ...path].map(String);
  for (const p of parts)
    if (!SEGMENT.test(p) || p.length > 100) throw new TypeError(`batch reference: ${JSON.stringify(p.slice(0, 40))} is not a valid command name or path segment (letters, digits, '_', '.', '-')`);
  return Object.freeze({ [BRAND]: Object.freeze({ command: parts[0]!, path: Object.freeze(parts.slice(1)), ...(array ? { array } : {}) }) }) as unknown as BatchRef;
}

/**
 * A reference to an earlier batch command's result, usable as any parameter value:
 * `batchRef('user', 'UF_DEPARTMENT', 0)` is `$result[user][UF_DEPARTMENT][0]` in a v2 batch and
 * `{ $ref: 'user.UF_DEPARTMENT.0' }` in a REST 3.0 batch.
 */
export const batchRef = (command: string, ...path: (string | number)[]): BatchRef => make(command, path);

/** REST 3.0 only: `field` collected across the `items` of an earlier command (`{ $refArray: 'command.field' }`). */
export const batchRefArray = (command: string, field: string): BatchRef => make(command, [field], true);
