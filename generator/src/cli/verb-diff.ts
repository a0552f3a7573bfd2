/** `b24gen diff --from A --to B [--format md|json]`: the API changelog between two docs versions. */
import type { Verb } from './verbs.js';
import { DiffInputError, loadSide } from '../diff/load-side.js';
import { diffReport, formatJson, formatMarkdown } from '../diff/format.js';
import { loadTemplates } from '../pipeline.js';

export const diffVerb: Verb = {
  usage: 'diff --from A --to B [--format md|json]     API changes between two docs folders or IR files',
  options: { from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' } },
  run(ctx) {
    const from = ctx.values.from;
    const to = ctx.values.to;
    const format = ctx.values.format ?? 'md';
    if (typeof from !== 'string' || typeof to !== 'string') throw new DiffInputError('diff needs --from A and --to B (docs folders or IR JSON files)');
    if (format !== 'md' && format !== 'json') throw new DiffInputError(`diff --format must be md or json, not "${String(format)}"`);
    const report = diffReport(loadSide(from), loadSide(to));
    ctx.io.out(format === 'json' ? formatJson(report) : formatMarkdown(report, loadTemplates()).trimEnd());
    ctx.io.err(`b24gen: ${report.changes.length} changes (${report.summary.breaking} breaking); semver: ${report.verdict}`);
    return 0;
  },
};
