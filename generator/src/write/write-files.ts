/**
 * Writes the generated package: only files whose bytes changed are written (others keep their
 * modification time), and files the generator no longer produces are removed.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

export interface WriteStats {
  written: string[];
  unchanged: number;
  removed: string[];
}

/** Files in the output folder that the generator does not own. */
const KEEP = new Set(['node_modules']);
/**
 * At the top of the output folder, also: the build output (`dist/`, git-ignored) and the release
 * record that only `b24gen release` writes (generator/src/release/state.ts).
 */
const KEEP_AT_ROOT = new Set(['dist', 'CHANGELOG.md', 'release.json', 'ir.json.gz']);

function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (KEEP.has(e.name) || (dir === root && KEEP_AT_ROOT.has(e.name))) continue;
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else out.push(relative(root, full).split(sep).join('/'));
    }
  };
  walk(root);
  return out;
}

export function writeFiles(outDir: string, files: ReadonlyMap<string, string>): WriteStats {
  const stats: WriteStats = { written: [], unchanged: 0, removed: [] };
  for (const [rel, text] of files) {
    const full = join(outDir, rel);
    let current: string | undefined;
    try {
      current = readFileSync(full, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === text) {
      stats.unchanged++;
      continue;
    }
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
    stats.written.push(rel);
  }
  for (const rel of listFiles(outDir)) {
    if (files.has(rel)) continue;
    rmSync(join(outDir, rel));
    stats.removed.push(rel);
  }
  removeEmptyDirs(outDir, true);
  return stats;
}

function removeEmptyDirs(dir: string, top = false): boolean {
  let empty = true;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory() && !KEEP.has(e.name) && !(top && KEEP_AT_ROOT.has(e.name))) {
      if (removeEmptyDirs(join(dir, e.name))) rmSync(join(dir, e.name), { recursive: true });
      else empty = false;
    } else empty = false;
  }
  return empty;
}
