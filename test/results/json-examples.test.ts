/** Response examples as the docs write them: comments, trailing commas and ellipses are tolerated. */
import { describe, expect, it } from 'vitest';
import { parseLooseJson, responseExamples } from '../../generator/src/extract/json-examples.js';
import { parsePage } from '../../generator/src/parse/parse-page.js';

describe('parseLooseJson', () => {
  it('reads strict JSON as is', () => {
    expect(parseLooseJson('{"result": {"ID": "410"}}')).toEqual({ result: { ID: '410' } });
  });
  it('drops comments outside strings, trailing commas and ellipses', () => {
    const text = '{\n  // the deal\n  "result": [{"ID": "1", "URL": "https://x/y"}, ...],\n  /* more */ "total": 2,\n}';
    expect(parseLooseJson(text)).toEqual({ result: [{ ID: '1', URL: 'https://x/y' }], total: 2 });
  });
  it('keeps `//` and `...` inside strings', () => {
    expect(parseLooseJson('{"a": "http://x // y ...", }')).toEqual({ a: 'http://x // y ...' });
  });
  it('gives undefined for text that is no JSON', () => {
    expect(parseLooseJson('Array ( [result] => 1 )')).toBeUndefined();
  });
});

describe('responseExamples', () => {
  it('takes the JSON blocks with a result, inside tabs too, and leaves error bodies out', () => {
    const md = [
      '# x', '', '{% list tabs %}', '', '- JSON', '', '  ```json', '  {"result": {"ID": "1"}, "time": {"start": 1}}', '  ```', '', '{% endlist %}', '',
      '```json', '{"error": "NOT_FOUND", "error_description": "Not found"}', '```', '',
    ].join('\n');
    const { tree } = parsePage(md, 'api-reference/x/x.md', { readFile: () => undefined });
    const found = responseExamples(tree.children);
    expect(found).toHaveLength(1);
    expect(found[0]!.value).toEqual({ result: { ID: '1' }, time: { start: 1 } });
    expect(found[0]!.line).toBeGreaterThan(0);
  });
});
