// Receiving deliveries: parse, verify, answer 200 at once, then run the app's handler (the portal
// lowers the delivery rate to a slow handler, and does not resend a failed delivery). Handler errors
// go to `onError`; nothing is dropped silently. For fetch (Node 20+, Deno, Bun, edge runtimes) and
// node:http / Express-style middleware.
import { B24EventError } from './event-error.js';
import { bodyTree, eventKeys, isRequest, readRequest, treeEvent, type B24Event, type EventBody, type EventSpecs, type ParseLimits } from './parse-event.js';
import { DEFAULT_MAX_BYTES } from './form-body.js';
import type { FormTree } from './php-keys.js';
import { acceptInstall, checkTimestamp, checkToken, credentials, type VerifyOptions } from './verify.js';

export type EventHandlers<E> = { [K in keyof E & string]?: (event: B24Event<E, K>) => unknown };

export interface EventErrorInfo {
  /** `receive`: the delivery was refused (a B24EventError) or could not be checked; `handle`: a handler threw. */
  phase: 'receive' | 'handle';
  /** The event's key, when known. */
  event?: string;
}

export interface EventReceiverOptions<E> extends VerifyOptions {
  specs: EventSpecs<E>;
  /** A handler per event name (the map's keys). */
  handlers?: EventHandlers<E>;
  /** Every verified event, after its handler in `handlers` (if any). */
  onEvent?: (event: B24Event<E>) => unknown;
  /** Refused deliveries and handler errors (default: console.error with the code, never a token). */
  onError?: (error: unknown, info: EventErrorInfo) => void;
  /**
   * ONAPPINSTALL of a portal: resolve true to store its token. Without it the first install of a
   * portal is trusted and a later one that would replace the token is refused.
   */
  verifyInstall?: (event: B24Event<E>) => boolean | Promise<boolean>;
  limits?: ParseLimits;
}

/** What the middleware needs of node:http's IncomingMessage (or Express's Request). */
export interface NodeRequestLike extends AsyncIterable<Uint8Array | string> {
  method?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  /** Set by body parsers: a string or bytes is read; an object means the body was already parsed. */
  body?: unknown;
}

/** What the middleware needs of node:http's ServerResponse (or Express's Response). */
export interface NodeResponseLike {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body?: string): unknown;
}

export interface EventReceiver<E> {
  /** Parse and verify a delivery (storing or deleting the token on install and uninstall); runs no handler. */
  receive(body: Request | EventBody): Promise<B24Event<E>>;
  /** `(req) => Response`: 200 once verified, then the handlers; `ctx.waitUntil` (edge runtimes) keeps them alive. */
  fetch: (req: Request, ctx?: { waitUntil?(promise: Promise<unknown>): void }) => Promise<Response>;
  /** node:http `(req, res)` or Express `(req, res, next)`: not a POST goes to `next` (else 405). */
  middleware: (req: NodeRequestLike, res: NodeResponseLike, next?: (error?: unknown) => void) => Promise<void>;
  /** Resolves when every handler started so far has settled (tests, graceful shutdown). */
  idle(): Promise<void>;
}

const INSTALL = 'ONAPPINSTALL';
const UNINSTALL = 'ONAPPUNINSTALL';
const encoder = new TextEncoder();

function defaultOnError(error: unknown, info: EventErrorInfo): void {
  const what = error instanceof B24EventError ? error.message : error;
  console.error(`[b24 events] ${info.phase === 'receive' ? 'delivery refused' : 'handler failed'}${info.event ? ` (${info.event})` : ''}:`, what);
}

/** The answer to a refused delivery: its status, a generic word (the code goes to onError only). */
function refusal(error: unknown): { status: number; text: string } {
  const status = error instanceof B24EventError ? error.status : 500;
  return { status, text: status === 401 ? 'unauthorized' : status === 413 ? 'payload too large' : status === 415 ? 'unsupported media type' : status === 400 ? 'bad request' : 'error' };
}

