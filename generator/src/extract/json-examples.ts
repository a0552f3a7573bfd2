/**
 * JSON code blocks of a page section (response examples, event payloads), parsed tolerantly:
 * the docs write `// comments`, trailing commas, `...` ellipses and escaped slashes in them.
 */
import type { RootContent } from 'mdast';
import type { IrJsonExample } from '../ir/types.js';
import { lineOf } from './mdast-text.js';

/** Removes `//` and `/* *\/` comments outside strings, and `...` placeholders for omitted items. */
function stripNonJson(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '.' && text.startsWith('...', i)) {
      i += 2;
    } else if (c === '…') {
      // a typographic ellipsis stands for omitted items too
    } else out += c;
  }
  return out;
}

/** A JSON value, or undefined when the text is not JSON even after removing comments and ellipses. */
export function parseLooseJson(text: string): unknown {
  const attempts = [text, () => stripNonJson(text).replace(/,(\s*[}\]])/g, '$1').replace(/([{[,]\s*),/g, '$1')];
  for (const a of attempts) {
    try {
      return JSON.parse(typeof a === 'string' ? a : a());
    } catch {
      // next attempt
    }
  }
  return undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every JSON code block under the nodes (inside tabs, notes and cuts too) that parses to an object. */
export function jsonBlocks(nodes: readonly RootContent[]): IrJsonExample[] {
  const out: IrJsonExample[] = [];
  const walk = (list: readonly RootContent[]) => {
    for (const n of list) {
      if (n.type === 'code' && (!n.lang || /^(json|js|javascript|json5)$/i.test(n.lang)) && /^\s*[{[]/.test(n.value)) {
        const value = parseLooseJson(n.value);
        if (isObject(value)) out.push({ line: lineOf(n), value });
      } else if ('children' in n && Array.isArray(n.children)) walk(n.children as RootContent[]);
    }
  };
  walk(nodes);
  return out;
}

/** Response examples: JSON blocks that carry a `result` member (error examples are left out). */
export function responseExamples(nodes: readonly RootContent[]): IrJsonExample[] {
  return jsonBlocks(nodes).filter((e) => isObject(e.value) && 'result' in e.value);
}
