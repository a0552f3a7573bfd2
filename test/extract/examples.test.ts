/** cURL examples: URL, `.json` suffix, `-d '…'` bodies (trailing commas tolerated), the method a URL names. */
import { describe, expect, it } from 'vitest';
import { methodFromUrl, parseBody, readCurl } from '../../generator/src/extract/examples.js';
import { extract, head } from './helpers.js';

const WEBHOOK = 'https://**put_your_bitrix24_address**/rest/**put_your_user_id_here**/**put_your_webhook_here**';

function curlTabs(...tabs: Array<[title: string, code: string]>): string {
  const body = tabs.map(([title, code]) => `- ${title}\n\n    \`\`\`bash\n${code.split('\n').map((l) => `    ${l}`).join('\n')}\n    \`\`\``).join('\n\n');
  return `## Code examples\n\n{% list tabs %}\n\n${body}\n\n{% endlist %}\n`;
}

describe('methodFromUrl', () => {
  const cases: Array<{ given: string; want: { method: string; v3: boolean } | null }> = [
    { given: `${WEBHOOK}/crm.deal.add`, want: { method: 'crm.deal.add', v3: false } },
    { given: `${WEBHOOK}/crm.deal.add.json`, want: { method: 'crm.deal.add', v3: false } },
    { given: 'https://**put_your_bitrix24_address**/rest/crm.deal.add', want: { method: 'crm.deal.add', v3: false } },
    { given: 'https://example.bitrix24.com/rest/api/tasks.task.get', want: { method: 'tasks.task.get', v3: true } },
    { given: 'https://example.bitrix24.com/rest/api/1/abc/tasks.task.get', want: { method: 'tasks.task.get', v3: true } },
    { given: 'https://example.bitrix24.com/rest/profile?auth=x', want: { method: 'profile', v3: false } },
    { given: `${WEBHOOK}/crm.deal.add"`, want: { method: 'crm.deal.add', v3: false } },
    { given: 'https://example.com/other/path', want: null },
  ];
  it.each(cases)('$given', ({ given, want }) => {
    expect(methodFromUrl(given)).toEqual(want);
  });
});

describe('parseBody', () => {
  const cases: Array<{ given: string; want: unknown }> = [
    { given: '{"a":1}', want: { a: 1 } },
    { given: '{"a":[1,2,],}', want: { a: [1, 2] } },
    { given: '{\n  "a": {"b": "c",\n  },\n}', want: { a: { b: 'c' } } },
    { given: 'not json', want: null },
    { given: '', want: null },
  ];
  it.each(cases)('$given', ({ given, want }) => {
    expect(parseBody(given)).toEqual(want);
  });
});

describe('readCurl', () => {
  it('takes the last /rest/ URL and the -d body', () => {
    const code = `curl -X POST \\\n-H "Content-Type: application/json" \\\n-d '{"id":5,"fields":{"TITLE":"x",},}' \\\n${WEBHOOK}/crm.deal.update.json`;
    expect(readCurl('cURL (Webhook)', code, 7)).toEqual({ tab: 'cURL (Webhook)', url: `${WEBHOOK}/crm.deal.update.json`, body: { id: 5, fields: { TITLE: 'x' } }, line: 7 });
  });

  it('reads --data-raw and shell-escaped single quotes', () => {
    const code = `curl --data-raw '{"t":"it'"'"'s"}' https://x.bitrix24.com/rest/im.message.add`;
    expect(readCurl('cURL (OAuth)', code, 1)).toMatchObject({ url: 'https://x.bitrix24.com/rest/im.message.add', body: { t: "it's" } });
  });

  it('no body and no REST URL give nulls', () => {
    expect(readCurl('cURL', 'curl https://example.com/', 1)).toEqual({ tab: 'cURL', url: null, body: null, line: 1 });
  });
});

describe('examples on a page', () => {
  it('reads every cURL tab, skips other languages', () => {
    const md = `${head('crm.foo.add')}${curlTabs(
      ['cURL (Webhook)', `curl -d '{"a":1,}' ${WEBHOOK}/crm.foo.add.json`],
      ['cURL (OAuth)', `curl -d '{"a":1,"auth":"t"}' https://**put_your_bitrix24_address**/rest/crm.foo.add`],
      ['JS', `BX24.callMethod('crm.foo.add', {})`],
    )}`;
    const ex = extract(md).method?.examples ?? [];
    expect(ex.map((e) => [e.tab, e.url, e.body])).toEqual([
      ['cURL (Webhook)', `${WEBHOOK}/crm.foo.add.json`, { a: 1 }],
      ['cURL (OAuth)', 'https://**put_your_bitrix24_address**/rest/crm.foo.add', { a: 1, auth: 't' }],
    ]);
    expect(ex.every((e) => e.line > 0)).toBe(true);
  });

  it('finds cURL tabs nested inside a note', () => {
    const md = `${head('crm.foo.add')}## Code examples\n\n{% note info "x" %}\n\n{% list tabs %}\n\n- cURL (OAuth)\n\n    \`\`\`bash\n    curl https://x/rest/crm.foo.add\n    \`\`\`\n\n{% endlist %}\n\n{% endnote %}\n`;
    expect(extract(md).method?.examples.map((e) => e.url)).toEqual(['https://x/rest/crm.foo.add']);
  });
});

export { curlTabs };
