/** `b24gen openapi [--docs DIR] [--out FILE] [--format json|yaml] [--v3]`: the OpenAPI 3.1 document of the REST API. */
import { buildIr } from '../pipeline.js';
import { openApiDocument, openApiText } from '../openapi/document.js';
import { ttyProgress } from './progress.js';
import type { Verb } from './verbs.js';

export const openapiVerb: Verb = {
  usage: 'openapi [--docs DIR] [--out FILE] [--format json|yaml] [--v3] [--no-cache]  the OpenAPI 3.1 document of REST v2 (--v3: of REST 3.0); stdout without --out',
  options: { docs: { type: 'string' }, out: { type: 'string' }, format: { type: 'string' }, v3: { type: 'boolean' }, 'no-cache': { type: 'boolean' } },
  run(ctx) {
    const format = ctx.values.format ?? 'json';
    if (format !== 'json' && format !== 'yaml') throw new Error(`openapi --format must be json or yaml, not "${String(format)}"`);
    const { ir } = buildIr({ docsRoot: ctx.docsRoot(), cacheFile: ctx.values['no-cache'] ? null : ctx.cacheFile, onProgress: ttyProgress() });
    const { document, diagnostics, operations } = openApiDocument(ir, ctx.values.v3 ? 3 : 2);
    const text = openApiText(document, format);
    if (typeof ctx.values.out === 'string') ctx.writeOut(ctx.values.out, text);
    else ctx.io.out(text.trimEnd());
    const byRule = new Map<string, number>();
    for (const d of diagnostics) byRule.set(d.ruleId ?? 'openapi', (byRule.get(d.ruleId ?? 'openapi') ?? 0) + 1);
    const notes = [...byRule.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([r, n]) => `${r} ${n}`).join(', ');
    ctx.io.err(`b24gen: ${operations} operations; left out (diagnostics): ${notes || 'nothing'}`);
    return 0;
  },
};
