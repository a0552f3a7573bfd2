/**
 * A consumer of the published packages, for the package smoke test (package.test.ts) and the
 * package bench (bench/package-bench.ts): `npm pack` of both workspaces (prepack builds dist/),
 * the tarballs installed into a fresh app under os.tmpdir() (outside the repo, so nothing resolves
 * from the workspace), and that app's files: a Node ESM script, a CommonJS script, TypeScript
 * apps for nodenext and bundler resolution, a browser entry for esbuild.
 *
 * Child processes run asynchronously, so a fake portal in the calling process keeps answering.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { PROJECT_ROOT } from '../support/docs.js';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** The environment for child npm/node processes: without the variables `npm test` sets for the repo's own package. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_(package_|lifecycle_|config_workspace)/i.test(k) || k === 'NODE_OPTIONS' || k === 'INIT_CWD') continue;
    env[k] = v;
  }
  return { ...env, NO_UPDATE_NOTIFIER: '1', npm_config_update_notifier: 'false', ...extra };
}

export function run(cmd: string, args: string[], opts: { cwd: string; env?: Record<string, string>; timeoutMs?: number }): Promise<RunResult> {
  const t0 = performance.now();
  return new Promise((done) => {
    execFile(cmd, args, { cwd: opts.cwd, env: childEnv(opts.env), maxBuffer: 256 * 1024 * 1024, timeout: opts.timeoutMs ?? 600_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : 1) : 0;
      done({ code, stdout: String(stdout), stderr: String(stderr) + (error && code === 1 && !stderr ? error.message : ''), ms: performance.now() - t0 });
    });
  });
}

/** Throws with the output when a command fails. */
export async function must(cmd: string, args: string[], opts: Parameters<typeof run>[2]): Promise<RunResult> {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${opts.cwd}) exited ${r.code}:\n${r.stdout.slice(-4000)}\n${r.stderr.slice(-4000)}`);
  return r;
}

const version = (dir: string) => (JSON.parse(readFileSync(join(PROJECT_ROOT, dir, 'package.json'), 'utf8')) as { version: string }).version;

export interface Packed {
  runtime: string;
  client: string;
  /** Wall time of `npm pack` of both (their prepack builds included). */
  ms: number;
}

/** `npm pack` of both workspaces (prepack runs `build`: tsc into dist/) into `dest`. */
export async function packWorkspaces(dest: string): Promise<Packed> {
  mkdirSync(dest, { recursive: true });
  const r = await must('npm', ['pack', '--workspace', 'runtime', '--workspace', 'generated', '--pack-destination', dest, '--silent'], { cwd: PROJECT_ROOT });
  return { runtime: join(dest, `b24gen-runtime-${version('runtime')}.tgz`), client: join(dest, `b24gen-client-${version('generated')}.tgz`), ms: r.ms };
}

/** The ten bindings the TypeScript apps import: [binding, module path under methods/]. */
export const TEN_METHODS: Array<[string, string]> = [
  ['crmDealGet', 'crm/crm.deal.get'],
  ['crmDealAdd', 'crm/crm.deal.add'],
  ['crmDealUpdate', 'crm/crm.deal.update'],
  ['crmDealList', 'crm/crm.deal.list'],
  ['crmContactGet', 'crm/crm.contact.get'],
  ['crmLeadAdd', 'crm/crm.lead.add'],
  ['tasksTaskGet', 'tasks/tasks.task.get'],
  ['imMessageAdd', 'im/im.message.add'],
  ['diskFolderGet', 'disk/disk.folder.get'],
  ['calendarEventGet', 'calendar/calendar.event.get'],
];

const ESM_SCRIPT = `import { createClient, crmDealGet, isB24Error } from '@b24gen/client';
import { crmDealGet as viaSubpath } from '@b24gen/client/methods/crm/crm.deal.get';

