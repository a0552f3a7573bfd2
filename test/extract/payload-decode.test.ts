/** The example-payload decoder: JSON, PHP array literals, form bodies and print_r dumps → plain values. */
import { describe, expect, it } from 'vitest';
import { decodePayload, parseForm, parsePhp, parsePrintR } from '../../generator/src/extract/payload-decode.js';

describe('decodePayload', () => {
  it('reads JSON, tolerating trailing commas', () => {
    expect(decodePayload('{ "event": "ONCRMDEALADD", "data": { "FIELDS": { "ID": "6641" } }, }')).toEqual({ format: 'json', value: { event: 'ONCRMDEALADD', data: { FIELDS: { ID: '6641' } } } });
  });

  it('reads PHP short arrays (the catalog and sale pages), numbers as printed', () => {
    const php = `[
    'event' => 'CATALOG.MEASURE.ON.ADD',
    'event_handler_id' => 1,
    'data' => [
        'FIELDS' => [
            'ID' => 1,
        ],
    ],
    'ts' => 1714649632,
    'auth' => [ 'scope' => 'catalog', 'server_endpoint' => 'https://oauth.bitrix.info/rest/' ],
]`;
    expect(decodePayload(php)).toEqual({
      format: 'php',
      value: { event: 'CATALOG.MEASURE.ON.ADD', event_handler_id: 1, data: { FIELDS: { ID: 1 } }, ts: 1714649632, auth: { scope: 'catalog', server_endpoint: 'https://oauth.bitrix.info/rest/' } },
    });
  });

  it('reads PHP array() syntax, also in a block labelled json (the task pages), and variables as placeholders', () => {
    expect(decodePayload("array('FIELDS' => array('ID' => $id))")).toEqual({ format: 'php', value: { FIELDS: { ID: '$id' } } });
    const task = "array(\n    'event' => 'ONTASKADD',\n    'data' => array(\n        'FIELDS_BEFORE' => 'undefined',\n        'FIELDS_AFTER' => array('ID' => 123),\n    ),\n    'auth' => array(\n        'scope' => 'crm',\n        ),\n)";
    expect(decodePayload(task)?.value).toEqual({ event: 'ONTASKADD', data: { FIELDS_BEFORE: 'undefined', FIELDS_AFTER: { ID: 123 } }, auth: { scope: 'crm' } });
  });

  it('PHP lists become arrays, empty arrays `[]`, keyed ones objects; escapes, comments, constants', () => {
    expect(parsePhp("['DATA' => [ ['id' => 1], ['id' => 2] ], 'files' => [], 'ids' => [5 => 'a', 7 => 'b']]")).toEqual({ DATA: [{ id: 1 }, { id: 2 }], files: [], ids: { 5: 'a', 7: 'b' } });
    expect(parsePhp("[ 'a' => 'it\\'s', // a comment\n 'b' => \"x\\\"y\", /* more */ 'c' => true, 'd' => NULL, 'e' => -1.5, 'f' => SOME_CONST ]")).toEqual({ a: "it's", b: 'x"y', c: true, d: null, e: -1.5, f: 'SOME_CONST' });
    expect(parsePhp("$data = ['a' => 1];")).toEqual({ a: 1 });
    expect(parsePhp("[1, 2, 3]")).toEqual([1, 2, 3]);
  });

  it('reads form bodies (what the portal actually posts)', () => {
    expect(decodePayload('event=ONCRMDEALADD&data[FIELDS][ID]=1&ts=1466439714&auth[domain]=x.bitrix24.com&auth[member_id]=abc')).toEqual({
      format: 'form',
      value: { event: 'ONCRMDEALADD', data: { FIELDS: { ID: '1' } }, ts: '1466439714', auth: { domain: 'x.bitrix24.com', member_id: 'abc' } },
    });
    expect(parseForm('a[]=1&a[]=2&b[0][x]=y%20z&c=a+b')).toEqual({ a: ['1', '2'], b: [{ x: 'y z' }], c: 'a b' });
    expect(parseForm(`a=1&b${'[x]'.repeat(20000)}=2`)).toEqual({ a: '1' });
  });

  it('reads print_r dumps', () => {
    const dump = `Array
(
    [event] => ONCRMDEALADD
    [data] => Array
        (
            [FIELDS] => Array
                (
                    [ID] => 1
                )

        )

    [ts] => 1466439714
)`;
    expect(decodePayload(dump)).toEqual({ format: 'print_r', value: { event: 'ONCRMDEALADD', data: { FIELDS: { ID: '1' } }, ts: '1466439714' } });
    expect(parsePrintR('Array\n(\n    [0] => a\n    [1] => b\n)')).toEqual(['a', 'b']);
  });

  it('rejects handler code, JS callbacks and broken literals', () => {
    expect(decodePayload("try {\n  $response = $b24->call('event.bind');\n} catch (Exception $e) {}")).toBeNull();
    expect(decodePayload('callback({ "PHONE_NUMBER": "+1" });')).toBeNull();
    expect(decodePayload("BX24.callMethod('event.bind', { event: 'ONCRMDEALADD' });")).toBeNull();
    expect(decodePayload("[ 'a' => [ 'b' => 1 ]")).toBeNull();
    expect(decodePayload("[ 'a' => 1 ] trailing")).toBeNull();
    expect(decodePayload('')).toBeNull();
    expect(decodePayload(`${'['.repeat(5000)}'a' => 1${']'.repeat(5000)}`)).toBeNull();
    expect(parsePrintR(`${'Array\n(\n    [a] => '.repeat(200)}x\n${')\n'.repeat(200)}`)).toBeUndefined();
  });
});
