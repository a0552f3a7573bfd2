// The two ways the frame app (frame-app.ts) reaches a browser, as files served from memory:
// - bundled: esbuild, platform browser, ESM, minified, code splitting (what an app's bundler does);
//   its first load is the entry chunk plus the chunks it imports statically (npm run size);
// - unbundled: every module of @b24gen/runtime, @b24gen/client and ky as its own ES module, bare
//   package names resolved by an import map. The packages are transpiled file by file (esbuild,
//   bundle: false): both compile under isolatedModules and verbatimModuleSyntax, so this is tsc's JS
//   emit up to formatting, without writing the shared dist/ folders other tests build.
import { build, type Metafile } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const FRAME_APP = join(root, 'test/browser/frame-app.ts');

export interface Served {
  /** URL path → file contents. */
  files: Map<string, Uint8Array>;
}
export interface BundledApp extends Served {
  /** URL path of the entry module. */
  entry: string;
  /** Entry chunk + statically imported chunks (what the page loads up front), each gzipped on its own (level 9). */
  initial: { min: number; gz: number; files: string[] };
  /** Chunks loaded by import() on first use (batch, pagination, ...). */
  lazy: { min: number; gz: number; files: string[] };
  /** Imports esbuild left to the platform (a `node:` built-in would be one). */
  externals: string[];
  meta: Metafile;
}

/** esbuild, like an app's bundler; served under `base`. The workspace packages from their sources. */
export async function bundleFrameApp(base = '/bundled/'): Promise<BundledApp> {
  const r = await build({
    entryPoints: { app: FRAME_APP }, bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022', splitting: true,
    outdir: join(root, '.cache/frame-app'), write: false, metafile: true, logLevel: 'silent', absWorkingDir: root, legalComments: 'none',
    conditions: ['b24gen-source'],
  });
  const outs = r.metafile.outputs;
  const url = (f: string) => base + relative(join(root, '.cache/frame-app'), join(root, f));
  const entryOut = Object.keys(outs).find((f) => outs[f]!.entryPoint && outs[f]!.entryPoint!.endsWith('frame-app.ts'))!;
  const eager = new Set<string>();
  const visit = (f: string) => {
    if (eager.has(f)) return;
    eager.add(f);
    for (const i of outs[f]?.imports ?? []) if (i.kind === 'import-statement' && !i.external) visit(i.path);
  };
  visit(entryOut);
  const files = new Map<string, Uint8Array>();
  const initial = { min: 0, gz: 0, files: [] as string[] };
  const lazy = { min: 0, gz: 0, files: [] as string[] };
  for (const f of r.outputFiles) {
    const rel = relative(root, f.path);
    files.set(url(rel), f.contents);
    const part = eager.has(rel) ? initial : lazy;
    part.min += f.contents.length;
    part.gz += gzipSync(f.contents, { level: 9 }).length;
    part.files.push(url(rel));
  }
  const externals = Object.values(outs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
  return { files, entry: url(entryOut), initial, lazy, externals, meta: r.metafile };
}

const tsFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.ts') && !d.name.endsWith('.d.ts'))
    .map((d) => join(d.parentPath, d.name));

/** Every .ts of `dir` as its own ES module under `base` (`a/b.ts` → `base + 'a/b.js'`); imports untouched. */
async function transpile(dir: string, base: string, files: Map<string, Uint8Array>): Promise<void> {
  const r = await build({
    entryPoints: tsFiles(dir), bundle: false, format: 'esm', platform: 'browser', target: 'es2022', outdir: dir, outbase: dir,
    write: false, logLevel: 'silent', tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
  });
  for (const f of r.outputFiles) files.set(base + relative(dir, f.path).split('\\').join('/'), f.contents);
}

export interface UnbundledApp extends Served {
  importMap: { imports: Record<string, string> };
  entry: string;
}

const PACKAGES = [
  { name: '@b24gen/runtime', dir: 'runtime', src: 'src/', url: '/pkg/runtime/' },
  { name: '@b24gen/client', dir: 'generated', src: '', url: '/pkg/client/' },
];

/**
 * The import map entries a package's `exports` give (its sources' paths, as .js under `url`). Pattern
 * exports (`./methods/*` → `*.js`) have no import-map form: an import map cannot add the extension.
 */
function mapExports(p: (typeof PACKAGES)[number], imports: Record<string, string>): void {
  const exports = JSON.parse(readFileSync(join(root, p.dir, 'package.json'), 'utf8')).exports as Record<string, string | Record<string, string>>;
  for (const [key, target] of Object.entries(exports)) {
    const file = typeof target == 'string' ? target : target['b24gen-source'];
    if (key.includes('*') || !file?.endsWith('.ts')) continue;
    imports[p.name + key.slice(1)] = p.url + file.slice(2 + p.src.length, -3) + '.js';
  }
}

/** The packages as separate modules and the import map a page needs to load them without a bundler. */
export async function unbundledFrameApp(): Promise<UnbundledApp> {
  const files = new Map<string, Uint8Array>();
  const imports: Record<string, string> = {};
  for (const p of PACKAGES) {
    await transpile(join(root, p.dir, p.src), p.url, files);
    mapExports(p, imports);
  }
  const ky = join(root, 'node_modules/ky');
  for (const d of readdirSync(join(ky, 'distribution'), { recursive: true, withFileTypes: true }))
    if (d.isFile() && d.name.endsWith('.js')) files.set('/pkg/ky/' + relative(ky, join(d.parentPath, d.name)).split('\\').join('/'), readFileSync(join(d.parentPath, d.name)));
  imports['ky'] = '/pkg/ky/' + JSON.parse(readFileSync(join(ky, 'package.json'), 'utf8')).exports.default.slice(2);
  const app = await build({ entryPoints: [FRAME_APP], bundle: false, format: 'esm', platform: 'browser', target: 'es2022', write: false, outdir: '/x', logLevel: 'silent' });
  files.set('/pkg/app/frame-app.js', app.outputFiles[0]!.contents);
  return { files, entry: '/pkg/app/frame-app.js', importMap: { imports } };
}
