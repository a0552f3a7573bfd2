/** Rewrites response-exceptions.json and names-exceptions.json from the current run (review the diff). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkResponses } from '../../generator/src/report/response-check.js';
import { resultNames } from '../../generator/src/report/result-names.js';
import { PROJECT_ROOT } from '../support/docs.js';
import { buildCorpus, CORPUS_PKG, loadCorpus } from './corpus-ir.js';
import { NAMES_EXCEPTIONS_FILE, RESPONSE_EXCEPTIONS_FILE, responseReason, type NamesException, type ResponseException } from './result-exceptions.js';

await buildCorpus();
const { ir } = loadCorpus();
const responses = checkResponses(ir, CORPUS_PKG, join(PROJECT_ROOT, 'tsconfig.json'));
const r: ResponseException[] = responses.failures.map((f) => ({ method: f.method, docPath: f.docPath, reason: responseReason(f.error) }));
writeFileSync(RESPONSE_EXCEPTIONS_FILE, JSON.stringify(r, null, 2) + '\n');
const names = resultNames(ir);
const n: NamesException[] = names.gaps.map((g) => ({
  method: g.method,
  docPath: g.docPath,
  missing: g.missing,
  reason: 'the response example shows keys that no table of the page (nor the entity it links to) names',
}));
writeFileSync(NAMES_EXCEPTIONS_FILE, JSON.stringify(n, null, 2) + '\n');
console.log(`responses ${responses.passed}/${responses.cases}; ${r.length} explained. names ${names.declared}/${names.shown}; ${n.length} methods with gaps explained`);
