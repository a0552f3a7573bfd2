/**
 * `npm run bench:package`: the published packages as a consumer sees them (packed, installed into
 * an app under os.tmpdir(); see test/package/consumer.ts). Prints, without asserting:
 * - tsc time of a strict app importing 10 methods against the built declarations (goal ≤ 1 s),
 *   through the root entry and through the per-method subpath exports, for nodenext and bundler,
 *   with and without skipLibCheck, next to tsc on an empty file (its start-up and lib.dom cost);
 * - gzip size of createClient + one binding bundled for the browser from the built package (goal ≤ 8 KB);
 * - the tarball sizes, and how long pack (builds included) and install take.
 * `KEEP_APP=1` keeps the app folder.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserBundle, createApp, packWorkspaces, tsc, tsconfigName, type Resolution } from '../test/package/consumer.js';

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const kb = (n: number) => `${n} B (${(n / 1024).toFixed(2)} KB)`;
const RUNS = Number(process.env.RUNS ?? 3);

const packDir = mkdtempSync(join(tmpdir(), 'b24gen-packs-'));
const packed = await packWorkspaces(packDir);
console.log(`npm pack of both (prepack builds with tsc): ${s(packed.ms)}`);
console.log(`tarballs: @b24gen/runtime ${kb(statSync(packed.runtime).size)}, @b24gen/client ${kb(statSync(packed.client).size)}`);
const app = await createApp(packed);
console.log(`npm install of both tarballs into ${app.dir}: ${s(app.install.ms)}`);

try {
  writeFileSync(join(app.dir, 'empty.ts'), 'export const x: number = 1;\n');
  writeFileSync(join(app.dir, 'tsconfig.empty.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM'], types: [], strict: true, noEmit: true, skipLibCheck: true }, files: ['empty.ts'] }));

  /** Best of RUNS: wall time of the tsc process, and tsc's own total (parse + bind + check). */
  const best = async (config: string) => {
    let wall = Infinity, total = Infinity, files = 0;
    for (let i = 0; i < RUNS; i++) {
      const r = await tsc(app.dir, config);
      if (r.code !== 0) throw new Error(`tsc -p ${config} failed:\n${r.stdout}${r.stderr}`);
      wall = Math.min(wall, r.ms);
      total = Math.min(total, r.totalTime * 1000);
      files = r.files;
    }
    return { wall, total, files };
  };

  console.log(`\ntsc --strict --noEmit, an app importing 10 methods + createClient (best of ${RUNS}; goal ≤ 1 s):`);
  const empty = await best('tsconfig.empty.json');
  console.log(`  baseline, an empty file (tsc start-up, lib.es2022 + lib.dom): ${s(empty.wall)} wall, tsc total ${s(empty.total)}`);
  for (const resolution of ['nodenext', 'bundler'] as Resolution[]) {
    for (const from of ['subpath', 'root'] as const) {
      for (const skip of [true, false]) {
        const r = await best(tsconfigName(resolution, from, skip));
        const what = from === 'root' ? "from '@b24gen/client'" : "from '@b24gen/client/methods/…' + createClient of '@b24gen/runtime'";
        console.log(`  ${resolution.padEnd(8)} ${what}, skipLibCheck ${skip}: ${s(r.wall)} wall, tsc total ${s(r.total)}, ${r.files} files`);
      }
    }
  }

  const b = await browserBundle(app.dir);
  console.log(`\nbrowser bundle (esbuild, minified, ESM, splitting) of createClient + bizprocActivityLog from the built package:`);
  console.log(`  initial: minified ${kb(b.min)}, gzip ${kb(b.gz)}  goal ≤ 8 KB gzip: ${b.gz <= 8192 ? 'OK' : 'OVER'}`);
  console.log(`  lazy chunks (registry, batch, pagination, OAuth refresh): gzip ${kb(b.lazyGz)}`);
} finally {
  if (!process.env.KEEP_APP) app.remove();
  rmSync(packDir, { recursive: true, force: true });
}
