// Size check: a tiny browser app importing `createClient` + one binding, bundled with esbuild
// (minify, ESM, platform browser; temp files under .cache/) and gzipped, in two modes: with code
// splitting (what loads up front) and as one file without splitting (everything reachable, lazy
// imports included), next to the whole generated package. The sources are measured (the
// `b24gen-source` export condition), not a possibly stale dist/.
// Goal: the app ≤ 8 KB min+gzip in both modes.   Run: npm run size
import { build, type Metafile } from 'esbuild';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { bundleFrameApp } from '../test/browser/build.js';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const generatedEntry = join(root, 'generated/index.ts');
const binding = process.env.SIZE_BINDING ?? 'bizprocActivityLog';

/**
 * Bundles with code splitting, like an app's bundler would: `initial` counts the entry chunk plus
 * what it imports statically (what a page loads up front); `lazy` is what dynamic import()s
 * (batch, pagination, OAuth refresh) load on first use. Each file is gzipped on its own.
 * `splitting: false`: one file, dynamic imports inlined (a Node script or a worker bundled whole).
 */
async function bundle(contents: string, legalComments: 'eof' | 'none' = 'eof', splitting = true) {
  const dir = (mkdirSync(join(root, '.cache'), { recursive: true }), mkdtempSync(join(root, '.cache', 'size-')));
  try {
    const entry = join(dir, 'app.ts');
    writeFileSync(entry, contents);
    const r = await build({
      entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022', splitting,
      outdir: join(dir, 'out'), write: false, metafile: true, logLevel: 'error', absWorkingDir: root, legalComments,
      conditions: ['b24gen-source'], // the workspace packages' TypeScript sources, not their dist/
    });
    const size = new Map(r.outputFiles.map((f) => [relative(root, f.path), { min: f.contents.length, gz: gzipSync(f.contents, { level: 9 }).length }]));
    const outs = r.metafile.outputs;
    const eager = new Set<string>();
    const visit = (f: string) => {
      if (eager.has(f)) return;
      eager.add(f);
      for (const i of outs[f]?.imports ?? []) if (i.kind === 'import-statement') visit(i.path);
    };
    visit(Object.keys(outs).find((f) => outs[f]!.entryPoint === relative(root, entry))!); // lazy chunks have an entryPoint too
    const sum = (pick: (f: string) => boolean) =>
      [...size].filter(([f]) => pick(f) && !f.endsWith('.map')).reduce((a, [, x]) => ({ min: a.min + x.min, gz: a.gz + x.gz }), { min: 0, gz: 0 });
    const initial = sum((f) => eager.has(f));
    const lazy = sum((f) => !eager.has(f));
    // esbuild emits a chunk for every import() it finds, used or not: the registry's is one.
    const registryChunk = sum((f) => !eager.has(f) && Object.keys(outs[f]?.inputs ?? {}).some((i) => i.endsWith('generated/registry.ts')));
    return { ...initial, lazy, registryChunk, meta: r.metafile, eager };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Minified bytes per origin (ky vs runtime vs generated), from esbuild's metafile. */
function breakdown(meta: Metafile, eager: Set<string>): string {
  const by: Record<string, number> = {};
  for (const [name, out] of Object.entries(meta.outputs))
    if (eager.has(name))
    for (const [file, { bytesInOutput }] of Object.entries(out.inputs)) {
      const k = file.includes('node_modules/') ? 'dependencies' : file.includes('runtime/') ? 'runtime' : file.includes('generated/') ? 'generated' : 'app';
      by[k] = (by[k] ?? 0) + bytesInOutput;
    }
  return Object.entries(by).map(([k, v]) => `${k} ${v}`).join(', ');
}

const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;

/** The same app shape with a hand-written stub binding: measures the runtime alone. */
async function stubApp(splitting = true) {
  const dir = (mkdirSync(join(root, '.cache'), { recursive: true }), mkdtempSync(join(root, '.cache', 'size-')));
  try {
    writeFileSync(join(dir, 'binding.ts'),
      `import type { B24Invoker, CallOptions, MethodMeta } from '@b24gen/runtime';\n` +
      `export const bizprocActivityLogMeta: MethodMeta = { method: 'bizproc.activity.log', apiVersion: 2, kind: 'write' };\n` +
      `export function bizprocActivityLog(client: B24Invoker, params: { EVENT_TOKEN: string; LOG_MESSAGE: string }, options?: CallOptions): Promise<boolean> {\n` +
      `  return client.invoke(bizprocActivityLogMeta, params, options) as Promise<boolean>;\n}\n`);
    return await bundle(
      `import { createClient } from '@b24gen/runtime';\nimport { bizprocActivityLog } from ${JSON.stringify(join(dir, 'binding.ts'))};\n` +
        `const c = createClient({ webhookUrl: 'https://example.bitrix24.com/rest/1/x/' });\n` +
        `bizprocActivityLog(c, { EVENT_TOKEN: 't', LOG_MESSAGE: 'hi' }).then(console.log);\n`,
      'eof',
      splitting,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function topInputs(meta: Metafile, eager: Set<string>, n = 5): string {
  const all = Object.entries(meta.outputs).filter(([k]) => eager.has(k)).flatMap(([, o]) => Object.entries(o.inputs));
  return all.sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput).slice(0, n).map(([f, x]) => `${f.replace(/^.*?(generated|runtime|node_modules)\//, '$1/')} ${x.bytesInOutput}`).join(', ');
}

type Sized = Awaited<ReturnType<typeof bundle>>;
const GOAL = 8192;
const goal = (gz: number) => `  goal ≤ 8 KB gzip: ${gz <= GOAL ? 'OK' : 'OVER'}`;
const line = (name: string, r: Sized, withGoal = true) => {
  console.log(name);
  console.log(`  code-split, initial: minified ${r.min} B (${kb(r.min)}), gzip ${r.gz} B (${kb(r.gz)})${withGoal ? goal(r.gz) : ''}`);
  const reg = r.registryChunk.gz ? ` (of which the method registry, loaded only through loadMethodRegistry: gzip ${r.registryChunk.gz} B)` : '';
  console.log(`  code-split, lazy chunks (loaded on first use): minified ${r.lazy.min} B, gzip ${r.lazy.gz} B${reg}`);
  console.log(`  initial minified bytes by origin: ${breakdown(r.meta, r.eager)}`);
};
const oneFileLine = (r: Sized) => {
  console.log(`  one file, no code splitting: minified ${r.min} B (${kb(r.min)}), gzip ${r.gz} B (${kb(r.gz)})${goal(r.gz)}`);
  console.log(`  one file, largest inputs: ${topInputs(r.meta, r.eager)}`);
};

export interface SizeReport {
  /** createClient + a binding from generated/: the initial chunks of a code-split bundle, gzipped. */
  appGzip: number;
  /** The same app bundled as one file without code splitting, gzipped. */
  appOneFileGzip: number;
  runtimeAppGzip: number;
  runtimeAppOneFileGzip: number;
}

/** The app of `createClient` + a binding from generated/, code-split and as one file. */
export async function measureApp(fn = binding) {
  const appSource =
    `import { createClient, ${fn} } from ${JSON.stringify(generatedEntry)};\n` +
    `const c = createClient({ webhookUrl: 'https://example.bitrix24.com/rest/1/x/' });\n` +
    `${fn}(c, {} as never).then(console.log);\n`;
  const split = await bundle(appSource);
  const one = await bundle(appSource, 'eof', false);
  const inputs = (r: Sized) => Object.values(r.meta.outputs).flatMap((o) => Object.keys(o.inputs));
  return { split, one, registryInOneFile: inputs(one).some((f) => f.endsWith('generated/registry.ts')) };
}

export async function runSize(): Promise<SizeReport> {
  const stub = await stubApp();
  line('app: createClient (@b24gen/runtime) + a stub binding  [runtime only]', stub);
  const stubOne = await stubApp(false);
  oneFileLine(stubOne);
  if (!existsSync(generatedEntry)) {
    console.log('app from generated/index.ts: n/a (not generated yet)\nwhole generated package: n/a');
    return { appGzip: stub.gz, appOneFileGzip: stubOne.gz, runtimeAppGzip: stub.gz, runtimeAppOneFileGzip: stubOne.gz };
  }
  const { split: app, one, registryInOneFile } = await measureApp();
  line(`app: createClient + ${binding} from generated/index.ts`, app);
  console.log(`  largest initial inputs: ${topInputs(app.meta, app.eager)}`);
  oneFileLine(one);
  if (registryInOneFile) console.log('  the method registry is in the one-file bundle: a binding import reaches it');
  const all = await bundle(`export * from ${JSON.stringify(generatedEntry)};\n`);
  line('whole generated package (export * from generated/index.ts)', all, false);
  const registry = await bundle(
    `import { createClient, loadMethodRegistry } from ${JSON.stringify(generatedEntry)};\n` +
      `createClient({ webhookUrl: 'https://example.bitrix24.com/rest/1/x/', registry: loadMethodRegistry }).call('crm.deal.get', { id: 1 }).then(console.log);\n`,
    'eof',
    false,
  );
  console.log(`app calling by name with the method registry, one file: minified ${registry.min} B (${kb(registry.min)}), gzip ${registry.gz} B (${kb(registry.gz)})`);
  // The app in a Bitrix24 frame that test/browser/ runs in Chromium (BX24 auth, a binding, a call by name, paginate, batch, a typed error).
  const frame = await bundleFrameApp();
  console.log('frame app (test/browser/frame-app.ts), code-split');
  console.log(`  first load (entry + static imports): minified ${frame.initial.min} B, gzip ${frame.initial.gz} B (${kb(frame.initial.gz)})  goal ≤ 10 KB gzip: ${frame.initial.gz <= 10_240 ? 'OK' : 'OVER'}`);
  console.log(`  lazy chunks (paginate, batch, ...; the method registry's included): gzip ${frame.lazy.gz} B`);
  return { appGzip: app.gz, appOneFileGzip: one.gz, runtimeAppGzip: stub.gz, runtimeAppOneFileGzip: stubOne.gz };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await runSize();
