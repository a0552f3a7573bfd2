/** The name cell of parameter rows: required markers, types on the same or next line, unions, synonyms. */
import { describe, expect, it } from 'vitest';
import { splitUnion } from '../../generator/src/extract/name-cell.js';
import { DT, brief, params, row } from './helpers.js';

describe('name cell: name and required marker', () => {
  const cases: Array<{ given: string; want: [string, string, boolean] }> = [
    { given: row('**A***', 'string'), want: ['A', 'string', true] },
    { given: row('**B**^*^', 'integer'), want: ['B', 'integer', true] },
    { given: row('**C^*^**', 'integer'), want: ['C', 'integer', true] },
    { given: row('**D****', 'integer'), want: ['D', 'integer', true] },
    { given: row('**E**', 'string'), want: ['E', 'string', false] },
    { given: `|| **F*** [\`string\`](${DT}) | name and type on one line ||`, want: ['F', 'string', true] },
    { given: `|| **G**\n[\`boolean\`][1] | reference-style type link ||`, want: ['G', 'boolean', false] },
    { given: row('**UF_\\***', 'string'), want: ['UF_*', 'string', false] },
    { given: row('**fields.CONTACT_ID**', 'integer'), want: ['fields.CONTACT_ID', 'integer', false] },
  ];
  it.each(cases)('$given', ({ given, want }) => {
    expect(brief(params([given], `\n[1]: ${DT}\n`))).toEqual([want]);
  });

  it('two names `**A*** \\| **B***` are synonyms: both listed, neither required alone', () => {
    const got = params([row('**REPORT_ID*** \\| **ID***', 'integer')]);
    expect(brief(got)).toEqual([
      ['REPORT_ID', 'integer', false],
      ['ID', 'integer', false],
    ]);
  });

  it('keeps the rows of a table in documented order', () => {
    const got = params([row('**Z***', 'string'), row('**A**', 'integer'), row('**M**', 'boolean')]);
    expect(got.map((f) => f.name)).toEqual(['Z', 'A', 'M']);
  });
});

describe('name cell: unions', () => {
  const cases: Array<{ label: string; given: string; want: string }> = [
    { label: 'two linked code spans and an escaped pipe', given: `|| **U**\n[\`integer\`](${DT}) \\| [\`string\`](${DT}) | d ||`, want: 'integer | string' },
    { label: 'one link around `a` \\| `b`', given: `|| **U**\n[\`integer\` \\| \`string\`](${DT}) | d ||`, want: 'integer | string' },
    { label: 'one type per line', given: `|| **U**\n[\`integer\`](${DT})\n[\`string\`](${DT}) | d ||`, want: 'integer | string' },
    { label: 'slash-separated', given: row('**U**', 'integer/array'), want: 'integer | array' },
  ];
  it.each(cases)('$label', ({ given, want }) => {
    const [f] = params([given]);
    expect(f?.docType).toBe(want);
  });

  it('an integer|string union is typed as a union of number and string', () => {
    const [f] = params([`|| **U**\n[\`integer\`](${DT}) \\| [\`string\`](${DT}) | d ||`]);
    expect(f?.type).toEqual({ kind: 'union', of: [{ kind: 'number' }, { kind: 'string' }] });
  });

  it('integer/array is a union of number and an open array', () => {
    const [f] = params([row('**U**', 'integer/array')]);
    expect(f?.type).toEqual({ kind: 'union', of: [{ kind: 'number' }, { kind: 'array', items: { kind: 'unknown' } }] });
  });

  const split: Array<{ given: string; want: string[] }> = [
    { given: '`integer` | `string`', want: ['integer', 'string'] },
    { given: 'integer \\| string', want: ['integer', 'string'] },
    { given: 'integer\nstring', want: ['integer', 'string'] },
    { given: 'integer or string', want: ['integer', 'string'] },
    { given: 'integer, string', want: ['integer', 'string'] },
    { given: 'integer/array', want: ['integer', 'array'] },
    { given: 'string[]/object', want: ['string[]', 'object'] },
    { given: 'catalog_product.id', want: ['catalog_product.id'] },
    { given: '', want: [] },
  ];
  it.each(split)('splitUnion($given)', ({ given, want }) => {
    expect(splitUnion(given)).toEqual(want);
  });
});
