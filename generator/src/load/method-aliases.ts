/**
 * `docs-input/method-aliases.json`: old method names → their new spelling (case-only renames such as
 * `disk.file.copyto` → `disk.file.copyTo`). Checked in, so the same docs and the same file give the
 * same package: the generator keeps each old name as a `@deprecated` alias of the new binding.
 * `b24gen diff --record-aliases` adds the renames it finds; people may edit it too.
 *
 * Format: one JSON object, keys sorted, `{ "old.name": "new.name" }`.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const METHOD_ALIASES_FILE = resolve(fileURLToPath(new URL('../../../docs-input/method-aliases.json', import.meta.url)));

/** The file exists but is not a map of method names; the message names the file and what is wrong. */
export class MethodAliasesError extends Error {}

export type MethodAliasMap = Record<string, string>;

const METHOD_NAME = /^[A-Za-z][\w.]*$/;

/** The aliases of `file`; none when it does not exist. */
export function readMethodAliases(file: string = METHOD_ALIASES_FILE): MethodAliasMap {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new MethodAliasesError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new MethodAliasesError(`${file}: not valid JSON (expected { "old.method.name": "new.method.name" })`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new MethodAliasesError(`${file}: expected an object { "old.method.name": "new.method.name" }`);
  const out: MethodAliasMap = {};
  for (const [from, to] of Object.entries(json as Record<string, unknown>)) {
    if (typeof to !== 'string' || !METHOD_NAME.test(from) || !METHOD_NAME.test(to)) throw new MethodAliasesError(`${file}: entry "${from}" must map a method name to a method name`);
    if (from === to) throw new MethodAliasesError(`${file}: entry "${from}" maps a name to itself`);
    out[from] = to;
  }
  return out;
}

export function formatMethodAliases(aliases: MethodAliasMap): string {
  const sorted = Object.fromEntries(Object.entries(aliases).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return JSON.stringify(sorted, null, 2) + '\n';
}

/**
 * Adds `additions` to the file (an old name already recorded is re-pointed), written atomically;
 * returns the entries that were new or changed.
 */
export function recordMethodAliases(additions: MethodAliasMap, file: string = METHOD_ALIASES_FILE): MethodAliasMap {
  const current = readMethodAliases(file);
  const changed: MethodAliasMap = {};
  for (const [from, to] of Object.entries(additions)) if (current[from] !== to) changed[from] = to;
  if (Object.keys(changed).length === 0) return changed;
  const next = { ...current, ...changed };
  // An alias whose target is itself renamed now follows the chain to the newest name.
  for (const k of Object.keys(next)) {
    const seen = new Set([k]);
    while (next[next[k]!] !== undefined && !seen.has(next[k]!)) {
      seen.add(next[k]!);
      next[k] = next[next[k]!]!;
    }
  }
  mkdirSync(dirname(file), { recursive: true });
  const tmp = join(dirname(file), `.method-aliases-${process.pid}.tmp`);
  writeFileSync(tmp, formatMethodAliases(next));
  renameSync(tmp, file);
  return changed;
}
