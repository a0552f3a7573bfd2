/**
 * Where tests find the docs: the generator's rule (generator/src/load/docs-root.ts): `B24_DOCS`, else
 * `docs-input/b24restdocs`, else `../shared/b24restdocs`; a folder counts when it has `api-reference/`.
 * When none does, `docsMissing` says so in one line (printed once by docs-setup.ts, the tests'
 * globalSetup) and `DOCS_ROOT` is the first place tried.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { docsRootCandidates, DocsRootError, findDocsRoot } from '../../generator/src/load/docs-root.js';

export const PROJECT_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

function locate(): { root: string; missing: string | null } {
  const where = { env: process.env['B24_DOCS'] || undefined, projectRoot: PROJECT_ROOT };
  try {
    return { root: findDocsRoot(where), missing: null };
  } catch (e) {
    if (!(e instanceof DocsRootError)) throw e;
    const how = 'put a checkout at docs-input/b24restdocs as docs-input/README.md says (or run `npm run generate`, which fetches the pinned commit), or set B24_DOCS';
    return { root: docsRootCandidates(where)[0]!, missing: `${e.message}. To run the tests, ${how}.` };
  }
}

const found = locate();
export const DOCS_ROOT: string = found.root;
/** One line saying that no docs checkout was found, where it looked and how to get one; null when found. */
export const docsMissing: string | null = found.missing;
