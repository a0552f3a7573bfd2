/** `b24gen catalog [--docs DIR] [--format json|md]`: prints the error catalog. */
import { buildErrorCatalog } from '../catalog/build.js';
import { catalogJson, catalogMarkdown } from '../catalog/files.js';
import { buildIr, loadTemplates } from '../pipeline.js';
import type { Verb } from './verbs.js';

export const catalogVerb: Verb = {
  usage: 'catalog [--docs DIR] [--format json|md] [--no-cache]  print the error catalog',
  options: { docs: { type: 'string' }, format: { type: 'string' }, 'no-cache': { type: 'boolean' } },
  run(ctx) {
    const format = ctx.values.format ?? 'md';
    if (format !== 'md' && format !== 'json') throw new Error(`catalog --format must be md or json, not "${String(format)}"`);
    const { ir } = buildIr({ docsRoot: ctx.docsRoot(), cacheFile: ctx.values['no-cache'] ? null : ctx.cacheFile });
    const catalog = buildErrorCatalog(ir);
    ctx.io.out((format === 'json' ? catalogJson(catalog) : catalogMarkdown(catalog, loadTemplates())).trimEnd());
    ctx.io.err(`b24gen: ${catalog.entries.length} error codes (${catalog.entries.filter((e) => e.system).length} system)`);
    return 0;
  },
};