const b24 = createClient({ webhookUrl: process.env.B24_WEBHOOK_URL, allowInsecureHttp: true, rateLimit: false });
const deal = await crmDealGet(b24, { id: 1 });
const same = await viaSubpath(b24, { id: 1 });
let code = null;
try {
  await crmDealGet(b24, { id: 424242 });
} catch (e) {
  code = isB24Error(e) ? e.code : String(e);
}
console.log(JSON.stringify({ title: deal.TITLE, subpath: same.TITLE, code }));
`;

const CJS_SCRIPT = `const { createClient, crmDealGet } = require('@b24gen/client');
const { crmDealAdd } = require('@b24gen/client/methods/crm/crm.deal.add');

const b24 = createClient({ webhookUrl: process.env.B24_WEBHOOK_URL, allowInsecureHttp: true, rateLimit: false });
(async () => {
  const id = await crmDealAdd(b24, { fields: { TITLE: 'from require()' } });
  const deal = await crmDealGet(b24, { id });
  console.log(JSON.stringify({ id: Number(id), title: deal.TITLE }));
})().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
`;

function tsApp(from: 'root' | 'subpath'): string {
  const names = TEN_METHODS.map(([fn]) => fn);
  const imports =
    from === 'root'
      ? `import { createClient, isB24Error, ${names.join(', ')}, type CrmDealGetResult } from '@b24gen/client';\n`
      : `import { createClient, isB24Error } from '@b24gen/runtime';\n` +
        TEN_METHODS.map(([fn, path]) => `import { ${fn}${fn === 'crmDealGet' ? ', type CrmDealGetResult' : ''} } from '@b24gen/client/methods/${path}';\n`).join('');
  return `${imports}
const b24 = createClient({ webhookUrl: 'https://example.bitrix24.com/rest/1/x/' });

export async function title(id: number): Promise<string | undefined> {
  try {
    const deal: CrmDealGetResult = await crmDealGet(b24, { id });
    return deal.TITLE;
  } catch (e) {
    if (isB24Error(e)) return e.code;
    throw e;
  }
}

// @ts-expect-error: the binding's params are typed (id is required)
void crmDealGet(b24, {});

export const bindings = [${names.filter((n) => n !== 'crmDealGet').join(', ')}] as const;
`;
}

const CTS_APP = `import { createClient } from '@b24gen/runtime';
import { crmDealGet } from '@b24gen/client/methods/crm/crm.deal.get';
import client = require('@b24gen/client');

