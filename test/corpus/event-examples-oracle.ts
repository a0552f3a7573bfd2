/**
 * The docs' example payloads as a test: every example an event page shows (JSON, PHP array or
 * form body, decoded into `IrEvent.examples`) must type-check against the generated payload type
 * `B24Events[KEY]`, keys as sent (no renaming). An example that shows only `data` (no `event`,
 * `data` or `auth` key: the old CRM pages' `array('FIELDS' => array('ID' => $id))`) is checked
 * against the payload's `data`. PHP variables (`$id`) and the usual placeholders stand for a value
 * of the documented type.
 */
import { join, relative } from 'node:path';
import { Project } from 'ts-morph';
import { eventKey } from '../../generator/src/emit/events-file.js';
import type { IrDocument } from '../../generator/src/ir/types.js';
import { PROJECT_ROOT } from '../support/docs.js';
import { PLACEHOLDER } from './examples-oracle.js';
import { reasonFor } from './example-exceptions.js';

export interface EventCase {
  event: string;
  key: string;
  docPath: string;
  line: number;
  /** Index of the example among the page's examples (the key of its explanation). */
  example: number;
  target: 'payload' | 'data';
  value: Record<string, unknown>;
}

export interface EventOracleResult {
  cases: EventCase[];
  passed: number;
  failures: Array<EventCase & { errors: string[] }>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One case per example payload of every event (the first page of an event name, as the emitter keeps it). */
export function eventCases(ir: IrDocument): EventCase[] {
  const out: EventCase[] = [];
  const seen = new Set<string>();
  for (const e of ir.events) {
    const key = eventKey(e.name);
    if (seen.has(key)) continue;
    seen.add(key);
    e.examples.forEach((ex, i) => {
      if (!isObject(ex.value)) return;
      const target = ['event', 'data', 'auth'].some((k) => k in (ex.value as Record<string, unknown>)) ? 'payload' : 'data';
      out.push({ event: e.name, key, docPath: e.docPath, line: ex.line, example: i, target, value: ex.value });
    });
  }
  return out;
}

const PHP_VARIABLE = /^\$\w+$/;

/** Type-checks every case against the `events.ts` of the package emitted into `pkgDir`, in one program. */
export function runEventOracle(ir: IrDocument, pkgDir: string): EventOracleResult {
  const cases = eventCases(ir);
  const lines: string[] = ["import type { B24Events } from './events.js';", 'declare const PH: never;'];
  const lineOfCase: number[] = [];
  cases.forEach((c, i) => {
    lineOfCase[i] = lines.length + 1;
    const body = JSON.stringify(c.value, (_k, v: unknown) => (typeof v === 'string' && (PLACEHOLDER.test(v) || PHP_VARIABLE.test(v)) ? '\u0000PH\u0000' : v)).replace(/"\\u0000PH\\u0000"/g, 'PH');
    const type = c.target === 'payload' ? `B24Events[${JSON.stringify(c.key)}]` : `NonNullable<B24Events[${JSON.stringify(c.key)}]['data']>`;
    lines.push(`export const e${i}: ${type} = ${body};`);
  });
  const project = new Project({ tsConfigFilePath: join(PROJECT_ROOT, 'tsconfig.json'), skipAddingFilesFromTsConfig: true });
  const file = project.createSourceFile(join(pkgDir, '__event_oracle__.ts'), lines.join('\n') + '\n', { overwrite: true });
  const errors = new Map<number, string[]>();
  for (const d of file.getPreEmitDiagnostics()) {
    const i = lineOfCase.indexOf(d.getLineNumber() ?? 0);
    const text = d.getMessageText();
    const msg = typeof text === 'string' ? text : flatten(text.compilerObject);
    const start = d.getStart();
    const at = start === undefined ? '' : file.getFullText().slice(start, start + (d.getLength() ?? 0)).slice(0, 60);
    const list = errors.get(i) ?? [];
    list.push(`${at ? `at ${at}: ` : ''}${msg.replace(new RegExp(relative('/', pkgDir), 'g'), '')}`);
    errors.set(i, list);
  }
  const failures = cases.flatMap((c, i) => (errors.has(i) ? [{ ...c, errors: errors.get(i)! }] : []));
  return { cases, passed: cases.length - failures.length, failures };
}

interface Chain {
  messageText: string;
  next?: Chain[];
}
function flatten(chain: Chain, depth = 0): string {
  return '  '.repeat(depth) + chain.messageText + (chain.next ?? []).map((c) => '\n' + flatten(c, depth + 1)).join('');
}

/** A reason in words for a failing example payload (the cURL examples' wording where it fits). */
export function eventReasonFor(full: string): string {
  const where = /^at (.*?): /.exec(full);
  const error = where ? full.slice(where[0].length) : full;
  const member = where?.[1] && !/^e\d+$/.test(where[1]) ? ` (at ${where[1].replace(/"/g, '')})` : '';
  if (/^Type 'never\[\]' is not assignable/.test(error)) return `the example sends [] (an empty PHP array) where the docs document an object${member}`;
  if (/^Type '(\{.*\}|.*)\[\]' (?:is not assignable|has no properties in common)/.test(error)) return `the example sends a list where the docs document one object${member}`;
  let m = /^Type 'string' is not assignable to type '((?:-?\d+(?:\.\d+)? \| )*-?\d+(?:\.\d+)?)(?: \| undefined)?'/.exec(error);
  if (m) return `the example sends the value as a string where the docs list the numbers ${m[1]}${member}`;
  m = /^Type '"(.*?)"' is not assignable to type 'number \| `\$\{number\}`/.exec(error);
  if (m) return `the example sends "${m[1]}", not a number, where the docs document a number${member}`;
  return reasonFor(full.replace(/^at e\d+: /, ''));
}
