/** Error tables (every header shape), HTTP status lines, REST 3.0 "Error Code:" paragraphs. */
import { describe, expect, it } from 'vitest';
import { codeOf, dedupe } from '../../generator/src/extract/errors.js';
import type { IrError } from '../../generator/src/ir/types.js';
import { extract, head } from './helpers.js';

/** The errors without their source lines (asserted on their own below). */
function errorsOf(section: string, docPath?: string): IrError[] {
  return errorRows(section, docPath).map(({ line: _line, ...e }) => e);
}

function errorRows(section: string, docPath?: string): IrError[] {
  const r = extract(`${head()}## Method parameters\n\nNo parameters.\n\n## Error handling\n\n${section}`, docPath);
  return r.method?.errors ?? [];
}
const errTable = (header: string, rows: string[]) => `#|\n|| ${header} ||\n${rows.join('\n')}\n|#\n`;
const E = (code: string | null, message: string | null, description: string, httpStatus: number | null = null): IrError => ({ code, message, description, httpStatus });

describe('error tables', () => {
  const cases: Array<{ label: string; given: string; want: IrError[] }> = [
    {
      label: 'code | description',
      given: errTable('**Code** | **Description**', ['|| `ERR_A` | Something broke ||']),
      want: [E('ERR_A', null, 'Something broke')],
    },
    {
      label: 'code | error message | description',
      given: errTable('**Code** | **Error message** | **Description**', ['|| `ERR_B` | Bad! | why ||']),
      want: [E('ERR_B', 'Bad!', 'why')],
    },
    {
      label: 'status | code | description | value',
      given: errTable('**Status** | **Code** | **Description** | **Value**', ['|| `403` | `ACCESS_DENIED` | Access denied | no rights ||']),
      want: [E('ACCESS_DENIED', 'Access denied', 'no rights', 403)],
    },
    {
      label: 'stacked Code⏎Error Message header',
      given: errTable('**Code**\n**Error Message** | **Description**', ['|| `ERR_C`\nC failed | why c ||']),
      want: [E('ERR_C', 'C failed', 'why c')],
    },
    {
      label: 'status | stacked code/message | description (the system-errors shape)',
      given: errTable('**Status** | **Code**\n**Error Message** | **Description**', ['|| `500` | `INTERNAL_SERVER_ERROR`\nInternal server error | Contact support ||']),
      want: [E('INTERNAL_SERVER_ERROR', 'Internal server error', 'Contact support', 500)],
    },
    {
      label: '`-` code cell kept as a message-only entry',
      given: errTable('**Code** | **Error message** | **Description**', ['|| - | Just a message | d ||']),
      want: [E(null, 'Just a message', 'd')],
    },
    {
      label: 'numeric codes',
      given: errTable('**Code** | **Error message** | **Description**', ['|| `100` | Not found | nf ||', '|| -1 | Minus | m ||']),
      want: [E('100', 'Not found', 'nf'), E('-1', 'Minus', 'm')],
    },
    {
      label: 'HTTP status from the preceding "HTTP status: **400**" line',
      given: `HTTP status: **400**\n\n${errTable('**Code** | **Error message** | **Description**', ['|| `ERR_D` | D! | d ||'])}`,
      want: [E('ERR_D', 'D!', 'd', 400)],
    },
    {
      label: 'a later status line applies to the tables after it',
      given: `HTTP status: **400**\n\n${errTable('**Code** | **Description**', ['|| `E1` | one ||'])}\nHTTP status: **403**\n\n${errTable('**Code** | **Description**', ['|| `E2` | two ||'])}`,
      want: [E('E1', null, 'one', 400), E('E2', null, 'two', 403)],
    },
    {
      label: 'duplicate (code, message) rows are kept once',
      given: errTable('**Code** | **Error message** | **Description**', ['|| `E1` | m | a ||', '|| `E1` | m | b ||', '|| `E1` | other | c ||']),
      want: [E('E1', 'm', 'a'), E('E1', 'other', 'c')],
    },
  ];
  it.each(cases)('$label', ({ given, want }) => {
    expect(errorsOf(given)).toEqual(want);
  });

  it('system-errors include fragments are not the method\'s own errors, but set systemErrors', () => {
    const files = { '_includes/system-errors.md': errTable('**Code** | **Description**', ['|| `SYS` | system ||']) };
    const r = extract(`${head()}## Error handling\n\n${errTable('**Code** | **Description**', ['|| `OWN` | own ||'])}\n{% include [system errors](../../../_includes/system-errors.md) %}\n`, undefined, files);
    expect(r.method?.errors.map((e) => e.code)).toEqual(['OWN']);
    expect(r.method?.systemErrors).toBe(true);
  });

  it('a page without the include has systemErrors false', () => {
    expect(extract(`${head()}Text.\n`).method?.systemErrors).toBe(false);
  });
});

describe('REST 3.0 "Error Code:" paragraphs', () => {
  it('each paragraph is a code, with the HTTP status above it', () => {
    const got = errorsOf('HTTP status: **400**\n\nError Code: `BITRIX_REST_V3_EXCEPTION_A`\n\nHTTP status: **404**\n\nError code: BITRIX_REST_V3_EXCEPTION_B\n', 'api-reference/rest-v3/tasks/tasks-task-foo.md');
    expect(got).toEqual([E('BITRIX_REST_V3_EXCEPTION_A', null, '', 400), E('BITRIX_REST_V3_EXCEPTION_B', null, '', 404)]);
  });

  it('field tables under REST 3.0 errors are not error tables', () => {
    expect(errorsOf(errTable('**Field** | **Description**', ['|| `id` | the id ||']))).toEqual([]);
  });
});

describe('codeOf', () => {
  const cases: Array<{ given: string; want: string | null }> = [
    { given: '`ERROR_CORE`', want: 'ERROR_CORE' },
    { given: '400', want: '400' },
    { given: '-1', want: '-1' },
    { given: 'bizproc:ERR.X-1', want: 'bizproc:ERR.X-1' },
    { given: '-', want: null },
    { given: '—', want: null },
    { given: 'Empty', want: null },
    { given: 'null', want: null },
    { given: 'a sentence of prose', want: null },
    { given: '', want: null },
  ];
  it.each(cases)('$given → $want', ({ given, want }) => {
    expect(codeOf(given)).toBe(want);
  });

  it('dedupe keys on (code, message)', () => {
    expect(dedupe([E('A', 'x', '1'), E('A', 'x', '2'), E('A', null, '3'), E(null, null, '4'), E(null, null, '5')])).toEqual([E('A', 'x', '1'), E('A', null, '3'), E(null, null, '4')]);
  });
});

describe('error source lines', () => {
  it('each error keeps the line of its row, or of its "Error Code:" paragraph', () => {
    const section = errTable('**Code** | **Description**', ['|| `ERR_A` | Something broke ||', '|| `ERR_B` | Other ||']);
    const text = `${head()}## Method parameters\n\nNo parameters.\n\n## Error handling\n\n${section}`;
    const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    expect(errorRows(section).map((e) => [e.code, e.line])).toEqual([['ERR_A', lineOf('ERR_A')], ['ERR_B', lineOf('ERR_B')]]);
  });
});
