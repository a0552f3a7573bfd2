/**
 * The checked-in explanations for the two result tests on the docs' response examples:
 * examples that do not type-check against their result type (response-exceptions.json), and
 * example field names the result types do not declare (names-exceptions.json). Each entry says why:
 * the example contradicts its own page's tables. `npx tsx test/corpus/update-result-exceptions.ts`
 * rewrites both from the current run (review the diff before committing).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../support/docs.js';

export interface ResponseException {
  method: string;
  docPath: string;
  reason: string;
}

export interface NamesException {
  method: string;
  docPath: string;
  /** `result.KEY` paths the example shows and no table names. */
  missing: string[];
  reason: string;
}

export const RESPONSE_EXCEPTIONS_FILE = join(PROJECT_ROOT, 'test/corpus/response-exceptions.json');
export const NAMES_EXCEPTIONS_FILE = join(PROJECT_ROOT, 'test/corpus/names-exceptions.json');

export const loadResponseExceptions = (): ResponseException[] => JSON.parse(readFileSync(RESPONSE_EXCEPTIONS_FILE, 'utf8')) as ResponseException[];
export const loadNamesExceptions = (): NamesException[] => JSON.parse(readFileSync(NAMES_EXCEPTIONS_FILE, 'utf8')) as NamesException[];

const unquote = (s: string) => s.replace(/^'|'$/g, '');

/** A reason in words from the type error of a failing response example. */
export function responseReason(error: string): string {
  const last = error.split(' / ').at(-1) ?? error;
  const member = /(?:types of|Types of property) '([^']+)'/.exec(error)?.[1];
  const at = member ? ` (at ${member})` : '';
  let m = /Type '(.+)' has no properties in common with type '(.+)'/.exec(last);
  if (m) return `the example sends an object none of whose keys the tables name for ${unquote(m[2]!)}${at}: another level or other names than the tables document`;
  m = /Type '(.+)' is not assignable to type '(.+)'/.exec(last);
  if (m) return `the example sends ${m[1]!.length > 60 ? 'a value' : unquote(m[1]!)} where the tables document ${unquote(m[2]!)}${at}`;
  m = /Index signature for type '(.+)' is missing in type/.exec(last);
  if (m) return `the example sends a list where the tables document one object${at}`;
  if (/Source has \d+ element/.test(last)) return `the example sends a non-empty list where the tables document an object${at}`;
  return `the example's shape differs from the tables: ${last.slice(0, 160)}`;
}
