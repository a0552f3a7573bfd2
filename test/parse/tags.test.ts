import { describe, expect, it } from 'vitest';
import type { Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { remarkYfm } from '../../generator/src/parse/remark-yfm/index.js';
import { all, parseFixture, text } from './helpers.js';

const lines = (...l: string[]) => l.join('\n') + '\n';

describe('notes and cuts', () => {
  it('builds notes with a title, an empty title and no title', () => {
    const md = lines(
      '{% note warning "DEPRECATED" %}',
      '',
      'Old.',
      '',
      '{% endnote %}',
      '',
      '{% note info "" %}',
      '',
      'Empty title.',
      '',
      '{% endnote %}',
      '',
      '{% note tip %}',
      'No title, no blank lines.',
      '{% endnote %}',
    );
    const { tree, messages } = parseFixture(md);
    expect(messages).toEqual([]);
    const notes = all(tree, 'yfmNote');
    expect(notes.map((n) => [n.noteType, n.title, text(n)])).toEqual([
      ['warning', 'DEPRECATED', 'Old.'],
      ['info', '', 'Empty title.'],
      ['tip', null, 'No title, no blank lines.'],
    ]);
    expect(notes.map((n) => [n.position?.start.line, n.position?.end.line])).toEqual([
      [1, 5],
      [7, 11],
      [13, 15],
    ]);
    expect(tree.children.map((c) => c.type)).toEqual(['yfmNote', 'yfmNote', 'yfmNote']);
  });

  it('builds a cut with its title and nested note', () => {
    const md = lines('{% cut "Show details" %}', '', '{% note alert %}', 'x', '{% endnote %}', '', '{% endcut %}');
    const { tree, messages } = parseFixture(md);
    expect(messages).toEqual([]);
    const [cut] = all(tree, 'yfmCut');
    expect(cut?.title).toBe('Show details');
    expect(cut?.children.map((c) => c.type)).toEqual(['yfmNote']);
  });

  it('does not treat a tag in the middle of a line as a tag', () => {
    const { tree } = parseFixture('Use {% note %} like this.\n');
    expect(tree.children.map((c) => c.type)).toEqual(['paragraph']);
    expect(text(tree)).toBe('Use {% note %} like this.');
  });
});

describe('list tabs', () => {
  it('turns `- Tab name` items into yfmTab nodes', () => {
    const md = lines(
      '{% list tabs %}',
      '',
      '- cURL (Webhook)',
      '',
      '    ```bash',
      '    curl -X POST',
      '    ```',
      '',
      '- JS',
      '',
      '    ```js',
      '    call();',
      '    ```',
      '',
      '    {% note info %}',
      '',
      '    In a tab.',
      '',
      '    {% endnote %}',
      '',
      '{% endlist %}',
      '',
      '## Next',
    );
    const { tree, messages } = parseFixture(md);
    expect(messages).toEqual([]);
    const [tabs] = all(tree, 'yfmTabs');
    expect(tabs?.position?.start.line).toBe(1);
    expect(tabs?.position?.end.line).toBe(21);
    expect(tabs?.children.map((t) => [t.title, t.children.map((c) => c.type), t.position?.start.line])).toEqual([
      ['cURL (Webhook)', ['code'], 3],
      ['JS', ['code', 'yfmNote'], 9],
    ]);
    expect(tree.children.map((c) => c.type)).toEqual(['yfmTabs', 'heading']);
  });
});

describe('if blocks', () => {
  const md = lines(
    '# T',
    '',
    "{% if build == 'dev' %}",
    '',
    '{% note alert "TO-DO _not exported to prod_" %}',
    '',
    '- gaps',
    '',
    '{% endnote %}',
    '',
    '{% endif %}',
    '',
    '{% if audience == "external" %}',
    'Kept.',
    '{% endif %}',
  );

  it("drops `build == 'dev'` blocks and keeps other conditions as yfmIf", () => {
    const { tree, messages } = parseFixture(md);
    expect(messages).toEqual([]);
    expect(all(tree, 'yfmNote')).toHaveLength(0);
    const ifs = all(tree, 'yfmIf');
    expect(ifs.map((n) => [n.condition, text(n)])).toEqual([['audience == "external"', 'Kept.']]);
  });

  it('takes a dropIf option', () => {
    const processor = unified().use(remarkParse).use(remarkYfm, { dropIf: () => false });
    const file = new VFile(md);
    const tree = processor.runSync(processor.parse(file), file) as Root;
    expect(all(tree, 'yfmIf').map((n) => n.condition)).toEqual(["build == 'dev'", 'audience == "external"']);
    expect(all(tree, 'yfmNote')).toHaveLength(1);
  });
});

describe('unbalanced tags', () => {
  it('reports a stray end tag with its line and drops it', () => {
    const md = lines('# T', '', '{% note info %}', 'a', '{% endnote %}', '', 'b', '', '{% endnote %}', '', '{% endlist %}');
    const { tree, messages } = parseFixture(md);
    expect(messages.map((m) => [m.ruleId, m.line, m.severity])).toEqual([
      ['yfm-tag-unmatched-end', 9, 'warning'],
      ['yfm-tag-unmatched-end', 11, 'warning'],
    ]);
    expect(tree.children.map((c) => c.type)).toEqual(['heading', 'yfmNote', 'paragraph']);
  });

  it('reports an unclosed tag and keeps its content in place (sections are not swallowed)', () => {
    const md = lines('# T', '', '{% note warning %}', '', 'Careful.', '', '## Parameters', '', 'Text.');
    const { tree, messages } = parseFixture(md);
    expect(messages).toMatchObject([{ ruleId: 'yfm-tag-unclosed', line: 3, file: 'api-reference/section/page.md' }]);
    expect(tree.children.map((c) => c.type)).toEqual(['heading', 'paragraph', 'heading', 'paragraph']);
  });

  it('closes the matching outer tag and flattens an unclosed inner one', () => {
    const md = lines('{% note info %}', '', '{% cut "x" %}', '', 'inner', '', '{% endnote %}');
    const { tree, messages } = parseFixture(md);
    expect(messages.map((m) => [m.ruleId, m.line])).toEqual([['yfm-tag-unclosed', 3]]);
    const [note] = all(tree, 'yfmNote');
    expect(note?.children.map((c) => c.type)).toEqual(['paragraph']);
  });

  it('reports unknown tags and malformed includes', () => {
    const md = lines('{% else %}', '', '{% include missing-link %}');
    const { tree, messages } = parseFixture(md);
    expect(messages.map((m) => [m.ruleId, m.line])).toEqual([
      ['yfm-tag-unknown', 1],
      ['yfm-include-malformed', 3],
    ]);
    expect(tree.children).toEqual([]);
  });

  it('lets a tag line interrupt a paragraph', () => {
    const md = lines('{% note info %}', 'line one', 'line two', '{% endnote %}', 'after');
    const { tree, messages } = parseFixture(md);
    expect(messages).toEqual([]);
    expect(tree.children.map((c) => c.type)).toEqual(['yfmNote', 'paragraph']);
    expect(text(tree.children[0]!)).toBe('line one\nline two');
  });

  it('reports tags that are paired across different blocks', () => {
    const md = lines('- item', '', '  {% note info %}', '', '  text', '', '{% endnote %}');
    const { messages } = parseFixture(md);
    expect(messages.map((m) => [m.ruleId, m.line]).sort()).toEqual([
      ['yfm-tag-unclosed', 3],
      ['yfm-tag-unmatched-end', 7],
    ]);
  });
});
