/**
 * The checked-in list of cURL examples that do not type-check because the docs contradict
 * themselves (the example against the parameter table), each with the reason.
 * `npx tsx test/corpus/update-example-exceptions.ts` rewrites it from the current oracle run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../support/docs.js';

export interface ExampleException {
  method: string;
  apiVersion: 2 | 3;
  docPath: string;
  reason: string;
}

export const EXCEPTIONS_FILE = join(PROJECT_ROOT, 'test/corpus/example-exceptions.json');

export function loadExceptions(): ExampleException[] {
  return JSON.parse(readFileSync(EXCEPTIONS_FILE, 'utf8')) as ExampleException[];
}

const quoted = (s: string | undefined) => s?.replace(/^['"]+|['"]+$/g, '') ?? '';

/** A reason in words from the first type error of a failing example. */
export function reasonFor(full: string): string {
  const where = /^at (.*?): /.exec(full);
  const error = where ? full.slice(where[0].length) : full;
  // The member the error sits at; not the snippet's own constant (`c123`), whose number moves.
  const member = where?.[1] && !/^c\d+$/.test(where[1]) ? ` (at ${where[1].replace(/"/g, '')})` : '';
  return reasonText(error) + member;
}

function reasonText(error: string): string {
  let m = /known properties, and '(.+?)' does not exist in type '(.+?)'/.exec(error);
  if (m) return `the example passes ${quoted(m[1])}, which the docs do not list among the members of ${m[2]}`;
  m = /Property '(.+?)' is missing in type .* but required in type '(.+?)'/s.exec(error);
  if (m) return `the docs mark ${m[1]} required (${m[2]}), the example omits it`;
  m = /missing the following properties from type '(.+?)': (.+)$/m.exec(error);
  if (m) return `the docs mark ${m[2]} required (${m[1]}), the example omits them`;
  m = /Type '(.+?)' is not assignable to type 'B24Numeric'/.exec(error);
  if (m) return `the example passes ${m[1]}, not a number, where the docs document a number`;
  m = /Type '(.+?)' is not assignable to type '("[^']*)'/.exec(error);
  if (m) return `the example passes ${m[1]}, outside the values the docs list (${m[2]})`;
  if (/not assignable to type 'never'/.test(error)) return 'the page says the method takes no parameters, the example passes some';
  m = /Type '(string|number|number\[\]|string\[\]|string\[\]\[\])' is not assignable to type '(.+?)'/.exec(error);
  if (m) return `the example passes a ${m[1]} where the docs document ${m[2]}`;
  m = /Type '(.+?)' has no properties in common with type '(.+?)'/.exec(error);
  if (m) return `the example passes ${m[1]} where the docs document the object ${m[2]}`;
  return `the example's shape differs from the documented type: ${error.split('\n')[0]}`;
}
