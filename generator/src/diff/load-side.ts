/**
 * One side of a diff: a docs checkout (a folder with `api-reference/`), parsed through the real
 * pipeline with a page cache of its own (one file per checkout folder, so diffing two checkouts
 * never evicts the other side's pages), or an IR JSON file as written by `b24gen ir --out FILE`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { IR_SCHEMA_VERSION, type IrDocument } from '../ir/types.js';
import { buildIr, type BuildStats } from '../pipeline.js';

/** A side that cannot be read; its message is one line for the CLI. */
export class DiffInputError extends Error {}

export interface DiffSide {
  /** As given on the command line. */
  label: string;
  kind: 'docs' | 'ir';
  ir: IrDocument;
  /** Docs sides: pages parsed and pages taken from the cache. */
  stats?: BuildStats;
}

export interface LoadSideOptions {
  /** Folder of the per-checkout page caches; null or absent: no cache. */
  cacheDir?: string | null;
  /** The method aliases file the generator reads (default `docs-input/method-aliases.json`). */
  methodAliasesFile?: string;
}

/** Side caches kept in `cacheDir`: the most recently used ones (a cache is some MB). */
const KEEP_CACHES = 8;

function sideCacheFile(cacheDir: string, docsRoot: string): string {
  const id = createHash('sha256').update(realpathSync(docsRoot)).digest('hex').slice(0, 16);
  return join(cacheDir, `side-${id}.json`);
}

function pruneSideCaches(cacheDir: string): void {
  let files: Array<{ file: string; mtime: number }>;
  try {
    files = readdirSync(cacheDir)
      .filter((f) => /^side-[0-9a-f]{16}\.json$/.test(f))
      .map((f) => ({ file: join(cacheDir, f), mtime: statSync(join(cacheDir, f)).mtimeMs }));
  } catch {
    return;
  }
  files.sort((a, b) => b.mtime - a.mtime || (a.file < b.file ? -1 : 1));
  for (const f of files.slice(KEEP_CACHES)) rmSync(f.file, { force: true });
}

const major = (v: string) => v.split('.')[0];

/** Checks the parsed JSON is an IR document of a compatible schema version. */
export function checkIr(value: unknown, label: string): IrDocument {
  const doc = value as Partial<IrDocument> | null;
  if (!doc || typeof doc !== 'object' || typeof doc.schemaVersion !== 'string' || !Array.isArray(doc.methods) || !Array.isArray(doc.events)) {
    throw new DiffInputError(`${label}: not an IR JSON file (no schemaVersion, methods, events)`);
  }
  if (major(doc.schemaVersion) !== major(IR_SCHEMA_VERSION)) {
    throw new DiffInputError(`${label}: IR schema version ${doc.schemaVersion} is not compatible with ${IR_SCHEMA_VERSION}; regenerate it with \`b24gen ir --out FILE\``);
  }
  return doc as IrDocument;
}

export function loadSide(path: string, opts: LoadSideOptions = {}): DiffSide {
  const full = resolve(path);
  let stat;
  try {
    stat = statSync(full);
  } catch {
    throw new DiffInputError(`${path}: no such file or folder`);
  }
  if (stat.isDirectory()) {
    try {
      if (!statSync(join(full, 'api-reference')).isDirectory()) throw new Error();
    } catch {
      throw new DiffInputError(`${path}: not a docs checkout (no api-reference/ folder)`);
    }
    const cacheFile = opts.cacheDir ? sideCacheFile(opts.cacheDir, full) : null;
    const { ir, stats } = buildIr({ docsRoot: full, cacheFile, ...(opts.methodAliasesFile ? { methodAliasesFile: opts.methodAliasesFile } : {}) });
    if (cacheFile && existsSync(cacheFile)) {
      const now = new Date();
      utimesSync(cacheFile, now, now); // used now: pruning keeps it
    }
    if (opts.cacheDir) pruneSideCaches(opts.cacheDir);
    return { label: path, kind: 'docs', ir, stats };
  }
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch (error) {
    throw new DiffInputError(`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DiffInputError(`${path}: not valid JSON (expected a docs folder or an IR JSON file)`);
  }
  return { label: path, kind: 'ir', ir: checkIr(json, path) };
}
