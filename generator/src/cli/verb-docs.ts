/** `b24gen docs --commit SHA|latest`: move the docs pin (docs-input/source.json) to a commit of the docs repository. */
import { join, relative } from 'node:path';
import { DocsFetchError, MANAGED_DOCS_DIR, movePin } from '../load/docs-fetch.js';
import { DOCS_REPOSITORY, PIN_FILE, readPin } from '../load/docs-source.js';
import { docsContentHash, PROJECT_ROOT } from '../pipeline.js';
import type { Verb } from './verbs.js';

export const docsVerb: Verb = {
  usage: 'docs --commit SHA|latest                     move the docs pin: fetch that commit into docs-input/b24restdocs, record it and its content hash in docs-input/source.json',
  options: { commit: { type: 'string' } },
  run(ctx) {
    const commit = ctx.values.commit;
    if (typeof commit !== 'string' || !commit) throw new DocsFetchError('docs needs --commit SHA (40 hex digits) or --commit latest');
    const previous = readPin();
    const repository = previous?.repository ?? DOCS_REPOSITORY;
    const dir = join(PROJECT_ROOT, MANAGED_DOCS_DIR);
    const pin = movePin({ repository, commit, dir, pinFile: PIN_FILE, contentHash: docsContentHash, progress: process.stderr.isTTY === true });
    const moved = previous?.commit === pin.commit ? 'stays at' : `moved from ${previous?.commit?.slice(0, 12) ?? 'none'} to`;
    ctx.io.out(`docs pin ${moved} ${pin.commit} (content hash ${pin.contentHash}); docs in ${relative(process.cwd(), dir) || '.'}`);
    ctx.io.err('b24gen: next: `npm run b24gen -- release` regenerates the client from these docs, bumps its version and writes the changelog');
    return 0;
  },
};
