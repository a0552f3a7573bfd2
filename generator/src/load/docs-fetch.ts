/**
 * Docs on a fresh machine: when no docs checkout is found (no `--docs`, no `B24_DOCS`, neither
 * default folder), the pinned commit of `docs-input/source.json` is fetched with a shallow
 * `git fetch` into `docs-input/b24restdocs` (git-ignored) and its content hash checked against the
 * pin. Moving the pin (`b24gen docs --commit SHA|latest`) fetches the same way and records the
 * commit and its content hash.
 *
 * Every failure is a one-line error (the CLI exits 2): git missing, the network or the repository
 * unreachable, a commit the repository does not have, docs whose hash does not match the pin.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { DocsRootError, findDocsRoot, isDocsRoot } from './docs-root.js';
import type { Pin } from './docs-source.js';

/** The folder the generator manages: fetched into, updated when the pin moves. */
export const MANAGED_DOCS_DIR = 'docs-input/b24restdocs';

/** A fetch that failed: git missing, repository unreachable, unknown commit. */
export class DocsFetchError extends Error {}

/** Docs whose content hash is not the pinned one. */
export class DocsPinError extends Error {}

const SHA = /^[0-9a-f]{40}$/;

function firstLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l && !/^(hint|remote: (Enumerating|Counting|Compressing|Total))/i.test(l));
  return (lines.find((l) => /^fatal:|^error:/i.test(l)) ?? lines[0] ?? 'no output').replace(/^fatal:\s*/i, '');
}