/** The body of a node request: what a body parser left (string or bytes), else the stream, up to maxBytes. */
async function readNode(req: NodeRequestLike, limits: ParseLimits): Promise<EventBody> {
  const parsed = req.body;
  if (typeof parsed === 'string' || parsed instanceof Uint8Array || parsed instanceof URLSearchParams) return parsed;
  // Express 4 body parsers leave `{}` when they skip a body; anything else means the stream is spent.
  if (parsed !== undefined && parsed !== null && (typeof parsed !== 'object' || Object.keys(parsed).length > 0)) {
    throw new B24EventError('BODY_ALREADY_PARSED', 'a body parser read the body first: mount the receiver before it, or use express.raw({ type: "application/x-www-form-urlencoded" })');
  }
  const type = req.headers['content-type'];
  if (typeof type === 'string' && !/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) throw new B24EventError('UNSUPPORTED_MEDIA_TYPE', 'the body is not application/x-www-form-urlencoded');
  const max = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  if (Number(req.headers['content-length'] ?? 0) > max) throw new B24EventError('BODY_TOO_LARGE', `the body has more than ${max} bytes`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of req) {
    const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
    size += bytes.length;
    if (size > max) throw new B24EventError('BODY_TOO_LARGE', `the body has more than ${max} bytes`);
    chunks.push(bytes);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) (out.set(c, at), (at += c.length));
  return out;
}

/**
 * A receiver of the events of the map `E` (the generated package binds `B24Events` and its specs:
 * `createEventReceiver` of `@b24gen/client`). See the module comment and runtime/README.md.
 */
export function createEventReceiver<E>(options: EventReceiverOptions<E>): EventReceiver<E> {
  const keyOf = eventKeys(options.specs);
  const limits = options.limits ?? {};
  const pending = new Set<Promise<void>>();
  const report = (error: unknown, info: EventErrorInfo) => {
    try {
      (options.onError ?? defaultOnError)(error, info);
    } catch {
      // An onError that throws must not take the receiver down; there is nowhere else to report.
    }
  };

  async function verified(tree: FormTree): Promise<B24Event<E>> {
    const key = keyOf(tree['event']);
    checkTimestamp(tree, options);
    const c = credentials(tree);
    const event = treeEvent(options.specs, key, tree);
    const name = key.toUpperCase();
    if (name === INSTALL) {
      const approve = options.verifyInstall;
      await acceptInstall(c, options.store, approve ? async () => (await approve(event)) === true : undefined);
    } else {
      await checkToken(c, options.store);
      if (name === UNINSTALL) await options.store.delete(c.memberId);
    }
    return event;
  }

  async function receive(body: Request | EventBody): Promise<B24Event<E>> {
    const bytes = isRequest(body) ? await readRequest(body, limits) : body;
    return verified(bodyTree(bytes, limits));
  }

  /** Runs the handlers on a later task, so the answer goes out first. */
  function dispatch(event: B24Event<E>): Promise<void> {
    const key = (event as { event: keyof E & string }).event;
    const run = async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      const handler = options.handlers?.[key] as ((e: B24Event<E>) => unknown) | undefined;
      for (const fn of [handler, options.onEvent]) {
        if (!fn) continue;
        try {
          await fn(event);
        } catch (error) {
          report(error, { phase: 'handle', event: key });
        }
      }
    };
    const p = run().finally(() => pending.delete(p));
    pending.add(p);
    return p;
  }

  const fetch = async (req: Request, ctx?: { waitUntil?(promise: Promise<unknown>): void }): Promise<Response> => {
    if (req.method !== 'POST') return new Response('method not allowed', { status: 405, headers: { allow: 'POST' } });
    let event: B24Event<E>;
    try {
      event = await receive(req);
    } catch (error) {
      report(error, { phase: 'receive' });
      const r = refusal(error);
      return new Response(r.text, { status: r.status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    }
    const done = dispatch(event);
    ctx?.waitUntil?.(done);
    return new Response('ok', { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  };

  const middleware = async (req: NodeRequestLike, res: NodeResponseLike, next?: (error?: unknown) => void): Promise<void> => {
    if (req.method !== 'POST') {
      if (next) return next();
      res.statusCode = 405;
      res.setHeader('allow', 'POST');
      res.end('method not allowed');
      return;
    }
    let event: B24Event<E>;
    try {
      event = await receive(await readNode(req, limits));
    } catch (error) {
      report(error, { phase: 'receive' });
      const r = refusal(error);
      res.statusCode = r.status;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      // A body left unread (too large) is not drained: close the connection instead.
      if (r.status === 413) res.setHeader('connection', 'close');
      res.end(r.text);
      return;
    }
    res.statusCode = 200;
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    res.end('ok');
    void dispatch(event);
  };

  return {
    receive,
    fetch,
    middleware,
    idle: async () => {
      while (pending.size) await Promise.allSettled([...pending]);
    },
  };
}
