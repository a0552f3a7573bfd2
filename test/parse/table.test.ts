import { describe, expect, it } from 'vitest';
import type { Code, InlineCode, Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import { all, cells, parseFixture, text } from './helpers.js';
import { splitTable } from '../../generator/src/parse/remark-yfm/mdast/split.js';

const lines = (...l: string[]) => l.join('\n') + '\n';

describe('yfm table: structure', () => {
  it('splits rows and cells, with multi-line cells, paragraphs and lists', () => {
    const md = lines(
      '# Title',
      '',
      '#|',
      '|| **Name**',
      '`type` | **Description** ||',
      '|| **ID***',
      '[`integer`](../data-types.md) | First paragraph.',
      '',
      'Second paragraph. Possible values:',
      '- `A` — first',
      '- `B` — second ||',
      '|#',
      '',
      'After.',
    );
    const { tree, messages } = parseFixture(md);
    expect(messages).toEqual([]);
    const [table] = all(tree, 'yfmTable');
    expect(table).toBeDefined();
    expect(table!.position?.start.line).toBe(3);
    expect(table!.position?.end.line).toBe(12);
    expect(table!.children).toHaveLength(2);
    const row = table!.children[1]!;
    expect(row.position?.start.line).toBe(6);
    expect(row.children.map((c) => c.children.map((n) => n.type))).toEqual([
      ['paragraph'],
      ['paragraph', 'paragraph', 'list'],
    ]);
    expect(text(row.children[0]!)).toBe('ID*\ninteger');
    const list = row.children[1]!.children[2]!;
    expect(list.position?.start.line).toBe(10);
    expect(all(list as Nodes, 'listItem').map((li) => li.position?.start.line)).toEqual([10, 11]);
    expect(tree.children.at(-1)?.type).toBe('paragraph');
  });

  it('keeps `|`, `||` and `|#` inside fenced code in a cell', () => {
    const md = lines(
      '#|',
      '|| a | Example:',
      '```js',
      'x = a || b | c;',
      '|#',
      '```',
      'done ||',
      '|#',
    );
    const { tree, messages } = parseFixture(md);
    expect(messages).toEqual([]);
    const [table] = all(tree, 'yfmTable');
    expect(table!.children).toHaveLength(1);
    const cell = table!.children[0]!.children[1]!;
    const code = cell.children[1] as Code;
    expect(code.type).toBe('code');
    expect(code.lang).toBe('js');
    expect(code.value).toBe('x = a || b | c;\n|#');
    expect(code.position?.start.line).toBe(3);
    expect(text(cell.children[2]!)).toBe('done');
    expect(cell.children[2]!.position?.start.line).toBe(7);
  });

  it('parses a nested `#|` table inside a cell as a nested yfmTable', () => {
    const md = lines(
      '#|',
      '|| outer | Variants:',
      '',
      '#|',
      '|| inner1 | x ||',
      '|| inner2 | y ||',
      '|#',
      'tail ||',
      '|| second | row ||',
      '|#',
    );
    const { tree, messages } = parseFixture(md);
    expect(messages).toEqual([]);
    const tables = all(tree, 'yfmTable');
    expect(tables).toHaveLength(2);
    const [outer, inner] = tables;
    expect(cells(outer!)).toHaveLength(2);
    expect(outer!.children[0]!.children[1]!.children.map((n) => n.type)).toEqual(['paragraph', 'yfmTable', 'paragraph']);
    expect(cells(inner!)).toEqual([
      ['inner1', 'x'],
      ['inner2', 'y'],
    ]);
    expect(inner!.position?.start.line).toBe(4);
    expect(inner!.children[1]!.position?.start.line).toBe(6);
    expect(inner!.children[1]!.children[1]!.children[0]!.position?.start.line).toBe(6);
    expect(cells(outer!)[1]).toEqual(['second', 'row']);
  });

  it('turns `\\|` into a literal `|` in text and in inline code', () => {
    const md = lines(
      '#|',
      '|| **TYPE**',
      '[`string` \\| `object`](../data-types.md) | `object\\|array` or a \\| b ||',
      '|#',
    );
    const { tree } = parseFixture(md);
    const [table] = all(tree, 'yfmTable');
    expect(cells(table!)).toEqual([['TYPE\nstring | object', 'object|array or a | b']]);
    const codes = all(tree, 'inlineCode').map((c: InlineCode) => c.value);
    expect(codes).toEqual(['string', 'object', 'object|array']);
    const link = all(tree, 'link')[0]!;
    expect(link.url).toBe('../data-types.md');
  });

  it('splits a cell at an unescaped `|` inside inline code (as Diplodoc does)', () => {
    const { tree } = parseFixture(lines('#|', '|| **a**', '`string | null` | desc ||', '|#'));
    const [table] = all(tree, 'yfmTable');
    expect(table!.children[0]!.children).toHaveLength(3);
  });

  it('marks `>` and `^` merge cells', () => {
    const { tree } = parseFixture(lines('#|', '|| a | b ||', '|| > | c ||', '|| ^ | d ||', '|#'));
    const [table] = all(tree, 'yfmTable');
    expect(table!.children.map((r) => r.children.map((c) => c.merge ?? null))).toEqual([
      [null, null],
      ['left', null],
      ['up', null],
    ]);
    expect(table!.children[1]!.children[0]!.children).toEqual([]);
  });

  it('parses headerless tables and empty cells', () => {
    const { tree } = parseFixture(lines('#|', '|| **id** | `1` ||', '||  | empty first ||', '|#'));
    const [table] = all(tree, 'yfmTable');
    expect(cells(table!)).toEqual([
      ['id', '1'],
      ['', 'empty first'],
    ]);
    expect(table!.children[1]!.children[0]!.children).toEqual([]);
    expect(table!.children[1]!.children[0]!.position?.start.line).toBe(3);
  });

  it('resolves reference-style links in cells against definitions anywhere on the page', () => {
    const md = lines('#|', '|| **ID**', '[`integer`][1] | x ||', '|#', '', '[1]: ../data-types.md');
    const { tree } = parseFixture(md);
    const [table] = all(tree, 'yfmTable');
    const refs = all(table!, 'linkReference');
    expect(refs).toHaveLength(1);
    expect(refs[0]!.identifier).toBe('1');
    expect(refs[0]!.position?.start.line).toBe(3);
    expect(all(table!, 'definition')).toHaveLength(0);
    expect(all(tree, 'definition')).toHaveLength(1);
  });

  it('maps positions of every node inside a table back to the page', () => {
    const md = lines('Intro.', '', '#|', '|| a1 | b1 ||', '|| a2', 'more a2 | b2', '', '- item ||', '|#');
    const { tree } = parseFixture(md);
    const [table] = all(tree, 'yfmTable');
    const seen: Array<[string, number, number]> = [];
    visit(table!, (n) => {
      expect(n.position, n.type).toBeDefined();
      if (n.type === 'text') seen.push([(n as { value: string }).value, n.position!.start.line, n.position!.start.column]);
    });
    expect(seen).toEqual([
      ['a1', 4, 4],
      ['b1', 4, 9],
      ['a2\nmore a2', 5, 4],
      ['b2', 6, 11],
      ['item', 8, 3],
    ]);
  });

  it('reads a table indented 4 spaces inside a `{% list tabs %}` item', () => {
    const md = lines(
      '{% list tabs %}',
      '',
      '- Tab one',
      '',
      '    #|',
      '    || **Name**',
      '    `type` | **Description** ||',
      '    || **result**',
      '    [`object`](x.md) | Values:',
      '',
      '    - `A` — a',
      '    - `B` — b ||',
      '    |#',
      '',
      '- Tab two',
      '',
      '    Text.',
      '',
      '{% endlist %}',
    );
    const { tree, messages } = parseFixture(md);
    expect(messages).toEqual([]);
    const [tabs] = all(tree, 'yfmTabs');
    expect(tabs!.children.map((t) => t.title)).toEqual(['Tab one', 'Tab two']);
    const table = tabs!.children[0]!.children[0]!;
    expect(table.type).toBe('yfmTable');
    const t = table as Extract<typeof table, { type: 'yfmTable' }>;
    expect(cells(t)).toEqual([
      ['Name\ntype', 'Description'],
      ['result\nobject', 'Values:A — aB — b'],
    ]);
    expect(t.children[1]!.children[1]!.children.map((n) => n.type)).toEqual(['paragraph', 'list']);
    expect(t.children[1]!.children[1]!.children[1]!.position?.start.line).toBe(11);
  });

  it('lets `{% note %}` blocks live inside cells', () => {
    const md = lines('#|', '|| a | Text', '', '{% note warning %}', '', 'Careful.', '', '{% endnote %}', '||', '|#');
    const { tree, messages } = parseFixture(md);
    expect(messages).toEqual([]);
    const [note] = all(tree, 'yfmNote');
    expect(note?.noteType).toBe('warning');
    expect(note?.position?.start.line).toBe(4);
    expect(text(note!)).toBe('Careful.');
  });
});

describe('yfm table: malformed input', () => {
  it('reports `#|` with no `|#` and leaves the text as a paragraph', () => {
    const md = lines('# T', '', 'Text.', '', '#|', '|| a | b ||', '', 'More.');
    const { tree, messages } = parseFixture(md);
    expect(all(tree, 'yfmTable')).toHaveLength(0);
    expect(messages).toMatchObject([{ line: 5, ruleId: 'yfm-table-unclosed', severity: 'warning' }]);
  });

  it('does not let a table interrupt a paragraph (reported)', () => {
    const { tree, messages } = parseFixture(lines('Para line', '#|', '|| a ||', '|#'));
    expect(all(tree, 'yfmTable')).toHaveLength(0);
    expect(messages).toMatchObject([{ line: 2, ruleId: 'yfm-table-unclosed' }]);
  });

  it('reports text outside rows (e.g. a doubled `|| ||` close) with its line', () => {
    const md = lines('#|', '|| a | b || ||', '|| **c**', '`t` | d ||', '|#');
    const { tree, messages } = parseFixture(md);
    const [table] = all(tree, 'yfmTable');
    expect(table).toBeDefined();
    // `|| ||` closes row 1 and opens an empty row, closed by the `||` of line 3; `**c**...d` is
    // then outside any row and its trailing `||` opens a row that `|#` leaves open.
    expect(messages.map((m) => [m.ruleId, m.line])).toEqual([
      ['yfm-table-stray-text', 3],
      ['yfm-table-unclosed-row', 4],
    ]);
    expect(cells(table!)[0]).toEqual(['a', 'b']);
  });

  it('does not read `#|` right after a paragraph line inside a cell as a nested table', () => {
    const { tree, messages } = parseFixture(lines('#|', '|| a | Values:', '#|', '|| x ||', '|#', '||', '|#'));
    expect(all(tree, 'yfmTable')).toHaveLength(1);
    expect(messages.map((m) => [m.ruleId, m.line])).toEqual([['yfm-table-unclosed', 3]]);
  });

  it('reports a row left open at `|#` and keeps its cells', () => {
    const { tree, messages } = parseFixture(lines('#|', '|| a | b ||', '|| c | d', '|#'));
    expect(cells(all(tree, 'yfmTable')[0]!)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(messages).toMatchObject([{ line: 3, ruleId: 'yfm-table-unclosed-row' }]);
  });

  it('falls back to per-cell parsing when a cell has an unclosed code fence', () => {
    // The ``` count is odd inside the first cell's second line, so the splitter skips to the
    // next ``` (as Diplodoc does); here the fence is closed by a later line of the same cell.
    const md = lines('#|', '|| a | <!-- open comment', 'x ||', '|| b | c ||', '|#');
    const { tree, messages } = parseFixture(md);
    const [table] = all(tree, 'yfmTable');
    expect(cells(table!).map((r) => r[0])).toEqual(['a', 'b']);
    expect(cells(table!)[1]).toEqual(['b', 'c']);
    expect(messages.map((m) => m.ruleId)).toEqual(['yfm-table-cell-reparse']);
  });
});

describe('splitTable (Diplodoc rules)', () => {
  it('toggles rows with `||`, splits on `|`, skips `\\|`, fences and nested tables', () => {
    const s = '|| a | b\\|c ||\n|| ```\n| x ||\n``` | y\n#|\n|| n | m ||\n|#\n ||';
    const { rows, stray } = splitTable(s);
    expect(stray).toEqual([]);
    expect(rows.map((r) => r.cells.map((c) => s.slice(c.start, c.end).trim()))).toEqual([
      ['a', 'b\\|c'],
      ['```\n| x ||\n```', 'y\n#|\n|| n | m ||\n|#'],
    ]);
  });
});

describe('yfm table: cell separators', () => {
  it('keeps thematic breaks and setext-like lines inside cells as content', () => {
    const md = ['#|', '|| a | before', '', '***', '', 'after ||', '|| b | x', '', '---', '||', '|#', ''].join('\n');
    const { tree, messages } = parseFixture(md);
    expect(messages).toEqual([]);
    const [table] = all(tree, 'yfmTable');
    expect(table!.children[0]!.children[1]!.children.map((n) => n.type)).toEqual(['paragraph', 'thematicBreak', 'paragraph']);
    expect(table!.children[0]!.children[1]!.children[1]!.position?.start.line).toBe(4);
    expect(table!.children[1]!.children[1]!.children.map((n) => n.type)).toEqual(['paragraph', 'thematicBreak']);
    expect(cells(table!).map((r) => r[0])).toEqual(['a', 'b']);
  });
});
