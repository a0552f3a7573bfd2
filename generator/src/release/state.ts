/**
 * The record of the last release of `@b24gen/client`, kept in the generated package folder and
 * written only by `b24gen release` (`generate` reads the version and leaves these files alone):
 *
 * - `release.json`: version, date, docs provenance, generator version, a hash of the emitted API
 *   files (to see documentation-only changes) and the hash of the IR file;
 * - `ir.json.gz`: the IR of that release, the baseline of the next release's API diff. Trimmed of
 *   prose the diff never reads (descriptions, examples, diagnostics: 18.6 MB → 4.2 MB of JSON) and
 *   gzipped (≈ 230 KB), so each release adds about a quarter megabyte to the repository;
 * - `CHANGELOG.md`: one entry per release, newest first (published with the package).
 *
 * The IR is stored rather than rebuilt from the docs commit of the last release because the diff
 * must see what the last published package contained: an IR rebuilt by today's generator would
 * hide the changes the generator itself made since.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { IrDocument, IrSource } from '../ir/types.js';

export const RELEASE_STATE_FILE = 'release.json';
export const RELEASE_IR_FILE = 'ir.json.gz';
export const CHANGELOG_FILE = 'CHANGELOG.md';

/** A release record that cannot be read; one line for the CLI. */
export class ReleaseError extends Error {}

export interface ReleaseState {
  /** Version of `@b24gen/client` at the last release. */
  version: string;
  /** Date of the release, YYYY-MM-DD. */
  date: string;
  /** The docs the release was generated from. */
  docs: IrSource;
  /** b24gen version that generated it. */
  generator: string;
  irSchemaVersion: string;
  /** sha256 over the emitted API files (see {@link apiHash}). */
  apiHash: string;
  /** sha256 of `ir.json.gz`. */
  irSha256: string;
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

export function readReleaseState(dir: string): ReleaseState | undefined {
  const file = join(dir, RELEASE_STATE_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as ReleaseState;
    if (typeof state.version !== 'string' || !/^\d+\.\d+\.\d+$/.test(state.version)) throw new Error('no version');
    return state;
  } catch (error) {
    throw new ReleaseError(`${file}: not a release record (${(error as Error).message})`);
  }
}

export function writeReleaseState(dir: string, state: ReleaseState): void {
  writeFileSync(join(dir, RELEASE_STATE_FILE), JSON.stringify(state, null, 2) + '\n');
}

/** Keys holding prose only: the API diff never reads them. */
const PROSE = new Set(['description', 'examples', 'responseExamples']);

function stripProse(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripProse);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!PROSE.has(k)) out[k] = stripProse(v);
    return out;
  }
  return value;
}

/** The IR without descriptions, examples and diagnostics: what the API diff compares. */
export function trimIr(ir: IrDocument): IrDocument {
  return { ...(stripProse(ir) as IrDocument), diagnostics: [] };
}

/** Writes the trimmed, gzipped IR; returns the file's sha256. Same IR, same bytes. */
export function writeReleaseIr(dir: string, ir: IrDocument): string {
  const bytes = gzipSync(JSON.stringify(trimIr(ir)), { level: 9 });
  writeFileSync(join(dir, RELEASE_IR_FILE), bytes);
  return sha256(bytes);
}

/** The IR of the last release, checked against the hash its record keeps. */
export function readReleaseIr(dir: string, state: ReleaseState): unknown {
  const file = join(dir, RELEASE_IR_FILE);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new ReleaseError(`${file} is missing: the IR of release ${state.version} is the baseline of the API diff`);
  }
  if (sha256(bytes) !== state.irSha256) throw new ReleaseError(`${file} does not match the sha256 in ${RELEASE_STATE_FILE} (release ${state.version})`);
  try {
    return JSON.parse(gunzipSync(bytes).toString('utf8'));
  } catch (error) {
    throw new ReleaseError(`${file}: cannot be read (${(error as Error).message})`);
  }
}

/**
 * sha256 over the emitted API files (the TypeScript sources and the error catalog, not README,
 * package.json, LICENSE, tsconfigs or the lock, which carry versions and provenance): two packages
 * with the same hash give their users the same types, bindings and doc comments.
 */
export function apiHash(files: ReadonlyMap<string, string>): string {
  const h = createHash('sha256');
  for (const [path, text] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!path.endsWith('.ts') && !path.startsWith('error-catalog.')) continue;
    h.update(path).update('\0').update(text).update('\0');
  }
  return h.digest('hex');
}

/** Prepends an entry to a changelog: below its heading paragraph, above the newest entry. */
export function prependChangelog(current: string | undefined, header: string, entry: string): string {
  const body = current ?? header;
  const at = body.search(/^## /m);
  const block = entry.trimEnd() + '\n\n';
  return at < 0 ? body.trimEnd() + '\n\n' + block : body.slice(0, at) + block + body.slice(at);
}
