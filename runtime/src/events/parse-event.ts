// A delivery (form body, URLSearchParams or a fetch Request) → one event of the map `E`, typed by
// its name. Generic: the generated package binds it to `B24Events` and its per-event wire specs.
import { B24EventError } from './event-error.js';
import { formPairs, DEFAULT_MAX_BYTES, DEFAULT_MAX_PAIRS, type FormLimits } from './form-body.js';
import { formTree, DEFAULT_MAX_DEPTH, type FormTree } from './php-keys.js';
import { applyWireSpec, type EventWireSpec } from './wire-spec.js';

/** Every event of the map `E` with the spec its form is read by (`null`: strings as they come). */
export type EventSpecs<E> = { readonly [K in keyof E]: EventWireSpec | null };

/** An event of `E` (of any, by default), discriminated by `event`: the map's key (`ONCRMDEALADD`). */
export type B24Event<E, K extends keyof E = keyof E> = K extends keyof E & string ? E[K] & { event: K } : never;

export interface ParseLimits extends FormLimits {
  /** `[…]` levels of one key (default 32). */
  maxDepth?: number;
}

export type EventBody = string | URLSearchParams | Uint8Array | ArrayBuffer;

/** `parseEvent`: a Request is read (asynchronously); a body already in memory is parsed at once. */
export interface EventParser<E> {
  (body: Request, limits?: ParseLimits): Promise<B24Event<E>>;
  (body: EventBody, limits?: ParseLimits): B24Event<E>;
}

const encoder = new TextEncoder();

export function isRequest(body: unknown): body is Request {
  return typeof body === 'object' && body !== null && typeof (body as Request).arrayBuffer === 'function' && 'headers' in body;
}

/** The pairs of a body in memory. */
function pairsOf(body: EventBody, limits: ParseLimits): Iterable<readonly [string, string]> {
  if (body instanceof URLSearchParams) {
    const pairs = [...body];
    const max = limits.maxPairs ?? DEFAULT_MAX_PAIRS;
    if (pairs.length > max) throw new B24EventError('TOO_MANY_KEYS', `the body has more than ${max} pairs`);
    return pairs;
  }
  const bytes = typeof body === 'string' ? encoder.encode(body) : body instanceof Uint8Array ? body : new Uint8Array(body);
  return formPairs(bytes, limits);
}

/** The body of a Request, refusing other media types and reading no more than `maxBytes`. */
export async function readRequest(req: Request, limits: ParseLimits = {}): Promise<Uint8Array> {
  const type = req.headers.get('content-type');
  if (type && !/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) throw new B24EventError('UNSUPPORTED_MEDIA_TYPE', 'the body is not application/x-www-form-urlencoded');
  const max = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  const tooLarge = () => new B24EventError('BODY_TOO_LARGE', `the body has more than ${max} bytes`);
  if (Number(req.headers.get('content-length') ?? 0) > max) throw tooLarge();
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) (out.set(c, at), (at += c.length));
  return out;
}

/** The tree of a body in memory (limits applied). */
export function bodyTree(body: EventBody, limits: ParseLimits = {}): FormTree {
  return formTree(pairsOf(body, limits), limits.maxDepth ?? DEFAULT_MAX_DEPTH);
}

/** Resolves the sent name (any case) to the map's key. */
export function eventKeys<E>(specs: EventSpecs<E>): (sent: unknown) => keyof E & string {
  const byUpper = new Map<string, keyof E & string>();
  for (const k of Object.keys(specs)) byUpper.set(k.toUpperCase(), k as keyof E & string);
  return (sent) => {
    if (typeof sent !== 'string' || !sent) throw new B24EventError('MISSING_EVENT', 'the body has no `event`');
    const key = byUpper.get(sent.toUpperCase());
    if (key === undefined) throw new B24EventError('UNKNOWN_EVENT', `no event is named "${sent.slice(0, 80)}"`);
    return key;
  };
}

/** The typed event of a tree whose name is resolved. */
export function treeEvent<E>(specs: EventSpecs<E>, key: keyof E & string, tree: FormTree): B24Event<E> {
  const payload = applyWireSpec(specs[key], tree);
  payload['event'] = key;
  return payload as B24Event<E>;
}

/**
 * `parseEvent` for the map `E`: PHP-style keys into nested objects (limits on size, pairs and
 * depth; `__proto__`/`constructor`/`prototype` refused; the last of duplicate keys wins; bytes that
 * are not UTF-8 refused), the event's wire spec applied, and `event` set to the map's key whatever
 * case it was sent in. Errors are {@link B24EventError}s. It does not verify: see `createEventReceiver`.
 */
export function eventParser<E>(specs: EventSpecs<E>): EventParser<E> {
  const keyOf = eventKeys(specs);
  const fromTree = (tree: FormTree) => treeEvent(specs, keyOf(tree['event']), tree);
  function parse(body: Request, limits?: ParseLimits): Promise<B24Event<E>>;
  function parse(body: EventBody, limits?: ParseLimits): B24Event<E>;
  function parse(body: Request | EventBody, limits: ParseLimits = {}): B24Event<E> | Promise<B24Event<E>> {
    if (isRequest(body)) return readRequest(body, limits).then((bytes) => fromTree(bodyTree(bytes, limits)));
    return fromTree(bodyTree(body, limits));
  }
  return parse;
}
