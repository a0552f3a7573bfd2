/**
 * Reading the docs checkout: the page list (every `.md` under `api-reference/`, sorted) and a
 * file reader confined to the docs root, so `{% include %}` can never read outside it
 * and symlink loops cannot hang a walk.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
}

/** Docs-relative paths (forward slashes) of every `.md` page under `api-reference/`, sorted. */
export function listPages(docsRoot: string): string[] {
  const root = realpathSync(docsRoot);
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (dir: string) => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      return;
    }
    if (seen.has(real) || !inside(root, real)) return;
    seen.add(real);
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory() || (entry.isSymbolicLink() && safeIsDir(full))) walk(full);
      else if (entry.name.endsWith('.md')) out.push(relative(docsRoot, full).split(sep).join('/'));
    }
  };
  walk(join(docsRoot, 'api-reference'));
  return out.sort();
}

function safeIsDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Reads a docs-relative file; undefined when it is missing or resolves outside the docs root. */
export function docsReader(docsRoot: string): (relPath: string) => string | undefined {
  const root = realpathSync(docsRoot);
  return (relPath) => {
    const target = resolve(root, relPath);
    if (!inside(root, target)) return undefined;
    try {
      const real = realpathSync(target);
      if (!inside(root, real)) return undefined;
      return readFileSync(real, 'utf8');
    } catch {
      return undefined;
    }
  };
}
