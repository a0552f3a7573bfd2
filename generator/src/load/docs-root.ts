/**
 * Where the docs are: `--docs DIR`, else `B24_DOCS`, else `docs-input/b24restdocs`, else
 * `../shared/b24restdocs`. A folder counts as a docs checkout when it has `api-reference/`.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

export class DocsRootError extends Error {
  constructor(readonly tried: string[]) {
    super(`no Bitrix24 docs checkout found (a folder with api-reference/); tried: ${tried.join(', ')}`);
    this.name = 'DocsRootError';
  }
}

export function isDocsRoot(dir: string): boolean {
  try {
    return statSync(resolve(dir, 'api-reference')).isDirectory();
  } catch {
    return false;
  }
}

export function docsRootCandidates(opts: { flag?: string; env?: string; projectRoot: string }): string[] {
  if (opts.flag) return [resolve(opts.flag)];
  if (opts.env) return [resolve(opts.env)];
  return [resolve(opts.projectRoot, 'docs-input/b24restdocs'), resolve(opts.projectRoot, '../shared/b24restdocs')];
}

/** The first candidate that is a docs checkout; an explicit flag or env var is never silently replaced. */
export function findDocsRoot(opts: { flag?: string; env?: string; projectRoot: string }): string {
  const tried = docsRootCandidates(opts);
  const found = tried.find(isDocsRoot);
  if (!found) throw new DocsRootError(tried.map((t) => (existsSync(t) ? `${t} (no api-reference/)` : `${t} (missing)`)));
  return found;
}
