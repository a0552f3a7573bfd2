/**
 * `{% include %}` resolution: fills `resolved` and `children` of every yfmInclude node.
 *
 * - Paths are relative to the including file (a page, or a fragment for nested includes).
 * - Never reads outside the docs root: such paths are reported, not read.
 * - Cycles, depth > maxDepth (default 5) and missing fragments are reported on `ctx.file`
 *   (messages carry the including file in `msg.file`); the include keeps no children.
 * - Fragments are parsed once per `cache` (keyed by resolved path, includes inside already
 *   resolved) and deep-cloned (`cloneTree`) before being spliced in. Positions inside a fragment refer to
 *   the fragment file (`resolved`).
 * - `notitle`: the fragment's leading heading is dropped (Diplodoc drops the title only when
 *   the fragment starts with a heading).
 */
import type { Parent, Root, RootContent } from 'mdast';
import { posix } from 'node:path';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import type { YfmInclude } from './remark-yfm/types.js';

export interface IncludeContext {
  /** Absolute docs root (informational: all reads go through `readFile`). */
  docsRoot: string;
  /** Docs-root-relative path of the page (posix separators). */
  filePath: string;
  /** Read a docs-root-relative file; `undefined` when it does not exist. */
  readFile: (relPath: string) => string | undefined;
  /** Parse a fragment (the YFM tag pass included, include resolution not). */
  parse: (text: string, relPath: string) => Root;
  /** Where diagnostics go. */
  file: VFile;
  maxDepth?: number;
  /** Parsed and resolved fragments by docs-root-relative path. */
  cache?: Map<string, Root>;
}

export const INCLUDE_SOURCE = 'include';

/** Resolve `target` relative to the file `from`; `undefined` when it leaves the docs root. */
export function resolveIncludePath(from: string, target: string): string | undefined {
  const clean = target.replace(/[?#].*$/, '');
  if (clean === '' || clean.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(clean)) return undefined;
  const joined = posix.normalize(posix.join(posix.dirname(from), clean));
  if (joined === '..' || joined.startsWith('../') || posix.isAbsolute(joined)) return undefined;
  return joined;
}

export function resolveIncludes(tree: Root, ctx: IncludeContext): void {
  const maxDepth = ctx.maxDepth ?? 5;
  const cache = ctx.cache;

  const report = (reason: string, place: Position | undefined, ruleId: string, inFile: string): void => {
    const msg = ctx.file.message(reason, { place, ruleId, source: INCLUDE_SOURCE });
    msg.fatal = true;
    msg.file = inFile;
  };

  /** Resolve every include under `parent`; `chain` = files being included, outermost first. */
  const walk = (parent: Parent, from: string, chain: string[]): void => {
    for (const child of parent.children) {
      if (child.type === 'yfmInclude') resolveOne(child, from, chain);
      else if ('children' in child) walk(child, from, chain);
    }
  };

  const loadFragment = (rel: string, chain: string[]): Root | undefined => {
    const cached = cache?.get(rel);
    if (cached) return cloneTree(cached);
    const text = ctx.readFile(rel);
    if (text === undefined) return undefined;
    const fragment = ctx.parse(text, rel);
    walk(fragment, rel, [...chain, rel]);
    if (cache) {
      cache.set(rel, fragment);
      return cloneTree(fragment);
    }
    return fragment;
  };

  const resolveOne = (node: YfmInclude, from: string, chain: string[]): void => {
    const rel = resolveIncludePath(from, node.path);
    if (rel === undefined) {
      report(`Include path \`${node.path}\` leaves the docs root; not read`, node.position, 'yfm-include-outside-root', from);
      return;
    }
    if (chain.includes(rel)) {
      report(`Include cycle: ${[...chain, rel].join(' → ')}`, node.position, 'yfm-include-cycle', from);
      return;
    }
    if (chain.length > maxDepth) {
      report(`Include depth exceeds ${maxDepth} at \`${rel}\``, node.position, 'yfm-include-depth', from);
      return;
    }
    let fragment: Root | undefined;
    try {
      fragment = loadFragment(rel, chain);
    } catch (error) {
      report(`Include \`${rel}\` failed: ${String(error)}`, node.position, 'yfm-include-failed', from);
      return;
    }
    if (!fragment) {
      report(`Included file \`${rel}\` not found`, node.position, 'yfm-include-missing', from);
      return;
    }
    let children: RootContent[] = fragment.children;
    if (node.notitle && children[0]?.type === 'heading') children = children.slice(1);
    node.resolved = rel;
    node.children = children;
  };

  walk(tree, ctx.filePath, [ctx.filePath]);
}

/**
 * Deep clone of an mdast tree: the result of `structuredClone`, about 8x faster on these
 * plain-data trees (`_includes/system-errors.md` is spliced 1,428 times). Values that are not
 * plain objects or arrays (none in mdast, but `data` may hold anything) go to `structuredClone`.
 */
export function cloneTree<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = cloneTree(value[i]);
    return out as T;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = cloneTree((value as Record<string, unknown>)[key]);
  return out as T;
}
