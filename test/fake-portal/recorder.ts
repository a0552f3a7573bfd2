// A second local server that records everything it receives: the target of a hostile portal's
// redirects. A client that follows no redirects leaves `requests` empty. Answers like a portal
// would (`{"result":"from-elsewhere"}`), so a followed redirect would look like a success.
import { createServer, type Server } from 'node:http';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Recorded {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export class Recorder {
  url = '';
  readonly requests: Recorded[] = [];
  private sockets = new Set<Socket>();
  private constructor(private server: Server) {}

  static async start(host = '127.0.0.1'): Promise<Recorder> {
    const r: Recorder = new Recorder(
      createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          r.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(req.url?.startsWith('/oauth/')
            ? JSON.stringify({ access_token: 'elsewhere0access0token', refresh_token: 'elsewhere0refresh0token', expires_in: 3600 })
            : JSON.stringify({ result: 'from-elsewhere', time: { start: 0 } }));
        });
      }),
    );
    r.server.on('connection', (s) => (r.sockets.add(s), s.on('close', () => r.sockets.delete(s))));
    await new Promise<void>((ok) => r.server.listen(0, host, ok));
    r.url = `http://${host}:${(r.server.address() as AddressInfo).port}`;
    return r;
  }
  /** Everything received, as one string (to search for secrets). */
  get dump(): string {
    return JSON.stringify(this.requests);
  }
  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((ok) => this.server.close(() => ok()));
  }
}

/**
 * TLS in front of a plain local server (a portal on https://127.0.0.1:port): a self-signed
 * certificate made with openssl for this run. The client must be told to accept it (the caller
 * sets NODE_TLS_REJECT_UNAUTHORIZED for the test).
 */
export async function tlsFront(target: string): Promise<{ url: string; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'b24-tls-'));
  let server: TlsServer;
  const open = new Set<Socket>();
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
    const port = Number(new URL(target).port);
    server = createTlsServer({ key: readFileSync(join(dir, 'k.pem')), cert: readFileSync(join(dir, 'c.pem')) }, (tls) => {
      const plain = connect(port, '127.0.0.1');
      open.add(tls).add(plain);
      tls.pipe(plain).pipe(tls);
      const end = () => (tls.destroy(), plain.destroy());
      tls.on('error', end).on('close', end);
      plain.on('error', end).on('close', end);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((ok) => (open.forEach((s) => s.destroy()), server.close(() => ok()))),
  };
}
