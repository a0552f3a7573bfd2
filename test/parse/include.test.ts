import { describe, expect, it } from 'vitest';
import type { Root } from 'mdast';
import { VFile } from 'vfile';
import { resolveIncludePath, resolveIncludes } from '../../generator/src/parse/include.js';
import { parsePage } from '../../generator/src/parse/parse-page.js';
import { all, cells, parseFixture, text } from './helpers.js';

const PAGE = 'api-reference/crm/deals/page.md';

describe('resolveIncludePath', () => {
  it('resolves relative to the including file and refuses to leave the root', () => {
    expect(resolveIncludePath(PAGE, '../../../_includes/required.md')).toBe('_includes/required.md');
    expect(resolveIncludePath(PAGE, './_includes/x.md#anchor')).toBe('api-reference/crm/deals/_includes/x.md');
    expect(resolveIncludePath(PAGE, '../../../../etc/passwd')).toBeUndefined();
    expect(resolveIncludePath(PAGE, '/etc/passwd')).toBeUndefined();
    expect(resolveIncludePath(PAGE, 'https://example.com/x.md')).toBeUndefined();
  });
});

describe('includes', () => {
  const files: Record<string, string> = {
    '_includes/system-errors.md': '### Errors\n\n#|\n|| **Code** | **Description** ||\n|| `500` | Internal ||\n|#\n',
    '_includes/required.md': 'Required parameters are marked with `*`\n',
    'api-reference/crm/_includes/nested.md': 'Outer.\n\n{% include [x](../../../_includes/required.md) %}\n',
    '_includes/a.md': '{% include [b](b.md) %}\n',
    '_includes/b.md': '{% include [a](./a.md) %}\n',
    '_includes/broken.md': 'Text\n\n{% endnote %}\n',
  };

  it('resolves a relative include and keeps the fragment title', () => {
    const md = '# T\n\n{% include [system errors](../../../_includes/system-errors.md) %}\n';
    const { tree, messages } = parseFixture(md, files, PAGE);
    expect(messages).toEqual([]);
    const [inc] = all(tree, 'yfmInclude');
    expect(inc).toMatchObject({ path: '../../../_includes/system-errors.md', label: 'system errors', notitle: false });
    expect(inc?.resolved).toBe('_includes/system-errors.md');
    expect(inc?.position?.start.line).toBe(3);
    expect(inc?.children.map((c) => c.type)).toEqual(['heading', 'yfmTable']);
    expect(cells(all(inc!, 'yfmTable')[0]!)).toEqual([
      ['Code', 'Description'],
      ['500', 'Internal'],
    ]);
    // positions inside the fragment refer to the fragment
    expect(all(inc!, 'yfmTable')[0]!.position?.start.line).toBe(3);
  });

  it('drops the leading heading with notitle', () => {
    const md = '{% include notitle [errors](../../../_includes/system-errors.md) %}\n';
    const { tree } = parseFixture(md, files, PAGE);
    const [inc] = all(tree, 'yfmInclude');
    expect(inc?.notitle).toBe(true);
    expect(inc?.children.map((c) => c.type)).toEqual(['yfmTable']);
  });

  it('resolves includes nested in fragments relative to the fragment', () => {
    const md = '{% include [n](../_includes/nested.md) %}\n';
    const { tree, messages } = parseFixture(md, files, PAGE);
    expect(messages).toEqual([]);
    const incs = all(tree, 'yfmInclude');
    expect(incs.map((i) => i.resolved)).toEqual(['api-reference/crm/_includes/nested.md', '_includes/required.md']);
    expect(text(tree)).toBe('Outer.Required parameters are marked with *');
  });

  it('reports a missing fragment, a path outside the root and a cycle, without reading them', () => {
    const read: string[] = [];
    const md = [
      '{% include [m](../../../_includes/missing.md) %}',
      '',
      '{% include [p](../../../../../etc/passwd) %}',
      '',
      '{% include [a](../../../_includes/a.md) %}',
      '',
    ].join('\n');
    const { tree, messages } = parsePage(md, PAGE, {
      readFile: (p) => {
        read.push(p);
        return files[p];
      },
    });
    expect(read).not.toContain('../etc/passwd');
    expect(read.some((p) => p.includes('passwd'))).toBe(false);
    expect(messages.map((m) => [m.file, m.line, m.ruleId, m.severity])).toEqual([
      ['_includes/b.md', 1, 'yfm-include-cycle', 'error'],
      [PAGE, 1, 'yfm-include-missing', 'error'],
      [PAGE, 3, 'yfm-include-outside-root', 'error'],
    ]);
    const incs = all(tree, 'yfmInclude');
    expect(incs[0]?.resolved).toBeUndefined();
    expect(incs[0]?.children).toEqual([]);
    expect(incs[1]?.resolved).toBeUndefined();
    expect(incs[2]?.resolved).toBe('_includes/a.md');
  });

  it('stops at maxDepth', () => {
    const chain: Record<string, string> = {};
    for (let i = 0; i < 8; i++) chain[`_includes/d${i}.md`] = `level ${i}\n\n{% include [n](d${i + 1}.md) %}\n`;
    chain['_includes/d8.md'] = 'bottom\n';
    const { messages } = parsePage('{% include [d](_includes/d0.md) %}\n', 'page.md', {
      readFile: (p) => chain[p],
      maxDepth: 3,
    });
    expect(messages.map((m) => [m.file, m.ruleId])).toEqual([['_includes/d2.md', 'yfm-include-depth']]);
  });

  it('reports diagnostics inside a fragment against the fragment file', () => {
    const { messages } = parseFixture('{% include [b](../../../_includes/broken.md) %}\n', files, PAGE);
    expect(messages).toMatchObject([{ file: '_includes/broken.md', line: 3, ruleId: 'yfm-tag-unmatched-end' }]);
  });

  it('parses a fragment once per cache and splices independent clones', () => {
    const cache = new Map<string, Root>();
    let reads = 0;
    const readFile = (p: string) => {
      reads++;
      return files[p];
    };
    const md = '{% include [e](../../../_includes/system-errors.md) %}\n';
    const first = parsePage(md, PAGE, { readFile, cache });
    const second = parsePage(md, PAGE, { readFile, cache });
    expect(reads).toBe(1);
    expect(cache.has('_includes/system-errors.md')).toBe(true);
    const a = all(first.tree, 'yfmInclude')[0]!;
    const b = all(second.tree, 'yfmInclude')[0]!;
    expect(b.children).toEqual(a.children);
    expect(b.children[0]).not.toBe(a.children[0]);
    a.children.length = 0;
    expect(cache.get('_includes/system-errors.md')!.children).toHaveLength(2);
  });

  it('works on a bare tree with a custom context', () => {
    const tree: Root = {
      type: 'root',
      children: [{ type: 'yfmInclude', path: 'x.md', label: 'x', notitle: false, children: [] }],
    };
    const file = new VFile();
    resolveIncludes(tree, {
      docsRoot: '/docs',
      filePath: 'dir/page.md',
      readFile: (p) => (p === 'dir/x.md' ? 'hello' : undefined),
      parse: () => ({ type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'hello' }] }] }),
      file,
    });
    expect(text(tree)).toBe('hello');
    expect(file.messages).toEqual([]);
  });
});

describe('cloneTree', () => {
  it('deep-clones like structuredClone', async () => {
    const { cloneTree } = await import('../../generator/src/parse/include.js');
    const { tree } = parseFixture('# T\n\n#|\n|| a | b ||\n|#\n');
    const copy = cloneTree(tree);
    expect(copy).toEqual(structuredClone(tree));
    expect(copy).not.toBe(tree);
    expect(copy.children[1]).not.toBe(tree.children[1]);
    expect(copy.children[0]!.position!.start).not.toBe(tree.children[0]!.position!.start);
    const withDate = { a: [1, { d: new Date(0) }] };
    const c2 = cloneTree(withDate);
    expect(c2).toEqual(withDate);
    expect((c2.a[1] as { d: Date }).d).not.toBe((withDate.a[1] as { d: Date }).d);
  });
});
