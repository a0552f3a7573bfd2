import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../generator/src/diagnostics/diagnostic.js';
import { parsePage } from '../../generator/src/parse/parse-page.js';
import { DOCS_ROOT, readDocs } from './helpers.js';

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith('.md')) out.push(p);
  }
  return out;
}

describe('corpus', () => {
  it('parses every page of api-reference without an exception escaping', () => {
    const files = walk(join(DOCS_ROOT, 'api-reference')).sort();
    const texts = files.map((f) => readFileSync(f, 'utf8'));
    const cache = new Map<string, Root>();
    const counts: Record<string, number> = {};
    const messages: Diagnostic[] = [];
    let parseMs = 0;
    const t0 = performance.now();
    for (let i = 0; i < files.length; i++) {
      const rel = relative(DOCS_ROOT, files[i]!);
      const s = performance.now();
      const result = parsePage(texts[i]!, rel, { readFile: readDocs, cache, docsRoot: DOCS_ROOT });
      parseMs += performance.now() - s;
      messages.push(...result.messages);
      visit(result.tree, (n) => {
        if (n.type.startsWith('yfm')) counts[n.type] = (counts[n.type] ?? 0) + 1;
      });
    }
    const totalMs = performance.now() - t0;
    const byRule: Record<string, number> = {};
    for (const m of messages) byRule[m.ruleId ?? '?'] = (byRule[m.ruleId ?? '?'] ?? 0) + 1;
    console.log(
      `corpus: ${files.length} pages, parse ${(parseMs / 1000).toFixed(1)} s ` +
        `(${(files.length / (parseMs / 1000)).toFixed(0)} pages/s, ${(parseMs / files.length).toFixed(1)} ms/page), ` +
        `total ${(totalMs / 1000).toFixed(1)} s`,
    );
    console.log('nodes:', JSON.stringify(counts));
    console.log(`diagnostics: ${messages.length}`, JSON.stringify(byRule));
    for (const m of messages) console.log(`  ${m.file}:${m.line} ${m.severity} ${m.ruleId} ${m.message.slice(0, 100)}`);

    expect(files.length).toBeGreaterThan(2000);
    expect(messages.filter((m) => m.ruleId === 'parse-exception')).toEqual([]);
    expect(messages.filter((m) => m.ruleId?.startsWith('yfm-include-'))).toEqual([]);
    expect(counts.yfmTable).toBeGreaterThan(6000);
    expect(counts.yfmTabs).toBeGreaterThan(1700);
    expect(counts.yfmNote).toBeGreaterThan(1100);
    expect(counts.yfmCut).toBe(4);
    expect(counts.yfmIf ?? 0).toBe(0);
  }, 300_000);
});
