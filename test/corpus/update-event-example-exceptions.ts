/** Rewrites event-example-exceptions.json from the current oracle run (review the diff: every reason must hold). */
import { writeFileSync } from 'node:fs';
import { buildCorpus, CORPUS_PKG, loadCorpus } from './corpus-ir.js';
import { EVENT_EXCEPTIONS_FILE, type EventExampleException } from './event-example-exceptions.js';
import { eventReasonFor, runEventOracle } from './event-examples-oracle.js';

await buildCorpus();
const result = runEventOracle(loadCorpus().ir, CORPUS_PKG);
const list: EventExampleException[] = result.failures.map((f) => ({ event: f.key, example: f.example, docPath: f.docPath, reason: eventReasonFor(f.errors[0] ?? '') }));
writeFileSync(EVENT_EXCEPTIONS_FILE, JSON.stringify(list, null, 2) + '\n');
console.log(`${result.passed}/${result.cases.length} event examples type-check; ${list.length} explained in ${EVENT_EXCEPTIONS_FILE}`);
for (const f of result.failures) console.log(`${f.docPath}:${f.line} ${f.key}#${f.example}\n  ${f.errors.join('\n  ')}`);
