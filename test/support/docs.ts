/** Where tests find the docs snapshot: B24_DOCS, else ../shared/b24restdocs beside the project. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const DOCS_ROOT = resolve(process.env.B24_DOCS ?? resolve(PROJECT_ROOT, '../shared/b24restdocs'));
