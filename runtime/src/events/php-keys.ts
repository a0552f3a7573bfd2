// PHP-style keys (`data[FIELDS][ID]`, `a[]`) → a nested tree, as PHP's parse_str builds `$_POST`:
// the name before the first `[` and each `[…]` segment (up to the next `]`) is one level; `[]`
// appends (the next index after the highest integer key); text after a closing `]` that does not
// open another segment is ignored; a later pair replaces an earlier one at the same place (last wins,
// a value and an object included). The tree is built of null-prototype objects, and `__proto__`,
// `constructor` and `prototype` are refused anywhere in a key: no input reaches a prototype.
import { B24EventError } from './event-error.js';

/** A level of the tree: a null-prototype object whose values are strings or levels. */
export interface FormTree {
  [key: string]: FormTree | string;
}

export const DEFAULT_MAX_DEPTH = 32;
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const INDEX = /^(?:0|[1-9]\d{0,8})$/;

/** The levels of a key; null when PHP would ignore it (no name). */
export function keyPath(key: string, maxDepth = DEFAULT_MAX_DEPTH): string[] | null {
  const open = key.indexOf('[');
  if (open < 0) return [key];
  if (open === 0) return null;
  const path = [key.slice(0, open)];
  let i = open;
  while (key.charCodeAt(i) === 0x5b /* [ */) {
    const close = key.indexOf(']', i + 1);
    // An unclosed first bracket is part of the name (PHP turns it into `_`); a later one ends the key.
    if (close < 0) return path.length === 1 ? [`${path[0]}_${key.slice(open + 1)}`] : path;
    if (path.length > maxDepth) throw new B24EventError('TOO_DEEP', `a key nests more than ${maxDepth} levels`);
    path.push(key.slice(i + 1, close));
    i = close + 1;
  }
  return path;
}

/** The tree of a body's pairs (see the module comment). */
export function formTree(pairs: Iterable<readonly [string, string]>, maxDepth = DEFAULT_MAX_DEPTH): FormTree {
  const root: FormTree = Object.create(null) as FormTree;
  const next = new WeakMap<FormTree, number>();
  for (const [key, value] of pairs) {
    const path = keyPath(key, maxDepth);
    if (!path) continue;
    let node = root;
    for (let d = 0; d < path.length; d++) {
      let seg = path[d]!;
      if (FORBIDDEN.has(seg)) throw new B24EventError('FORBIDDEN_KEY', `a key has the segment "${seg}"`);
      if (seg === '' && d > 0) seg = String(next.get(node) ?? 0);
      if (INDEX.test(seg)) next.set(node, Math.max(next.get(node) ?? 0, Number(seg) + 1));
      if (d === path.length - 1) {
        node[seg] = value;
        break;
      }
      let child = node[seg];
      if (typeof child !== 'object') node[seg] = child = Object.create(null) as FormTree;
      node = child;
    }
  }
  return root;
}
