import { afterEach, describe, expect, it } from 'vitest';
import { isSimpleCell, tableParseOptions } from '../../generator/src/parse/remark-yfm/mdast/table.js';
import { all, cells, parseFixture, parseReal } from './helpers.js';

afterEach(() => {
  tableParseOptions.inlineFastPath = true;
});

describe('inline fast path for simple cells', () => {
  it('classifies cells', () => {
    expect(isSimpleCell('**ID***\n[`integer`](../data-types.md)')).toBe(true);
    expect(isSimpleCell('Text with `code` and *em*')).toBe(true);
    expect(isSimpleCell('Possible values:\n- `A`')).toBe(false);
    expect(isSimpleCell('One.\n\nTwo.')).toBe(false);
    expect(isSimpleCell('Title\n---')).toBe(false);
    expect(isSimpleCell('```\ncode\n```')).toBe(false);
    expect(isSimpleCell('<div>x</div>')).toBe(false);
    expect(isSimpleCell('1. first')).toBe(false);
    expect(isSimpleCell('[1]: https://x')).toBe(false);
    expect(isSimpleCell('ends with a backslash \\')).toBe(false);
  });

  it('falls back per cell when an inline construct would span two cells', () => {
    // Unbalanced backticks and emphasis across cells must not join the cells.
    const md = ['#|', '|| a `b | c` d ||', '|| *e | f* ||', '|| [g | h](x) ||', '|#', ''].join('\n');
    const fast = parseFixture(md);
    tableParseOptions.inlineFastPath = false;
    const slow = parseFixture(md);
    expect(fast.tree).toEqual(slow.tree);
    expect(cells(all(fast.tree, 'yfmTable')[0]!)).toEqual([
      ['a `b', 'c` d'],
      ['*e', 'f*'],
      ['[g', 'h](x)'],
    ]);
  });

  it('gives the same trees (positions included) as the block path on real pages', () => {
    for (const rel of [
      'api-reference/bizproc/bizproc-activity/bizproc-activity-add.md',
      'api-reference/crm/leads/crm-lead-add.md',
      'api-reference/crm/contacts/company/crm-contact-company-add.md',
      'api-reference/catalog/data-types.md',
      'api-reference/landing/block/methods/landing-block-get-content.md',
    ]) {
      tableParseOptions.inlineFastPath = true;
      const fast = parseReal(rel);
      tableParseOptions.inlineFastPath = false;
      const slow = parseReal(rel);
      expect(fast.tree, rel).toEqual(slow.tree);
      expect(fast.messages, rel).toEqual(slow.messages);
    }
  });
});