const b24 = client.createClient({ webhookUrl: 'https://example.bitrix24.com/rest/1/x/' });
export async function title(): Promise<string | undefined> {
  const deal = await crmDealGet(createClient({ webhookUrl: 'https://example.bitrix24.com/rest/1/x/' }), { id: 1 });
  return deal.TITLE ?? (await client.crmDealGet(b24, { id: 2 })).TITLE;
}
`;

const BROWSER_ENTRY = `import { createClient, bizprocActivityLog } from '@b24gen/client';
const c = createClient({ webhookUrl: 'https://example.bitrix24.com/rest/1/x/' });
bizprocActivityLog(c, { EVENT_TOKEN: 't', LOG_MESSAGE: 'hi' }).then(console.log);
`;

export type Resolution = 'nodenext' | 'bundler';

function tsconfig(resolution: Resolution, files: string[], skipLibCheck: boolean): string {
  return JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        module: resolution === 'nodenext' ? 'NodeNext' : 'ESNext',
        moduleResolution: resolution === 'nodenext' ? 'NodeNext' : 'Bundler',
        lib: ['ES2022', 'DOM'],
        types: [],
        strict: true,
        noEmit: true,
        skipLibCheck,
      },
      files,
    },
    null,
    2,
  );
}

/** tsconfig names the TS checks use: `tsconfig.<resolution>.<root|subpath>[.skiplib].json`. */
export function tsconfigName(resolution: Resolution, from: 'root' | 'subpath' | 'cts', skipLibCheck = false): string {
  return `tsconfig.${resolution}.${from}${skipLibCheck ? '.skiplib' : ''}.json`;
}

export interface ConsumerApp {
  dir: string;
  install: RunResult;
  remove: () => void;
}

/** A fresh app in os.tmpdir() with both tarballs installed (ky from the npm cache or the registry). */
export async function createApp(packed: Packed): Promise<ConsumerApp> {
  const dir = mkdtempSync(join(tmpdir(), 'b24gen-consumer-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'b24gen-consumer', private: true, version: '0.0.0' }, null, 2));
  const install = await must('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', packed.runtime, packed.client], { cwd: dir });
  writeFileSync(join(dir, 'esm.mjs'), ESM_SCRIPT);
  writeFileSync(join(dir, 'cjs.cjs'), CJS_SCRIPT);
  writeFileSync(join(dir, 'root.ts'), tsApp('root'));
  writeFileSync(join(dir, 'subpath.ts'), tsApp('subpath'));
  writeFileSync(join(dir, 'app.cts'), CTS_APP);
  writeFileSync(join(dir, 'browser.js'), BROWSER_ENTRY);
  for (const resolution of ['nodenext', 'bundler'] as const) {
    for (const from of ['root', 'subpath'] as const) {
      for (const skip of [false, true]) writeFileSync(join(dir, tsconfigName(resolution, from, skip)), tsconfig(resolution, [`${from}.ts`], skip));
    }
  }
  writeFileSync(join(dir, tsconfigName('nodenext', 'cts')), tsconfig('nodenext', ['app.cts'], false));
  return { dir, install, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const TSC = join(PROJECT_ROOT, 'node_modules/typescript/bin/tsc');

export interface TscResult extends RunResult {
  /** tsc's own "Total time" (parse, bind, check), s. */
  totalTime: number;
  files: number;
}

/** Type-checks the app with one of its tsconfigs (the repo's TypeScript, the app's node_modules). */
export async function tsc(app: string, config: string): Promise<TscResult> {
  const r = await run(process.execPath, [TSC, '-p', config, '--extendedDiagnostics'], { cwd: app });
  const num = (label: string) => Number(new RegExp(`^${label}:\\s+([\\d.]+)`, 'm').exec(r.stdout)?.[1] ?? NaN);
  return { ...r, totalTime: num('Total time'), files: num('Files') };
}

export interface BrowserBundle {
  /** The entry chunk and what it imports statically, minified, and gzipped (each chunk on its own). */
  min: number;
  gz: number;
  /** Chunks loaded by dynamic import() (registry, batch, pagination, OAuth refresh). */
  lazyGz: number;
  /** Inputs of the eager chunks, relative to the app. */
  inputs: string[];
  text: string;
}

/** esbuild, like an app's bundler: browser platform, ESM, minified, code splitting. */
export async function browserBundle(app: string): Promise<BrowserBundle> {
  const r = await build({
    entryPoints: [join(app, 'browser.js')], bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022', splitting: true,
    outdir: join(app, 'out'), write: false, metafile: true, logLevel: 'error', absWorkingDir: app,
  });
  const outs = r.metafile.outputs;
  const eager = new Set<string>();
  const visit = (f: string) => {
    if (eager.has(f)) return;
    eager.add(f);
    for (const i of outs[f]?.imports ?? []) if (i.kind === 'import-statement') visit(i.path);
  };
  visit(Object.keys(outs).find((f) => outs[f]!.entryPoint === 'browser.js')!);
  let min = 0, gz = 0, lazyGz = 0, text = '';
  for (const f of r.outputFiles) {
    const rel = relative(app, f.path);
    const z = gzipSync(f.contents, { level: 9 }).length;
    if (eager.has(rel)) {
      min += f.contents.length;
      gz += z;
      text += f.text;
    } else lazyGz += z;
  }
  const inputs = [...eager].flatMap((f) => Object.keys(outs[f]!.inputs));
  return { min, gz, lazyGz, inputs, text };
}
