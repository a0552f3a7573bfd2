/**
 * The receiver: verification (application_token by auth[member_id], constant time), the replay
 * window on `ts`, the install/uninstall flow, handlers after the answer with errors to onError; the
 * fetch handler and the node:http middleware each on a real server on 127.0.0.1; bind/unbind.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { constantTimeEqual, type B24EventError } from '@b24gen/runtime/events';
import type { B24Invoker, MethodMeta } from '@b24gen/runtime';
import { bindEvent, createEventReceiver, MemoryAppTokenStore, unbindEvent, type B24Event, type EventErrorInfo } from '../../generated/index.js';
import { httpBuildQuery } from './php-form.js';

const NOW = 1_766_047_124_000;
const TOKEN = 'jvh9y1ulvt2m6k5or90v9mg8nn32ozas';
const MEMBER = 'd897063e1ce7c5eb9f04b9751eef5915';

function body(event: string, opts: { token?: string; member?: string; ts?: number | null; data?: Record<string, unknown> } = {}): string {
  const auth = { domain: 'portal.bitrix24.com', member_id: opts.member ?? MEMBER, application_token: opts.token ?? TOKEN, access_token: 'secret-access' };
  return httpBuildQuery({ event, data: opts.data ?? { FIELDS: { ID: '7405' } }, ...(opts.ts === null ? {} : { ts: String(opts.ts ?? NOW / 1000) }), auth });
}

function setup(options: Partial<Parameters<typeof createEventReceiver>[0]> = {}) {
  const store = new MemoryAppTokenStore();
  const handled: B24Event[] = [];
  const errors: Array<{ error: unknown; info: EventErrorInfo }> = [];
  const receiver = createEventReceiver({
    store,
    now: () => NOW,
    handlers: { ONCRMDEALADD: (e) => void handled.push(e) },
    onError: (error, info) => void errors.push({ error, info }),
    ...options,
  });
  const codes = () => errors.map((e) => (e.error as B24EventError).code ?? String(e.error));
  return { store, handled, errors, codes, receiver };
}

const post = (text: string, type = 'application/x-www-form-urlencoded') => new Request('http://127.0.0.1/b24', { method: 'POST', body: text, headers: { 'content-type': type } });

describe('verification', () => {
  it('install stores the token; events with it pass, with another or none do not; the token never shows', async () => {
    const { store, handled, codes, errors, receiver } = setup();
    expect((await receiver.fetch(post(body('ONCRMDEALADD')))).status).toBe(401); // before install: unknown portal
    expect((await receiver.fetch(post(body('ONAPPINSTALL', { data: { VERSION: '1' } })))).status).toBe(200);
    expect(await store.get(MEMBER)).toBe(TOKEN);
    expect((await receiver.fetch(post(body('onCrmDealAdd'))) ).status).toBe(200);
    expect((await receiver.fetch(post(body('ONCRMDEALADD', { token: 'x'.repeat(32) })))).status).toBe(401);
    expect((await receiver.fetch(post(body('ONCRMDEALADD', { token: '' })))).status).toBe(401);
    expect((await receiver.fetch(post(body('ONCRMDEALADD', { member: 'other' })))).status).toBe(401);
    await receiver.idle();
    expect(handled).toHaveLength(1);
    expect(handled[0]).toMatchObject({ event: 'ONCRMDEALADD', data: { FIELDS: { ID: '7405' } } });
    expect(codes()).toEqual(['UNKNOWN_PORTAL', 'TOKEN_MISMATCH', 'MISSING_TOKEN', 'UNKNOWN_PORTAL']);
    for (const { error } of errors) {
      for (const shown of [String(error), JSON.stringify(error), inspect(error), (error as Error).stack ?? '']) expect(shown).not.toContain(TOKEN);
    }
    // The verified event keeps its tokens readable, but out of JSON and inspection.
    expect(handled[0]!.auth?.application_token).toBe(TOKEN);
    expect(handled[0]!.auth?.access_token).toBe('secret-access');
    expect(JSON.stringify(handled[0])).not.toMatch(/secret-access|jvh9y1/);
    expect(inspect(handled[0], { depth: 9 })).not.toMatch(/secret-access|jvh9y1/);
    expect(inspect(store) + JSON.stringify(store)).not.toContain(TOKEN);
  });

  it('a reinstall may not replace a stored token unless verifyInstall approves; the same token again passes', async () => {
    const { store, codes, receiver } = setup();
    await receiver.receive(body('ONAPPINSTALL'));
    await expect(receiver.receive(body('ONAPPINSTALL'))).resolves.toMatchObject({ event: 'ONAPPINSTALL' });
    await expect(receiver.receive(body('ONAPPINSTALL', { token: 'new-token' }))).rejects.toMatchObject({ code: 'TOKEN_MISMATCH' });
    expect(await store.get(MEMBER)).toBe(TOKEN);
    const approving = setup({ verifyInstall: (e) => e.event === 'ONAPPINSTALL' && e.auth?.access_token === 'secret-access' });
    await approving.store.set(MEMBER, TOKEN);
    await approving.receiver.receive(body('ONAPPINSTALL', { token: 'new-token' }));
    expect(await approving.store.get(MEMBER)).toBe('new-token');
    const refusing = setup({ verifyInstall: async () => false });
    await expect(refusing.receiver.receive(body('ONAPPINSTALL'))).rejects.toMatchObject({ code: 'INSTALL_REFUSED' });
    expect(await refusing.store.get(MEMBER)).toBeUndefined();
    expect(codes()).toEqual([]);
  });

  it('uninstall verifies, then deletes the token: later deliveries are refused', async () => {
    const { store, receiver } = setup();
    await receiver.receive(body('ONAPPINSTALL'));
    await expect(receiver.receive(body('ONAPPUNINSTALL', { token: 'forged' }))).rejects.toMatchObject({ code: 'TOKEN_MISMATCH' });
    expect(await store.get(MEMBER)).toBe(TOKEN);
    await expect(receiver.receive(body('ONAPPUNINSTALL', { data: { LANGUAGE_ID: 'de', CLEAN: 1 } }))).resolves.toMatchObject({ event: 'ONAPPUNINSTALL', data: { CLEAN: 1 } });
    expect(await store.get(MEMBER)).toBeUndefined();
    await expect(receiver.receive(body('ONCRMDEALADD'))).rejects.toMatchObject({ code: 'UNKNOWN_PORTAL' });
  });

  it('the replay window on ts: too old, too far ahead, missing; configurable, or off', async () => {
    const { store, receiver } = setup();
    await store.set(MEMBER, TOKEN);
    await expect(receiver.receive(body('ONCRMDEALADD', { ts: NOW / 1000 - 601 }))).rejects.toMatchObject({ code: 'STALE_EVENT' });
    await expect(receiver.receive(body('ONCRMDEALADD', { ts: NOW / 1000 - 599 }))).resolves.toBeTruthy();
    await expect(receiver.receive(body('ONCRMDEALADD', { ts: NOW / 1000 + 61 }))).rejects.toMatchObject({ code: 'STALE_EVENT' });
    await expect(receiver.receive(body('ONCRMDEALADD', { ts: null }))).rejects.toMatchObject({ code: 'BAD_TIMESTAMP' });
    const narrow = setup({ replayWindowSeconds: 30 });
    await narrow.store.set(MEMBER, TOKEN);
    await expect(narrow.receiver.receive(body('ONCRMDEALADD', { ts: NOW / 1000 - 31 }))).rejects.toMatchObject({ code: 'STALE_EVENT' });
    const off = setup({ replayWindowSeconds: false });
    await off.store.set(MEMBER, TOKEN);
    await expect(off.receiver.receive(body('ONCRMDEALADD', { ts: 1 }))).resolves.toBeTruthy();
  });

  it('constant-time comparison: equal only when equal, any length', async () => {
    expect(await constantTimeEqual(TOKEN, TOKEN)).toBe(true);
    expect(await constantTimeEqual(TOKEN, TOKEN.slice(0, -1))).toBe(false);
    expect(await constantTimeEqual(TOKEN, `${TOKEN}x`)).toBe(false);
    expect(await constantTimeEqual('', '')).toBe(true);
    expect(await constantTimeEqual('Я', 'я')).toBe(false);
  });
});

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/b24`;
}

/** node:http → fetch's Request and back: how a fetch-style handler is served on Node. */
function fetchAdapter(handle: (req: Request) => Promise<Response>) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const headers = new Headers(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v] as [string, string]] : [])));
    const request = new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body: req.method === 'POST' ? (req as unknown as ReadableStream) : null, duplex: 'half' } as RequestInit);
    void handle(request).then(async (r) => {
      res.writeHead(r.status, Object.fromEntries(r.headers));
      res.end(Buffer.from(await r.arrayBuffer()));
    });
  };
}

