// A real redis-server for the tests (Debian package; .ci/run installs it): 127.0.0.1, a free port,
// no persistence. `null` when the binary is missing.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export const redisBinary = (): string | null => {
  const r = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? 'redis-server' : null;
};

const freePort = () =>
  new Promise<number>((ok, no) => {
    const s = createServer().once('error', no);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });

export interface RedisServer { port: number; proc: ChildProcess; kill(): Promise<void> }

export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  await new Promise<void>((ok, no) => {
    const t = setTimeout(() => no(new Error(`redis-server did not start: ${out.slice(-500)}`)), 10_000);
    proc.stdout!.on('data', (d) => {
      out += d;
      if (/ready to accept connections/i.test(out)) (clearTimeout(t), ok());
    });
    proc.once('exit', (code) => (clearTimeout(t), no(new Error(`redis-server exited with ${code}: ${out.slice(-500)}`))));
  });
  const exited = new Promise<void>((r) => (proc.exitCode !== null ? r() : proc.once('exit', () => r())));
  return {
    port, proc,
    async kill() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exited;
    },
  };
}
