// Runs a small TypeScript script in a fresh Node process (tsx, the workspace sources): a process
// that has opened no connection yet, as an integration's new worker or serverless instance.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const script = (name: string) => fileURLToPath(new URL(name, import.meta.url));

export function startChild(file: string, config: unknown): { child: ChildProcess; lines: AsyncIterable<string>; done: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=b24gen-source', file, JSON.stringify(config)], {
    cwd: PROJECT_ROOT, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' },
  });
  let out = '', err = '';
  const waiting: ((l: string) => void)[] = [];
  const queued: string[] = [];
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    for (let i; (i = out.indexOf('\n')) >= 0; ) {
      const l = out.slice(0, i);
      out = out.slice(i + 1);
      const w = waiting.shift();
      if (w) w(l); else queued.push(l);
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const done = new Promise<string>((ok, no) =>
    child.on('exit', (code) => (code === 0 ? ok(err) : no(new Error(`${file} exited with ${code}: ${err.slice(-2000)}`)))),
  );
  const lines = {
    async *[Symbol.asyncIterator]() {
      for (;;) {
        const l = queued.shift() ?? (await Promise.race([new Promise<string>((r) => waiting.push(r)), done.then(() => undefined)]));
        if (l === undefined) return;
        yield l;
      }
    },
  };
  return { child, lines, done };
}

/** The next stdout line of a child that is JSON, parsed. */
export async function nextJson<T>(lines: AsyncIterable<string>): Promise<T> {
  for await (const l of lines) if (l.startsWith('{')) return JSON.parse(l) as T;
  throw new Error('the child ended without a result');
}
