/**
 * The reference method: its IR and emitted TypeScript, regenerated from the docs snapshot, must equal
 * the committed golden files byte for byte. `npm run test:golden:update` rewrites them on purpose.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIr, packageFiles } from '../../generator/src/pipeline.js';
import { DOCS_ROOT, PROJECT_ROOT } from '../support/docs.js';

const PAGE = 'api-reference/bizproc/bizproc-activity/bizproc-activity-log.md';
const MODULE = 'methods/bizproc/bizproc.activity.log.ts';
const GOLDEN = join(PROJECT_ROOT, 'test/golden/__golden__');
const update = process.env.UPDATE_GOLDEN === '1';

function regenerate() {
  const { ir } = buildIr({ docsRoot: DOCS_ROOT, pages: [PAGE], cacheFile: null });
  const method = ir.methods.find((m) => m.name === 'bizproc.activity.log');
  const files = packageFiles(ir);
  return { method, ts: files.get(MODULE) };
}

function golden(name: string, actual: string): string {
  const file = join(GOLDEN, name);
  if (update || !existsSync(file)) {
    if (!update) throw new Error(`golden file ${name} is missing: run npm run test:golden:update`);
    writeFileSync(file, actual);
  }
  return readFileSync(file, 'utf8');
}

describe('golden: bizproc.activity.log', () => {
  const { method, ts } = regenerate();

  it('carries the facts of the page', () => {
    expect(method).toBeDefined();
    const m = method!;
    expect(m.params.map((p) => [p.name, p.docType, p.required])).toEqual([
      ['EVENT_TOKEN', 'string', true],
      ['LOG_MESSAGE', 'string', true],
    ]);
    // Each error keeps the line of its row (the diff locates changes by it).
    expect(m.errors.filter((e) => e.code).map(({ line, ...e }) => (expect(line).toBeGreaterThan(0), e))).toEqual([
      { code: 'ERROR_EMPTY_LOG_MESSAGE', message: 'Empty log message!', description: 'log entry text is not specified', httpStatus: 400 },
    ]);
    expect(m.scopes).toEqual(['bizproc']);
    expect(m.access).toBe('administrator');
    expect(m.result.documented).toBe(false);
    expect(m.systemErrors).toBe(true);
    expect(ts).toContain('export type BizprocActivityLogResult = unknown;');
  });

  it('IR equals the golden file byte for byte', () => {
    const actual = JSON.stringify(method, null, 2) + '\n';
    expect(actual).toBe(golden('bizproc.activity.log.ir.json', actual));
  });

  it('emitted TypeScript equals the golden file byte for byte', () => {
    expect(ts).toBeDefined();
    expect(ts).toBe(golden('bizproc.activity.log.ts', ts!));
  });

  it('a one-character change of the binding fails the comparison', () => {
    const expected = readFileSync(join(GOLDEN, 'bizproc.activity.log.ts'), 'utf8');
    const i = expected.indexOf('LOG_MESSAGE: string');
    const mutated = expected.slice(0, i) + 'l' + expected.slice(i + 1);
    expect(mutated).not.toBe(ts);
    expect(ts).toBe(expected);
  });

  it('the committed generated/ package holds the same binding', () => {
    const committed = readFileSync(join(PROJECT_ROOT, 'generated', MODULE), 'utf8');
    expect(committed).toBe(readFileSync(join(GOLDEN, 'bizproc.activity.log.ts'), 'utf8'));
  });
});
