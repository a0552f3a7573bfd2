// The app's origin in the browser test: a node:http server on 127.0.0.1 serving the page, the app's
// modules from memory, and the part of the parent frame that BX24.js talks to (the token and its
// renewal). The page's BX24 is a stub shaped as sdk/bx24-js-sdk documents it: init, getAuth,
// refreshAuth, installFinish, getDomain, placement.info.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BX24AuthData } from '../../runtime/src/auth/frame.js';
import type { FakePortal } from '../fake-portal/server.js';

/** The BX24 stub: auth arrives from the "parent frame" (here the page server) before init's callbacks run. */
const BX24_STUB = `
window.__bx24 = { init: 0, getAuth: 0, refreshAuth: 0, installFinish: 0 };
window.BX24 = (() => {
  const stats = window.__bx24;
  let auth = null;
  const waiting = [];
  fetch('/parent/auth').then((r) => r.json()).then((a) => { auth = a; waiting.splice(0).forEach((f) => f()); });
  return {
    init(cb) { stats.init++; auth ? setTimeout(cb) : waiting.push(cb); },
    getAuth() { stats.getAuth++; return auth ? { ...auth } : false; },
    refreshAuth(cb) {
      stats.refreshAuth++;
      fetch('/parent/refresh', { method: 'POST' }).then((r) => r.json()).then((a) => { auth = a; cb({ ...a }); });
    },
    installFinish() { stats.installFinish++; },
    getDomain() { return auth && auth.domain; },
    placement: { info() { return PLACEMENT; } },
  };
})();
`;

export interface PageServer {
  url: string;
  /** URL paths requested, in order. */
  requests: string[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.html': 'text/html; charset=utf-8' };

/**
 * Serves `pages` (path → HTML, the BX24 stub put in where `<!--BX24-->` stands) and `files`. The
 * parent frame hands out the portal's current token; `/parent/auth` gives `initialToken` (which the
 * test may have expired on the portal), `/parent/refresh` the portal's current one.
 */
export async function startPage(o: {
  portal: FakePortal;
  initialToken: string;
  initialRefreshToken: string;
  placement: { placement: string; options: Record<string, string> };
  pages: Record<string, string>;
  files: Map<string, Uint8Array>;
}): Promise<PageServer> {
  const requests: string[] = [];
  const domain = new URL(o.portal.url).host;
  const auth = (access_token: string, refresh_token: string): BX24AuthData => ({ access_token, refresh_token, domain, member_id: 'member0test', expires_in: Date.now() + 3_600_000 });
  const stub = BX24_STUB.replace('PLACEMENT', JSON.stringify(o.placement));
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(path);
    const send = (type: string, body: string | Uint8Array) => (res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }), res.end(body));
    if (path === '/parent/auth') return send('application/json', JSON.stringify(auth(o.initialToken, o.initialRefreshToken)));
    if (path === '/parent/refresh') return send('application/json', JSON.stringify(auth(o.portal.accessToken, o.portal.refreshToken)));
    const page = o.pages[path];
    if (page !== undefined) return send(TYPES['.html']!, page.replace('<!--BX24-->', `<script>${stub}</script>`));
    const file = o.files.get(path);
    if (file) return send(TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream', file);
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}
