/**
 * Every event page's example payload (IrEvent.examples, the whole corpus, IR built by the pipeline),
 * encoded as the portal sends it (PHP's http_build_query), goes through `parseEvent` with the
 * generator's wire specs: at run time it keeps every value the form carries, in place, as its type
 * wants it (`event` the map's key); at the type level the parsed value, printed as a literal, is
 * checked against `B24Event<KEY>` of the emitted `event-receiver.ts` (all cases in one program).
 * A case may fail only where the docs' example contradicts the docs' own tables, which
 * test/corpus/event-example-exceptions.json explains for the raw examples.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Project } from 'ts-morph';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventParser, type EventSpecs } from '@b24gen/runtime/events';
import { eventWireSpecs } from '../../generator/src/emit/event-receiver-file.js';
import type { IrDocument } from '../../generator/src/ir/types.js';
import { eventCases, type EventCase } from '../corpus/event-examples-oracle.js';
import { exceptionKey, loadEventExceptions } from '../corpus/event-example-exceptions.js';
import { PLACEHOLDER } from '../corpus/examples-oracle.js';
import { DOCS_ROOT, PROJECT_ROOT } from '../support/docs.js';
import { formView, httpBuildQuery } from './php-form.js';

const PKG = join(PROJECT_ROOT, '.cache', 'events-pkg');
let ir: IrDocument;
let cases: EventCase[];

beforeAll(async () => {
  const { buildIr, packageFiles } = await import('../../generator/src/pipeline.js');
  ir = buildIr({ docsRoot: DOCS_ROOT, cacheFile: join(PROJECT_ROOT, '.cache', 'pages.json') }).ir;
  const files = packageFiles(ir);
  mkdirSync(PKG, { recursive: true });
  for (const f of ['events.ts', 'common.ts', 'event-receiver.ts']) writeFileSync(join(PKG, f), files.get(f)!);
  cases = eventCases(ir);
}, 300_000);

/**
 * The payload the portal posts for a case: an example of `data` alone goes under `data`; `event` is
 * the page's event, in the example's spelling when it is the same name in another case (the portal
 * does not post the docs' typos, `ONTASKCOMMENDELETE` on the OnTaskCommentDelete page).
 */
function payloadOf(c: EventCase): Record<string, unknown> {
  if (c.target === 'data') return { event: c.key, data: c.value };
  const sent = c.value['event'];
  return { ...c.value, event: typeof sent === 'string' && sent.toUpperCase() === c.key ? sent : c.key };
}

/** A parsed value as a TypeScript literal, hidden (non-enumerable) members included; placeholders as `PH`. */
function literal(v: unknown): string {
  if (typeof v === 'string') return PLACEHOLDER.test(v) || /^\$\w+$/.test(v) ? 'PH' : JSON.stringify(v);
  if (typeof v !== 'object' || v === null) return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(literal).join(', ')}]`;
  return `{ ${Object.getOwnPropertyNames(v).map((k) => `${JSON.stringify(k)}: ${literal((v as Record<string, unknown>)[k])}`).join(', ')} }`;
}

describe('every event example payload, form-encoded, parses to its type', () => {
  it('runtime: each parses, `event` is the key, and every value the form carries is in place', () => {
    const parse = eventParser(Object.fromEntries(eventWireSpecs(ir)) as EventSpecs<Record<string, unknown>>);
    const wrong: string[] = [];
    for (const c of cases) {
      const payload = payloadOf(c);
      const parsed = parse(httpBuildQuery(payload)) as Record<string, unknown>;
      if (parsed['event'] !== c.key) wrong.push(`${c.key}#${c.example}: event ${String(parsed['event'])}`);
      try {
        expect(formView({ ...parsed, event: undefined })).toEqual(formView({ ...payload, event: undefined }));
      } catch {
        wrong.push(`${c.key}#${c.example}: values differ`);
      }
    }
    console.log(`event examples parsed at run time: ${cases.length - wrong.length}/${cases.length}`);
    expect(cases.length).toBeGreaterThan(150);
    expect(wrong).toEqual([]);
  });

  it('types: each parsed payload type-checks against B24Event<KEY>; failures only where the docs contradict themselves', () => {
    const parse = eventParser(Object.fromEntries(eventWireSpecs(ir)) as EventSpecs<Record<string, unknown>>);
    const lines = ["import type { B24Event } from './event-receiver.js';", 'declare const PH: never;'];
    const lineOf: number[] = [];
    cases.forEach((c, i) => {
      lineOf[i] = lines.length + 1;
      lines.push(`export const e${i}: B24Event<${JSON.stringify(c.key)}> = ${literal(parse(httpBuildQuery(payloadOf(c))))};`);
    });
    const project = new Project({ tsConfigFilePath: join(PROJECT_ROOT, 'tsconfig.json'), skipAddingFilesFromTsConfig: true });
    const file = project.createSourceFile(join(PKG, '__parsed_events__.ts'), lines.join('\n') + '\n', { overwrite: true });
    const failing = new Map<number, string>();
    for (const d of file.getPreEmitDiagnostics()) {
      const i = lineOf.indexOf(d.getLineNumber() ?? 0);
      const text = d.getMessageText();
      failing.set(i, typeof text === 'string' ? text : text.getMessageText());
    }
    expect(failing.has(-1), String(failing.get(-1))).toBe(false);
    const explained = new Set(loadEventExceptions().map(exceptionKey));
    const failures = cases.flatMap((c, i) => (failing.has(i) ? [{ key: exceptionKey(c), error: failing.get(i)! }] : []));
    console.log(`event examples parsed to their type: ${cases.length - failures.length}/${cases.length}`);
    for (const f of failures) console.log(`  ${f.key}: ${explained.has(f.key) ? 'explained' : 'UNEXPLAINED'}: ${f.error.split('\n')[0]}`);
    expect(failures.filter((f) => !explained.has(f.key))).toEqual([]);
  }, 300_000);
});