interface GitRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs git without prompts (a private or missing repository fails instead of asking for a password). */
function git(args: string[], opts: { cwd?: string; progress?: boolean } = {}): GitRun {
  const r = spawnSync('git', args, {
    cwd: opts.cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', opts.progress ? 'inherit' : 'pipe'],
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GCM_INTERACTIVE: 'never', LC_ALL: 'C' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    throw new DocsFetchError(code === 'ENOENT' ? 'git is not installed (needed to fetch the docs)' : `git failed to start (${code ?? r.error.message})`);
  }
  return { status: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** The commit a repository's default branch points at (`git ls-remote URL HEAD`). */
export function latestCommit(repository: string): string {
  const r = git(['ls-remote', repository, 'HEAD']);
  if (r.status !== 0) throw new DocsFetchError(`could not reach ${repository} (git ls-remote: ${firstLine(r.stderr)})`);
  const sha = /^([0-9a-f]{40})\s+HEAD$/m.exec(r.stdout)?.[1];
  if (!sha) throw new DocsFetchError(`${repository} has no HEAD commit`);
  return sha;
}

/** HEAD of a git checkout, or null. */
export function checkoutHead(dir: string): string | null {
  if (!existsSync(join(dir, '.git'))) return null;
  try {
    const r = git(['rev-parse', 'HEAD'], { cwd: dir });
    return r.status === 0 && SHA.test(r.stdout.trim()) ? r.stdout.trim() : null;
  } catch {
    return null;
  }
}

export interface FetchOptions {
  repository: string;
  /** A full 40-character commit SHA. */
  commit: string;
  /** Where the checkout goes: created, or an earlier checkout of the same repository updated. */
  dir: string;
  /** Show git's progress (on a TTY). */
  progress?: boolean;
}

/**
 * A shallow fetch of one commit (`git fetch --depth 1 URL SHA`) checked out detached in `dir`.
 * Needs a server that serves commits by id (GitHub, protocol v2, `file://` bare repositories).
 */
export function fetchCommit(opts: FetchOptions): void {
  const { repository, commit, dir } = opts;
  if (!SHA.test(commit)) throw new DocsFetchError(`"${commit}" is not a full 40-character commit SHA (or "latest")`);
  const fresh = !existsSync(join(dir, '.git'));
  if (fresh && existsSync(dir) && readdirSync(dir).length > 0) throw new DocsFetchError(`${dir} exists and is not a git checkout; move it away, or point --docs at it`);
  try {
    if (fresh) {
      mkdirSync(dir, { recursive: true });
      const init = git(['init', '--quiet'], { cwd: dir });
      if (init.status !== 0) throw new DocsFetchError(`git init ${dir} failed: ${firstLine(init.stderr)}`);
    }
    git(['config', 'remote.origin.url', repository], { cwd: dir });
    const args = (flag: string) => ['fetch', '--depth', '1', '--no-tags', flag, repository, commit];
    let fetch = git(args(opts.progress ? '--progress' : '--quiet'), { cwd: dir, progress: opts.progress === true });
    // With progress, git's stderr went to the terminal: ask again quietly for the reason.
    if (fetch.status !== 0 && opts.progress) fetch = git(args('--quiet'), { cwd: dir });
    if (fetch.status !== 0) {
      const why = firstLine(fetch.stderr);
      if (/not our ref|couldn't find remote ref|no such remote ref|unadvertised object|not a valid object|upload-pack: not our ref/i.test(fetch.stderr)) {
        throw new DocsFetchError(`commit ${commit} not found in ${repository}`);
      }
      throw new DocsFetchError(`could not fetch ${repository} at ${commit.slice(0, 12)} (git: ${why})`);
    }
    const checkout = git(['-c', 'advice.detachedHead=false', 'checkout', '--quiet', '--detach', commit], { cwd: dir });
    if (checkout.status !== 0) throw new DocsFetchError(`git checkout ${commit.slice(0, 12)} in ${dir} failed: ${firstLine(checkout.stderr)}`);
  } catch (error) {
    if (fresh) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Throws DocsPinError unless the docs at `dir` have the pinned content hash. */
export function verifyPin(dir: string, hash: string, pin: Pin, pinLabel = 'docs-input/source.json'): void {
  if (!pin.contentHash || hash === pin.contentHash) return;
  throw new DocsPinError(
    `${dir}: docs content hash ${hash} does not match the pin (${pin.contentHash.slice(0, 12)}…, commit ${pin.commit.slice(0, 12)}, ${pinLabel}); ` +
      `check out the pinned commit, refresh the pin with \`npm run b24gen -- docs --commit ${pin.commit}\`, or pass --docs DIR / B24_DOCS to use other docs on purpose`,
  );
}

export interface LocateOptions {
  flag?: string | undefined;
  env?: string | undefined;
  projectRoot: string;
  pin: Pin | null;
  /** Content hash of a docs folder (pipeline.docsContentHash). */
  contentHash: (dir: string) => string;
  progress?: boolean;
  /** One-line notes (stderr); the fetch note only with `progress`. */
  log?: (line: string) => void;
}

export interface LocatedDocs {
  root: string;
  /** Chosen by --docs or B24_DOCS: any docs, no pin check. */
  explicit: boolean;
  /** Fetched (or updated to the pin) by this call. */
  fetched: boolean;
}

/**
 * The docs to read: `--docs`, else `B24_DOCS`, else the default folders; when none exists, the
 * pinned commit fetched into `docs-input/b24restdocs` (and checked against the pin's hash). A
 * managed checkout at another commit than the pin is moved to the pin.
 */
export function locateDocs(opts: LocateOptions): LocatedDocs {
  const explicit = Boolean(opts.flag || opts.env);
  const managed = resolve(opts.projectRoot, MANAGED_DOCS_DIR);
  const rel = relative(process.cwd(), managed) || '.';
  const pin = opts.pin;
  let root: string;
  try {
    root = findDocsRoot(opts);
  } catch (error) {
    if (!(error instanceof DocsRootError) || explicit || !pin) throw error;
    // On a terminal, a line before git's progress; elsewhere silence, and one line if it fails.
    if (opts.progress) opts.log?.(`b24gen: no docs checkout found; fetching ${pin.repository} at ${pin.commit.slice(0, 12)} into ${rel}`);
    try {
      fetchCommit({ repository: pin.repository, commit: pin.commit, dir: managed, progress: opts.progress === true });
    } catch (fetchError) {
      if (!(fetchError instanceof DocsFetchError)) throw fetchError;
      throw new DocsFetchError(`no docs checkout found (tried: ${error.tried.join(', ')}) and ${fetchError.message}; point --docs DIR or B24_DOCS at a checkout of ${pin.repository}`);
    }
    verifyPin(managed, opts.contentHash(managed), pin);
    return { root: managed, explicit: false, fetched: true };
  }
  if (!explicit && pin && root === managed && isDocsRoot(managed)) {
    const head = checkoutHead(managed);
    if (head && head !== pin.commit) {
      opts.log?.(`b24gen: ${rel} is at ${head.slice(0, 12)}, the pin at ${pin.commit.slice(0, 12)}; fetching the pinned commit`);
      fetchCommit({ repository: pin.repository, commit: pin.commit, dir: managed, progress: opts.progress === true });
      verifyPin(managed, opts.contentHash(managed), pin);
      return { root: managed, explicit: false, fetched: true };
    }
  }
  return { root, explicit, fetched: false };
}

export interface MovePinOptions {
  repository: string;
  /** A full SHA, or `latest` (the default branch's HEAD). */
  commit: string;
  dir: string;
  pinFile: string;
  contentHash: (dir: string) => string;
  progress?: boolean;
}

/** `b24gen docs --commit SHA|latest`: fetch that commit into `dir`, record it and its hash as the pin. */
export function movePin(opts: MovePinOptions): Pin & { contentHash: string } {
  const commit = opts.commit === 'latest' ? latestCommit(opts.repository) : opts.commit;
  fetchCommit({ repository: opts.repository, commit, dir: opts.dir, progress: opts.progress === true });
  if (!isDocsRoot(opts.dir)) throw new DocsFetchError(`${opts.repository} at ${commit.slice(0, 12)} has no api-reference/ folder: not the Bitrix24 REST docs`);
  const pin = { repository: opts.repository, commit, contentHash: opts.contentHash(opts.dir) };
  writeFileSync(opts.pinFile, JSON.stringify(pin, null, 2) + '\n');
  return pin;
}