const send = (url: string, text: string, init: RequestInit = {}) => fetch(url, { method: 'POST', body: text, headers: { 'content-type': 'application/x-www-form-urlencoded' }, ...init });

describe.each([
  ['fetch handler', (r: ReturnType<typeof setup>['receiver']) => fetchAdapter(r.fetch)],
  ['node:http middleware', (r: ReturnType<typeof setup>['receiver']) => (req: IncomingMessage, res: ServerResponse) => void r.middleware(req, res)],
])('%s on a real server', (_name, serve) => {
  it('answers 200 before the handler runs; the handler runs after; its errors reach onError', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const order: string[] = [];
    const { store, errors, receiver } = setup({
      handlers: {
        ONCRMDEALADD: async (e) => {
          await gate;
          order.push(`handled ${e.data?.FIELDS?.ID}`);
          throw new Error('handler broke');
        },
      },
    });
    await store.set(MEMBER, TOKEN);
    const url = await listen(serve(receiver));
    const res = await send(url, body('ONCRMDEALADD'));
    order.push(`answered ${res.status}`);
    expect(await res.text()).toBe('ok');
    open();
    await receiver.idle();
    expect(order).toEqual(['answered 200', 'handled 7405']);
    expect(errors).toEqual([{ error: new Error('handler broke'), info: { phase: 'handle', event: 'ONCRMDEALADD' } }]);
  });

  it('refuses forged, malformed, oversized and non-form deliveries with the status that fits', async () => {
    const { store, handled, codes, receiver } = setup({ limits: { maxBytes: 64 * 1024 } });
    await store.set(MEMBER, TOKEN);
    const url = await listen(serve(receiver));
    expect((await send(url, body('ONCRMDEALADD', { token: 'forged' }))).status).toBe(401);
    expect((await send(url, 'event=ONCRMDEALADD&data[__proto__][x]=1')).status).toBe(400);
    expect((await send(url, `event=ONCRMDEALADD&a${'[b]'.repeat(10_000)}=1`)).status).toBe(400);
    expect((await send(url, 'event=ONCRMDEALADD&data[X]=%FF')).status).toBe(400);
    expect((await send(url, `event=ONCRMDEALADD&data[X]=${'a'.repeat(200_000)}`)).status).toBe(413);
    expect((await send(url, '{}', { headers: { 'content-type': 'application/json' } })).status).toBe(415);
    expect((await fetch(url)).status).toBe(405);
    await receiver.idle();
    expect(handled).toEqual([]);
    expect(codes()).toEqual(['TOKEN_MISMATCH', 'FORBIDDEN_KEY', 'TOO_DEEP', 'INVALID_UTF8', 'BODY_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE']);
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });
});

