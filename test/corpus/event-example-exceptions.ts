/**
 * The checked-in list of event example payloads that do not type-check against their generated
 * payload type, each with the reason in words (the docs' example against the docs' tables).
 * `npx tsx test/corpus/update-event-example-exceptions.ts` rewrites it from the current run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../support/docs.js';

export interface EventExampleException {
  /** The event as keyed in `B24Events` (as sent). */
  event: string;
  /** Index of the example on its page. */
  example: number;
  docPath: string;
  reason: string;
}

export const EVENT_EXCEPTIONS_FILE = join(PROJECT_ROOT, 'test/corpus/event-example-exceptions.json');

export function loadEventExceptions(): EventExampleException[] {
  return JSON.parse(readFileSync(EVENT_EXCEPTIONS_FILE, 'utf8')) as EventExampleException[];
}

export const exceptionKey = (x: { event?: string; key?: string; example: number }) => `${x.key ?? x.event}#${x.example}`;
