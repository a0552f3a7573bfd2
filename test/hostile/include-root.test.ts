/**
 * `{% include %}` never reads outside the docs root, and symlink loops do not hang the page walk.
 * A temp docs dir holds: includes escaping by `../`, by an absolute path and through symlinks
 * (a file and a directory pointing outside), include cycles, and directory symlink loops.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIr } from '../../generator/src/pipeline.js';
import { docsReader, listPages } from '../../generator/src/load/docs-files.js';

const MARKER = 'OUTSIDE_SECRET_MARKER_7f3a';
let base: string;
let root: string;

const page = (title: string, body: string) => `# ${title}\n\n> Scope: [\`crm\`](../../scopes/permissions.md)\n\n${body}\n`;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'b24gen-include-'));
  root = join(base, 'docs');
  const outside = join(base, 'outside');
  const files: Record<string, string> = {
    [join(outside, 'secret.md')]: `# ${MARKER}\n\n${MARKER} root:x:0:0\n`,
    [join(outside, 'dir/page.md')]: page(`Outside ${MARKER}`, MARKER),
    [join(root, '_includes/system-errors.md')]: '#|\n|| **Code** | **Description** ||\n|| `ERROR_X` | x ||\n|#\n',
    [join(root, '_includes/a.md')]: 'A includes B\n\n{% include [b](./b.md) %}\n',
    [join(root, '_includes/b.md')]: 'B includes A\n\n{% include [a](./a.md) %}\n',
    [join(root, 'api-reference/x/escape.md')]: page('Escapes', [
      '{% include [passwd](../../../etc/passwd) %}',
      '{% include [deep](../../../../../../../../../../etc/passwd) %}',
      '{% include [abs](/etc/passwd) %}',
      '{% include [url](file:///etc/passwd) %}',
      '{% include [sibling](../../../outside/secret.md) %}',
      '{% include [via file symlink](../../_includes/link-to-secret.md) %}',
      '{% include [via dir symlink](../../_includes/outdir/secret.md) %}',
      '{% include [cycle](../../_includes/a.md) %}',
    ].join('\n\n')),
    [join(root, 'api-reference/x/ok.md')]: page('Fine', 'Nothing to see.'),
  };
  for (const [p, t] of Object.entries(files)) {
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, t);
  }
  symlinkSync(join(outside, 'secret.md'), join(root, '_includes/link-to-secret.md'));
  symlinkSync(outside, join(root, '_includes/outdir'));
  symlinkSync(join(outside, 'dir'), join(root, 'api-reference/x/outside-dir')); // a page dir outside the root
  symlinkSync('..', join(root, 'api-reference/x/up')); // loop: x/up/x/up/...
  symlinkSync(join(root, 'api-reference'), join(root, 'api-reference/x/again')); // loop by absolute path
  symlinkSync('self', join(root, 'api-reference/x/self')); // ELOOP
  symlinkSync('loop-b', join(root, 'api-reference/x/loop-a'));
  symlinkSync('loop-a', join(root, 'api-reference/x/loop-b'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('the docs root is a wall', () => {
  it('the page walk ends, lists each page once and skips pages outside the root', () => {
    const t0 = Date.now();
    expect(listPages(root)).toEqual(['api-reference/x/escape.md', 'api-reference/x/ok.md']);
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('the reader refuses paths and symlinks that leave the root', () => {
    const read = docsReader(root);
    for (const p of ['../outside/secret.md', '/etc/passwd', '_includes/link-to-secret.md', '_includes/outdir/secret.md', 'api-reference/x/outside-dir/page.md', 'api-reference/x/self'])
      expect(read(p), p).toBeUndefined();
    expect(read('api-reference/x/up/x/ok.md')).toContain('Fine'); // a loop inside the root still reads in-root files
  });

  it('escaping includes give diagnostics naming the page and line, and nothing from outside is read', () => {
    const { ir } = buildIr({ docsRoot: root, cacheFile: null });
    const json = JSON.stringify(ir);
    expect(json).not.toContain(MARKER);
    expect(json).not.toContain('root:x:0:0');
    const mine = ir.diagnostics.filter((d) => d.file === 'api-reference/x/escape.md');
    const rules = (r: string) => mine.filter((d) => d.ruleId === r).map((d) => d.line);
    expect(rules('yfm-include-outside-root')).toEqual([5, 7, 9, 11, 13]);
    expect(rules('yfm-include-missing')).toEqual([15, 17]); // symlinks out of the root read as missing
    expect(ir.diagnostics.some((d) => d.ruleId === 'yfm-include-cycle')).toBe(true);
    for (const d of mine) expect(d.line).toBeGreaterThan(0);
  });
});
