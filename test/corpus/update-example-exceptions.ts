/** Rewrites example-exceptions.json from the current oracle run (review the diff before committing). */
import { writeFileSync } from 'node:fs';
import { buildCorpus, CORPUS_PKG, loadCorpus } from './corpus-ir.js';
import { EXCEPTIONS_FILE, reasonFor, type ExampleException } from './example-exceptions.js';
import { runOracle } from './examples-oracle.js';

await buildCorpus();
const result = runOracle(loadCorpus().ir, CORPUS_PKG);
const list: ExampleException[] = result.failures.map((f) => ({ method: f.method, apiVersion: f.apiVersion, docPath: f.docPath, reason: reasonFor(f.errors[0] ?? '') }));
writeFileSync(EXCEPTIONS_FILE, JSON.stringify(list, null, 2) + '\n');
console.log(`${result.passed}/${result.cases} examples type-check; ${list.length} explained in ${EXCEPTIONS_FILE}`);