describe('middleware as Express uses it', () => {
  const res = () => ({ statusCode: 0, headers: {} as Record<string, string>, text: '', setHeader(n: string, v: string) { this.headers[n] = v; }, end(t?: string) { this.text = t ?? ''; } });
  const req = (extra: Record<string, unknown>) => Object.assign((async function* () {})(), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, ...extra });

  it('passes what is not a POST to next(); reads a body a raw/text parser left; refuses one already parsed', async () => {
    const { store, errors, receiver } = setup();
    await store.set(MEMBER, TOKEN);
    const next = vi.fn();
    await receiver.middleware(req({ method: 'GET' }), res(), next);
    expect(next).toHaveBeenCalledOnce();
    const r1 = res();
    await receiver.middleware(req({ body: Buffer.from(body('ONCRMDEALADD')) }), r1);
    expect(r1.statusCode).toBe(200);
    const r2 = res();
    await receiver.middleware(req({ body: body('ONCRMDEALADD') }), r2);
    expect(r2.statusCode).toBe(200);
    const r3 = res();
    await receiver.middleware(req({ body: { event: 'ONCRMDEALADD' } }), r3);
    expect(r3.statusCode).toBe(500);
    expect((errors[0]?.error as B24EventError).code).toBe('BODY_ALREADY_PARSED');
    await receiver.idle();
  });

  it('without onError, a handler error is logged (never lost), without the token', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const store = new MemoryAppTokenStore({ [MEMBER]: TOKEN });
      const receiver = createEventReceiver({ store, now: () => NOW, handlers: { ONCRMDEALADD: () => { throw new Error('boom'); } } });
      await receiver.receive(body('ONCRMDEALADD', { token: 'wrong' })).catch(() => undefined);
      const r = res();
      await receiver.middleware(req({ body: body('ONCRMDEALADD') }), r);
      await receiver.idle();
      expect(r.statusCode).toBe(200);
      expect(log).toHaveBeenCalledWith('[b24 events] handler failed (ONCRMDEALADD):', new Error('boom'));
      expect(inspect(log.mock.calls)).not.toContain(TOKEN);
    } finally {
      log.mockRestore();
    }
  });
});

describe('bindEvent / unbindEvent', () => {
  it('call event.bind / event.unbind with the name, typed by B24EventBindName', async () => {
    const calls: Array<{ meta: MethodMeta; params: unknown }> = [];
    const client: B24Invoker = { invoke: async (meta, params) => (calls.push({ meta, params }), meta.method === 'event.bind' ? true : { count: 1 }) };
    await expect(bindEvent(client, 'ONCRMDEALADD', 'https://example.com/b24', { authType: 1 })).resolves.toBe(true);
    await expect(bindEvent(client, 'onCrmDealUpdate', 'https://example.com/b24')).resolves.toBe(true);
    await expect(unbindEvent(client, 'ONCRMDEALADD', 'https://example.com/b24')).resolves.toBe(1);
    expect(calls).toEqual([
      { meta: { method: 'event.bind', apiVersion: 2, kind: 'write' }, params: { event: 'ONCRMDEALADD', handler: 'https://example.com/b24', auth_type: 1 } },
      { meta: { method: 'event.bind', apiVersion: 2, kind: 'write' }, params: { event: 'onCrmDealUpdate', handler: 'https://example.com/b24' } },
      { meta: { method: 'event.unbind', apiVersion: 2, kind: 'write' }, params: { event: 'ONCRMDEALADD', handler: 'https://example.com/b24' } },
    ]);
    // @ts-expect-error: a misspelt event name does not compile
    await bindEvent(client, 'ONCRMDEALADDD', 'https://example.com/b24');
  });
});
