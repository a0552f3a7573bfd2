/** Sub-tables tied to their field, dotted names, conditional-required relaxing. */
import { describe, expect, it } from 'vitest';
import { headingNames } from '../../generator/src/extract/nested.js';
import { brief, extract, head, params, row, table } from './helpers.js';

const sub = (heading: string, rows: string[]) => `\n${heading}\n\n${table(rows)}`;
const members = [row('**TITLE**', 'string'), row('**TYPE_ID**', 'crm_status')];

describe('sub-tables', () => {
  const cases: Array<{ label: string; main: string; heading: string; name: string }> = [
    { label: 'anchor in the description', main: row('**fields***', 'object', 'Values [(detailed description)](#fields)'), heading: '### Parameter fields {#fields}', name: 'fields' },
    { label: 'anchor in the type cell', main: `|| **fields***\n[\`object\`](#fld) | Values ||`, heading: '### Deal object {#fld}', name: 'fields' },
    { label: 'heading "Parameter fields"', main: row('**fields***', 'object'), heading: '### Parameter fields', name: 'fields' },
    { label: 'heading "FIELDS parameter"', main: row('**FIELDS***', 'object'), heading: '### FIELDS parameter', name: 'FIELDS' },
  ];
  it.each(cases)('tied by $label', ({ main, heading, name }) => {
    const got = params([main], sub(heading, members));
    expect(got.map((f) => f.name)).toEqual([name]);
    expect(brief(got[0]?.fields ?? [])).toEqual([
      ['TITLE', 'string', false],
      ['TYPE_ID', 'crm_status', false],
    ]);
    expect(got[0]?.required).toBe(true);
  });

  it('nests recursively: a sub-table field with its own sub-table', () => {
    const got = params(
      [row('**fields**', 'object', '[details](#fields)')],
      sub('### Parameter fields {#fields}', [row('**PHONE**', 'object', '[details](#phone)')]) + sub('### Parameter PHONE {#phone}', [row('**VALUE**', 'string')]),
    );
    expect(got[0]?.fields?.[0]?.fields?.map((f) => f.name)).toEqual(['VALUE']);
  });

  it('a scalar pointing at a sub-table gets the rows as allowed values', () => {
    const got = params([row('**MODE**', 'string', 'See [modes](#modes)')], sub('### Modes {#modes}', [row('**fast**', 'string', 'Quick'), row('**slow**', 'string', 'Careful')]));
    expect(got[0]?.fields).toBeUndefined();
    expect(got[0]?.values).toEqual([
      { value: 'fast', description: 'Quick' },
      { value: 'slow', description: 'Careful' },
    ]);
  });

  it('a sub-table tied to no field is reported as info, not attached', () => {
    const r = extract(`${head()}## Method parameters\n\n${table([row('**ID**', 'integer')])}${sub('### Unrelated things', members)}`);
    expect(r.method?.params.map((f) => [f.name, f.fields])).toEqual([['ID', undefined]]);
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ severity: 'info', ruleId: 'nested-unlinked' }));
  });

  const names: Array<{ given: string; want: string[] }> = [
    { given: 'Parameter fields', want: ['fields'] },
    { given: 'FIELDS parameter', want: ['fields'] },
    { given: 'Deal object', want: ['deal'] },
    { given: 'Parameter `data[]`', want: ['data'] },
  ];
  it.each(names)('headingNames($given)', ({ given, want }) => {
    expect(headingNames(given)).toEqual(want);
  });
});

describe('dotted names', () => {
  it('`fields.CONTACT_ID` moves under the `fields` row of the same table', () => {
    const got = params([row('**fields***', 'object'), row('**fields.CONTACT_ID**', 'integer', 'contact'), row('**fields[TITLE]**', 'string')]);
    expect(got.map((f) => f.name)).toEqual(['fields']);
    expect(brief(got[0]?.fields ?? [])).toEqual([
      ['CONTACT_ID', 'integer', false],
      ['TITLE', 'string', false],
    ]);
  });

  it('a dotted name without a parent row stays as it is', () => {
    expect(params([row('**fields.CONTACT_ID**', 'integer')]).map((f) => f.name)).toEqual(['fields.CONTACT_ID']);
  });
});

describe('conditional required', () => {
  it('"At least one of … `A` or `B`" makes neither required; other rows keep their marker', () => {
    const got = params([
      row('**IBLOCK_ID***', 'integer', 'At least one of the parameters must be specified: `IBLOCK_ID` or `IBLOCK_CODE`'),
      row('**IBLOCK_CODE***', 'string', 'Code'),
      row('**NAME***', 'string', 'Name'),
    ]);
    expect(got.map((f) => [f.name, f.required])).toEqual([
      ['IBLOCK_ID', false],
      ['IBLOCK_CODE', false],
      ['NAME', true],
    ]);
  });

  const conditional = ['Required if `CODE` is not specified', 'Either this or `CODE`', 'Use instead of `CODE`'];
  it.each(conditional)('a marker with "%s" is not required', (desc) => {
    expect(params([row('**ID***', 'integer', desc)])[0]?.required).toBe(false);
  });

  it('an unconditional marker stays required', () => {
    expect(params([row('**ID***', 'integer', 'Identifier of the record')])[0]?.required).toBe(true);
  });
});

describe('field descriptions', () => {
  it('links to other pages become absolute docs-site URLs', () => {
    const [f] = params([row('**ID**', 'integer', 'See [crm.deal.get](../deals/crm-deal-get.md)')]);
    expect(f?.description).toBe('See [crm.deal.get](https://apidocs.bitrix24.com/api-reference/crm/deals/crm-deal-get.html)');
  });

  it('the row type defaults from a Type column in `name | type | description` tables', () => {
    const md = `${head()}## Method parameters\n\n#|\n|| **Name** | **Type** | **Description** ||\n|| **ID** | \`integer\` | Identifier ||\n|#\n`;
    expect(brief(extract(md).method?.params ?? [])).toEqual([['ID', 'integer', false]]);
  });

  it('a row without a readable name is reported as a warning', () => {
    const r = extract(`${head()}## Method parameters\n\n${table([row('**ID**', 'integer'), '|| 123 weird | text ||'])}`);
    expect(r.method?.params.map((f) => f.name)).toEqual(['ID']);
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ severity: 'warning', ruleId: 'field-name' }));
  });

  it('a row with no type is an info diagnostic and an unknown type', () => {
    const r = extract(`${head()}## Method parameters\n\n${table(['|| **ID** | Identifier ||'])}`);
    expect(r.method?.params[0]).toMatchObject({ name: 'ID', docType: '', type: { kind: 'unknown' } });
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ severity: 'info', ruleId: 'field-type' }));
  });
});
