/**
 * Crafted docs trees as git repositories: a work tree with one commit per version and a bare clone
 * as the "origin" the fetch code talks to over file:// (no network in tests).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDocs, type FixtureFiles } from '../diff/fixture-docs.js';

const IDENTITY = ['-c', 'user.name=b24gen test', '-c', 'user.email=test@b24gen.invalid', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main'];

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', [...IDENTITY, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } }).trim();
}

/** A docs checkout that is a git repository with one commit; returns its folder and commit. */
export function gitDocs(files: FixtureFiles, root = mkdtempSync(join(tmpdir(), 'b24gen-gitdocs-'))): { dir: string; sha: string } {
  writeDocs(files, root);
  git(root, 'init', '--quiet');
  return { dir: root, sha: commitAll(root, 'docs') };
}

/** Commits every change in the work tree; returns the commit. */
export function commitAll(dir: string, message: string): string {
  git(dir, 'add', '--all');
  git(dir, 'commit', '--quiet', '--allow-empty', '-m', message);
  return git(dir, 'rev-parse', 'HEAD');
}

/** A bare clone of a repository, as a file:// URL. */
export function bareOrigin(repo: string): { url: string; dir: string; remove: () => void } {
  const parent = mkdtempSync(join(tmpdir(), 'b24gen-origin-'));
  const dir = join(parent, 'b24restdocs.git');
  git(parent, 'clone', '--quiet', '--bare', repo, dir);
  return { url: `file://${dir}`, dir, remove: () => rmSync(parent, { recursive: true, force: true }) };
}
