/** `b24gen openapi` on a tiny crafted docs folder: JSON to stdout, YAML to a file, the 3.0 switch, usage errors. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { main } from '../../generator/src/cli/main.js';
import { SYSTEM_ERRORS_MD } from '../diff/fixture-docs.js';

const PAGE = `# Get a widget widget.thing.get

> Scope: [\`widget\`](../../scopes/permissions.md)
>
> Who can execute the method: any user

Returns one widget.

## Method parameters

#|
|| **Name**
\`type\` | **Description** ||
|| **ID***
[\`integer\`](../../data-types.md) | Widget identifier ||
|#

## Code examples

{% list tabs %}

- cURL (Webhook)

    \`\`\`bash
    curl -X POST \\
    -H "Content-Type: application/json" \\
    -d '{"ID": 5}' \\
    https://**put_your_bitrix24_address**/rest/**put_your_user_id_here**/**put_your_webhook_here**/widget.thing.get
    \`\`\`

- cURL (OAuth)

    \`\`\`bash
    curl -X POST \\
    -H "Content-Type: application/json" \\
    -d '{"ID": "five", "auth": "**put_access_token_here**"}' \\
    https://**put_your_bitrix24_address**/rest/widget.thing.get
    \`\`\`

{% endlist %}

## Error handling

HTTP status: **400**

#|
|| **Code** | **Error message** | **Description** ||
|| \`ERROR_NOT_FOUND\` | Not found | No such widget ||
|#

{% include [system errors](../../../_includes/system-errors.md) %}
`;


let tmp = '';
let docs = '';
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'b24gen-openapi-'));
  docs = join(tmp, 'docs');
  for (const [rel, text] of Object.entries({ '_includes/system-errors.md': SYSTEM_ERRORS_MD, 'api-reference/widget/things/widget-thing-get.md': PAGE })) {
    mkdirSync(dirname(join(docs, rel)), { recursive: true });
    writeFileSync(join(docs, rel), text);
  }
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('b24gen openapi', () => {
  it('prints the document; the cURL body that contradicts the params table is left out, with a diagnostic count', async () => {
    const r = await run('openapi', '--docs', docs, '--no-cache');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    const op = doc.paths['/widget.thing.get'].post;
    expect(op).toMatchObject({ operationId: 'widgetThingGet', tags: ['widget'], externalDocs: { url: 'https://apidocs.bitrix24.com/api-reference/widget/things/widget-thing-get.html' } });
    expect(doc.components.schemas.WidgetThingGetParams).toMatchObject({ type: 'object', required: ['ID'], properties: { ID: { $ref: '#/components/schemas/B24Numeric' } } });
    expect(Object.keys(op.requestBody.content['application/json'].examples)).toEqual(['cURL_Webhook']);
    expect(op.responses['400'].content['application/json'].schema.properties.error.enum).toEqual(['ERROR_NOT_FOUND']);
    expect(op.responses['503']).toEqual({ $ref: '#/components/responses/SystemError503' });
    expect(r.err).toContain('b24gen: 1 operations; left out (diagnostics): ');
    expect(r.err).toContain('openapi-example-mismatch 1');
  });

  it('--format yaml --out FILE writes YAML; --v3 gives the (here empty) 3.0 document', async () => {
    const file = join(tmp, 'out/openapi.yaml');
    expect((await run('openapi', '--docs', docs, '--no-cache', '--format', 'yaml', '--out', file)).code).toBe(0);
    expect(parseYaml(readFileSync(file, 'utf8')).paths['/widget.thing.get'].post.operationId).toBe('widgetThingGet');
    const v3 = await run('openapi', '--docs', docs, '--no-cache', '--v3');
    expect(JSON.parse(v3.out)).toMatchObject({ info: { title: 'Bitrix24 REST API 3.0' }, paths: {} });
  });

  it('a bad --format is a usage error (exit 2, one line)', async () => {
    const r = await run('openapi', '--docs', docs, '--format', 'xml');
    expect(r.code).toBe(2);
    expect(r.err).toBe('b24gen: openapi --format must be json or yaml, not "xml"');
  });
});
