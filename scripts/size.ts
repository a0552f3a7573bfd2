// Size check: a tiny browser app importing `createClient` + one binding, bundled with esbuild
// (minify, ESM, platform browser, code splitting; temp files under .cache/) and gzipped, next to the whole generated package.
// Goal: app ≤ 8 KB min+gzip including ky.   Run: npx tsx scripts/size.ts
import { build, type Metafile } from 'esbuild';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const generatedEntry = join(root, 'generated/index.ts');
const binding = process.env.SIZE_BINDING ?? 'bizprocActivityLog';

/**
 * Bundles with code splitting, like an app's bundler would: `initial` counts the entry chunk plus
 * what it imports statically (what a page loads up front); `lazy` is what dynamic import()s
 * (batch, pagination, a generated registry) load on first use. Each file is gzipped on its own.
 */
async function bundle(contents: string, legalComments: 'eof' | 'none' = 'eof') {
  const dir = (mkdirSync(join(root, '.cache'), { recursive: true }), mkdtempSync(join(root, '.cache', 'size-')));
  try {
    const entry = join(dir, 'app.ts');
    writeFileSync(entry, contents);
    const r = await build({
      entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022', splitting: true,
      outdir: join(dir, 'out'), write: false, metafile: true, logLevel: 'error', absWorkingDir: root, legalComments,
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
    return { ...initial, lazy, meta: r.metafile, eager };
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
      const k = file.includes('node_modules/ky/') ? 'ky' : file.includes('runtime/src/') ? 'runtime' : file.includes('generated/') ? 'generated' : 'app';
      by[k] = (by[k] ?? 0) + bytesInOutput;
    }
  return Object.entries(by).map(([k, v]) => `${k} ${v}`).join(', ');
}

const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;

/** The same app shape with a hand-written stub binding: measures runtime + ky alone. */
async function stubApp() {
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
const line = (name: string, r: Sized, goal = true) => {
  console.log(name);
  console.log(`  initial: minified ${r.min} B (${kb(r.min)}), gzip ${r.gz} B (${kb(r.gz)})${goal ? `  goal ≤ 8 KB gzip: ${r.gz <= 8192 ? 'OK' : 'OVER'}` : ''}`);
  console.log(`  lazy chunks (loaded on first use): minified ${r.lazy.min} B, gzip ${r.lazy.gz} B`);
  console.log(`  initial minified bytes by origin: ${breakdown(r.meta, r.eager)}`);
};

export async function runSize(): Promise<{ appGzip: number; runtimeAppGzip: number }> {
  const stub = await stubApp();
  line('app: createClient (@b24gen/runtime) + a stub binding  [runtime + ky only]', stub);
  if (!existsSync(generatedEntry)) {
    console.log('app from generated/index.ts: n/a (not generated yet)\nwhole generated package: n/a');
    return { appGzip: stub.gz, runtimeAppGzip: stub.gz };
  }
  const appSource =
    `import { createClient, ${binding} } from ${JSON.stringify(generatedEntry)};\n` +
    `const c = createClient({ webhookUrl: 'https://example.bitrix24.com/rest/1/x/' });\n` +
    `${binding}(c, {} as never).then(console.log);\n`;
  const app = await bundle(appSource);
  line(`app: createClient + ${binding} from generated/index.ts`, app);
  const noLegal = await bundle(appSource, 'none');
  console.log(`  (without ky's license comment, as webpack ships it in a separate LICENSE file: gzip ${noLegal.gz} B)`);
  console.log(`  largest initial inputs: ${topInputs(app.meta, app.eager)}`);
  const all = await bundle(`export * from ${JSON.stringify(generatedEntry)};\n`);
  line('whole generated package (export * from generated/index.ts)', all, false);
  return { appGzip: app.gz, runtimeAppGzip: stub.gz };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await runSize();
