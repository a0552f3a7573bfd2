/** Identifiers, property keys, string literals and TSDoc text from docs strings. */
import { describe, expect, it } from 'vitest';
import { camelCase, enumMemberName, isIdentifier, pascalCase, propertyKey, stringLiteral, uniqueNames } from '../../generator/src/emit/naming.js';
import { escapeDoc, tsdoc } from '../../generator/src/emit/tsdoc.js';

describe('pascalCase / camelCase', () => {
  const cases: Array<{ given: string; pascal: string; camel: string }> = [
    { given: 'bizproc.activity.log', pascal: 'BizprocActivityLog', camel: 'bizprocActivityLog' },
    { given: 'crm.deal.add', pascal: 'CrmDealAdd', camel: 'crmDealAdd' },
    { given: 'user.getList', pascal: 'UserGetList', camel: 'userGetList' },
    { given: 'CRM_STATUS', pascal: 'CrmStatus', camel: 'crmStatus' },
    { given: 'catalog_product.id', pascal: 'CatalogProductId', camel: 'catalogProductId' },
    { given: '3d.model', pascal: 'N3dModel', camel: 'n3dModel' },
    { given: '', pascal: 'X', camel: 'x' },
    { given: '...', pascal: 'X', camel: 'x' },
  ];
  it.each(cases)('$given', ({ given, pascal, camel }) => {
    expect(pascalCase(given)).toBe(pascal);
    expect(camelCase(given)).toBe(camel);
  });

  const reserved = ['delete', 'default', 'class', 'new', 'import', 'function', 'enum', 'await', 'yield', 'let', 'static', 'arguments', 'eval', 'type', 'string'];
  it.each(reserved)('reserved word %s gets a trailing underscore', (word) => {
    expect(camelCase(word)).toBe(`${word}_`);
  });

  it('non-reserved words stay', () => {
    expect(camelCase('list')).toBe('list');
    expect(camelCase('profile')).toBe('profile');
  });
});

describe('propertyKey', () => {
  const cases: Array<{ given: string; want: string }> = [
    { given: 'TITLE', want: 'TITLE' },
    { given: '$id', want: '$id' },
    { given: '_x1', want: '_x1' },
    { given: 'a-b', want: "'a-b'" },
    { given: '123abc', want: "'123abc'" },
    { given: '__proto__', want: "'__proto__'" },
    { given: 'UF_*', want: "'UF_*'" },
    { given: 'fields.ID', want: "'fields.ID'" },
    { given: 'PARENT_ID_...', want: "'PARENT_ID_...'" },
    { given: '', want: "''" },
    { given: "it's", want: "'it\\'s'" },
  ];
  it.each(cases)('$given → $want', ({ given, want }) => {
    expect(propertyKey(given)).toBe(want);
  });

  it('isIdentifier', () => {
    expect(['a', 'A1', '_', '$'].every(isIdentifier)).toBe(true);
    expect(['1a', 'a-b', 'a b', '', 'ä'].some(isIdentifier)).toBe(false);
  });
});

describe('stringLiteral', () => {
  const cases: Array<{ label: string; given: string; want: string }> = [
    { label: 'plain', given: 'abc', want: "'abc'" },
    { label: 'single quote', given: "it's", want: "'it\\'s'" },
    { label: 'double quote stays', given: 'say "hi"', want: "'say \"hi\"'" },
    { label: 'backslash', given: 'a\\b', want: "'a\\\\b'" },
    { label: 'newline, CR, tab', given: 'a\nb\rc\td', want: "'a\\nb\\rc\\td'" },
    { label: 'U+2028 and U+2029', given: 'a\u2028b\u2029c', want: "'a\\u2028b\\u2029c'" },
    { label: 'NUL and DEL', given: 'a\u0000b\u007f', want: "'a\\u0000b\\u007f'" },
    { label: 'unicode letters stay', given: 'Сделка №1', want: "'Сделка №1'" },
  ];
  it.each(cases)('$label', ({ given, want }) => {
    expect(stringLiteral(given)).toBe(want);
  });

  const roundTrip = ["it's", 'a\\b', 'x\u2028y', 'q"\'\n\t', '\u0001\u001f', '${x}`'];
  it.each(roundTrip)('evaluates back to the input: %j', (s) => {
    expect(new Function(`return ${stringLiteral(s)};`)()).toBe(s);
  });
});

describe('enumMemberName and uniqueNames', () => {
  const cases: Array<{ given: string; want: string }> = [
    { given: 'ERROR_CORE', want: 'ERROR_CORE' },
    { given: '400', want: 'CODE_400' },
    { given: '-1', want: 'CODE_1' },
    { given: 'bizproc:ERR.X', want: 'bizproc_ERR_X' },
    { given: '---', want: 'EMPTY' },
  ];
  it.each(cases)('$given → $want', ({ given, want }) => {
    expect(enumMemberName(given)).toBe(want);
  });

  it('uniqueNames appends _2, _3 in first-come order, case-insensitively when asked', () => {
    expect(uniqueNames(['a', 'b', 'a', 'a'])).toEqual(['a', 'b', 'a_2', 'a_3']);
    expect(uniqueNames(['Foo', 'foo', 'FOO'], (n) => n.toLowerCase())).toEqual(['Foo', 'foo_2', 'FOO_3']);
    expect(uniqueNames(['a', 'a_2', 'a'])).toEqual(['a', 'a_2', 'a_3']);
  });
});

describe('escapeDoc and tsdoc', () => {
  const cases: Array<{ label: string; given: string; want: string }> = [
    { label: '*/ cannot close the comment', given: 'a */ b', want: 'a *\\/ b' },
    { label: '@ cannot start a tag', given: 'mail me@example.com @param', want: 'mail me\\@example.com \\@param' },
    { label: 'CRLF and U+2028 become newlines', given: 'a\r\nb\u2028c', want: 'a\nb\nc' },
    { label: 'NUL dropped, outer space trimmed', given: '  a\u0000b  ', want: 'ab' },
  ];
  it.each(cases)('$label', ({ given, want }) => {
    expect(escapeDoc(given)).toBe(want);
  });

  it('escaped text never contains a comment terminator', () => {
    for (const s of ['*/', '**/', '*/*/', 'x*/y', '/* */']) expect(escapeDoc(s)).not.toContain('*/');
  });

  it('tsdoc joins paragraphs and tags, skipping empty ones', () => {
    expect(tsdoc(['First.', '', null, 'Second @x.'], [{ tag: 'see', text: 'link' }, { tag: 'deprecated', text: '' }])).toBe('First.\n\nSecond \\@x.\n\n@see link\n\n@deprecated');
  });
});
