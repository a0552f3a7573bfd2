/** `main(argv, io)`: usage errors, docs-root errors, B24_DOCS, generate and ir on a tiny crafted docs folder, exit codes. */
import { IR_SCHEMA_VERSION } from '../../generator/src/ir/types.js';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../generator/src/cli/main.js';
import type { IrDocument } from '../../generator/src/ir/types.js';

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

## Error handling

HTTP status: **400**

#|
|| **Code** | **Error message** | **Description** ||
|| \`ERROR_NOT_FOUND\` | Not found | No such widget ||
|#

{% include [system errors](../../../_includes/system-errors.md) %}
`;

const SYSTEM_ERRORS = `### System errors

#|
|| **Status** | **Code**
**Error Message** | **Description** ||
|| \`503\` | \`QUERY_LIMIT_EXCEEDED\`
Too many requests | Limit exceeded ||
|#
`;

/** An include that leaves the docs root: the include stage reports it as an error. */
const BAD_PAGE = `# Get a gadget widget.gadget.get\n\n> Scope: \`widget\`\n\nText.\n\n{% include [x](../../../../outside.md) %}\n`;

let tmp = '';
function docsDir(name: string, pages: Record<string, string>): string {
  const root = join(tmp, name);
  const files = { '_includes/system-errors.md': SYSTEM_ERRORS, ...pages };
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

let good = '';
let bad = '';
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'b24gen-cli-'));
  good = docsDir('good', { 'api-reference/widget/things/widget-thing-get.md': PAGE });
  bad = docsDir('bad', { 'api-reference/widget/things/widget-thing-get.md': PAGE, 'api-reference/widget/things/widget-gadget-get.md': BAD_PAGE });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n'), errLines: err.flatMap((t) => t.split('\n')) };
}

describe('usage', () => {
  it('no verb → 2 with usage on stdout', async () => {
    const r = await run();
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/^usage: npm run b24gen -- <verb>/);
  });

  it('--help → 0 with usage', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('generate [--docs DIR]');
  });

  it('unknown verb → 2, names the verb, prints usage', async () => {
    const r = await run('frobnicate');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^b24gen: unknown verb "frobnicate"\nusage:/);
    expect(r.err).toContain('ir [--docs DIR]');
  });

  it('unknown option → 2 with usage, no stack trace', async () => {
    const r = await run('ir', '--bogus');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^b24gen: .*bogus/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});

describe('docs root errors', () => {
  it('--docs /nonexistent → 2 and one line naming the path tried', async () => {
    const r = await run('ir', '--docs', '/nonexistent', '--no-cache');
    expect(r.code).toBe(2);
    expect(r.errLines).toHaveLength(1);
    expect(r.errLines[0]).toMatch(/^b24gen: no Bitrix24 docs checkout found .*tried: \/nonexistent \(missing\)$/);
    expect(r.out).toBe('');
  });

  it('B24_DOCS is respected when --docs is absent', async () => {
    vi.stubEnv('B24_DOCS', join(tmp, 'env-missing'));
    const r = await run('ir', '--no-cache');
    expect(r.code).toBe(2);
    expect(r.errLines).toEqual([expect.stringContaining(`tried: ${join(tmp, 'env-missing')} (missing)`)]);

    vi.stubEnv('B24_DOCS', good);
    const ok = await run('ir', '--no-cache');
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.out) as IrDocument).methods.map((m) => m.name)).toEqual(['widget.thing.get']);
  });

  it('--docs wins over B24_DOCS', async () => {
    vi.stubEnv('B24_DOCS', join(tmp, 'env-missing'));
    expect((await run('ir', '--docs', good, '--no-cache')).code).toBe(0);
  });
});

describe('generate', () => {
  it('writes the package into --out and exits 0', async () => {
    const out = join(tmp, 'out-good');
    const r = await run('generate', '--docs', good, '--out', out, '--no-cache');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/1 methods, 0 events; diagnostics: 0 errors/);
    for (const f of ['index.ts', 'client.ts', 'common.ts', 'registry.ts', 'b24-methods.ts', 'system-errors.ts', 'events.ts', 'package.json', 'generation.lock.json', 'methods/widget/widget.thing.get.ts']) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    const mod = readFileSync(join(out, 'methods/widget/widget.thing.get.ts'), 'utf8');
    expect(mod).toContain('ID: B24Numeric;');
    expect(mod).toContain("ERROR_NOT_FOUND = 'ERROR_NOT_FOUND'");
    expect(readFileSync(join(out, 'system-errors.ts'), 'utf8')).toContain('QUERY_LIMIT_EXCEEDED');
  });

  it('a second run writes nothing new', async () => {
    const out = join(tmp, 'out-twice');
    await run('generate', '--docs', good, '--out', out, '--no-cache');
    const r = await run('generate', '--docs', good, '--out', out, '--no-cache');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/ 0 files written, \d+ unchanged, 0 removed/);
  });

  it('a page with an error diagnostic (include outside the docs root) → exit 1, files still written', async () => {
    const out = join(tmp, 'out-bad');
    const r = await run('generate', '--docs', bad, '--out', out, '--no-cache');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/diagnostics: [1-9]\d* errors/);
    expect(existsSync(join(out, 'methods/widget/widget.thing.get.ts'))).toBe(true);
  });
});

describe('ir', () => {
  it('--out FILE writes valid JSON with the method and its diagnostics', async () => {
    const file = join(tmp, 'ir/out.json');
    const r = await run('ir', '--docs', bad, '--out', file, '--no-cache');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    const ir = JSON.parse(readFileSync(file, 'utf8')) as IrDocument;
    expect(ir.schemaVersion).toBe(IR_SCHEMA_VERSION);
    expect(ir.methods.map((m) => m.name)).toEqual(['widget.gadget.get', 'widget.thing.get']);
    expect(ir.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', ruleId: 'yfm-include-outside-root', file: 'api-reference/widget/things/widget-gadget-get.md' }));
    expect(ir.systemErrors.map((e) => e.code)).toContain('QUERY_LIMIT_EXCEEDED');
  });
});
