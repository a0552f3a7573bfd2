/**
 * A mock Bitrix24 portal from the OpenAPI document: Prism (`@stoplight/prism-cli mock`) answers each
 * operation with the docs' response example (or one generated from the schema), behind a small
 * front that maps the portal's URLs onto the document's paths. Prism ignores the path of the
 * `servers` by design (its FAQ), while a webhook client calls `/rest/{userId}/{code}/{method}` and an
 * OAuth app `/rest/{method}`: the front strips that prefix (and a `.json` suffix) and passes the rest on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface MockPortal {
  /** The incoming-webhook URL to give a client: `http://127.0.0.1:PORT/rest/1/mock/`. */
  webhookUrl: string;
  /** The portal address for an OAuth client (`http://127.0.0.1:PORT`). */
  origin: string;
  /** From spawning Prism until it listened, in ms. */
  startupMs: number;
  close(): Promise<void>;
}

export interface MockPortalOptions {
  /** The OpenAPI document; default `generated/openapi.json`. */
  document?: string;
  /** Port of the front (0: any free port). */
  port?: number;
  host?: string;
  /** Prism's output lines (its request log), for debugging. */
  log?: (line: string) => void;
}

/** A port nobody listens on now (Prism takes a port number, not 0). */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function startPrism(document: string, host: string, port: number, log?: (line: string) => void): Promise<ChildProcess> {
  const bin = join(PROJECT_ROOT, 'node_modules/.bin/prism');
  const child = spawn(bin, ['mock', document, '-h', host, '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      for (const line of text.split('\n')) if (line.trim()) log?.(line);
      seen = (seen + text).slice(-4000);
      if (/Prism is listening on/.test(seen)) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`prism exited with code ${code} before listening: ${seen.slice(-500)}`)));
  });
}

/** `/rest/1/abc/crm.deal.get.json?x` → `/crm.deal.get?x`; null for other paths. */
export function documentPath(url: string): string | null {
  const m = /^\/rest\/(?:\d+\/[^/?#]+\/)?([A-Za-z0-9_.]+?)(?:\.json)?(\?.*)?$/.exec(url);
  return m ? `/${m[1]}${m[2] ?? ''}` : null;
}

function startFront(host: string, port: number, prismPort: number): Promise<Server> {
  const server = createServer((req, res) => {
    const path = documentPath(req.url ?? '');
    if (!path) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Not a REST v2 method URL (/rest/{userId}/{code}/{method} or /rest/{method})' }));
      return;
    }
    const upstream = request({ host, port: prismPort, method: req.method, path, headers: { ...req.headers, host: `${host}:${prismPort}` } }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    upstream.on('error', (e) => res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'MOCK_UNAVAILABLE', error_description: e.message })));
    req.pipe(upstream);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

export async function startMockPortal(o: MockPortalOptions = {}): Promise<MockPortal> {
  const host = o.host ?? '127.0.0.1';
  const document = o.document ?? join(PROJECT_ROOT, 'generated/openapi.json');
  const prismPort = await freePort(host);
  const t0 = performance.now();
  const prism = await startPrism(document, host, prismPort, o.log);
  const startupMs = performance.now() - t0;
  let front: Server;
  try {
    front = await startFront(host, o.port ?? 0, prismPort);
  } catch (e) {
    prism.kill();
    throw e;
  }
  const origin = `http://${host}:${(front.address() as AddressInfo).port}`;
  return {
    webhookUrl: `${origin}/rest/1/mock/`,
    origin,
    startupMs,
    close: () =>
      new Promise<void>((resolve) => {
        front.closeAllConnections();
        front.close(() => {
          if (prism.exitCode !== null) return resolve();
          prism.once('exit', () => resolve());
          prism.kill();
        });
      }),
  };
}
