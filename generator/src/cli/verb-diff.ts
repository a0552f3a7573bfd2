/**
 * `b24gen diff --from A --to B [--format md|json] [--record-aliases] [--aliases FILE] [--no-cache]`:
 * the API changelog between two docs versions. Docs sides are read through a page cache per
 * checkout (`.cache/diff/`), so a second diff of the same checkouts parses nothing again.
 * `--record-aliases` writes the case-only renames it finds into the method aliases file, so the
 * next `generate` keeps the old names as deprecated aliases (and the report classes them minor).
 */
import { dirname, join, resolve } from 'node:path';
import type { Verb } from './verbs.js';
import { DiffInputError, loadSide, type DiffSide } from '../diff/load-side.js';
import { diffReport, formatJson, formatMarkdown, type DiffReport } from '../diff/format.js';
import { METHOD_ALIASES_FILE, recordMethodAliases, type MethodAliasMap } from '../load/method-aliases.js';
import { loadTemplates } from '../pipeline.js';

/** Case-only renames the `to` side does not alias yet: old name → new name. */
function unrecordedCaseRenames(report: DiffReport): MethodAliasMap {
  const out: MethodAliasMap = {};
  for (const c of report.changes) if (c.kind === 'method-case-renamed' && !c.aliased && c.previousName) out[c.previousName] = c.name;
  return out;
}

/** The `to` side as the generator will read it once `recorded` is in the aliases file. */
function withAliases(side: DiffSide, recorded: MethodAliasMap): DiffSide {
  const current = side.ir.methodAliases ?? [];
  const added = Object.entries(recorded).map(([from, to]) => ({ from, to }));
  const methodAliases = [...current.filter((a) => !(a.from in recorded)), ...added].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  return { ...side, ir: { ...side.ir, methodAliases } };
}

const pagesText = (s: DiffSide) => (s.stats ? `${s.stats.pages} pages (${s.stats.parsed} parsed, ${s.stats.cached} from cache)` : 'IR file');

export const diffVerb: Verb = {
  usage: 'diff --from A --to B [--format md|json] [--record-aliases] [--aliases FILE] [--no-cache]   API changes between two docs folders or IR files',
  options: { from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' }, 'record-aliases': { type: 'boolean' }, aliases: { type: 'string' }, 'no-cache': { type: 'boolean' } },
  run(ctx) {
    const from = ctx.values.from;
    const to = ctx.values.to;
    const format = ctx.values.format ?? 'md';
    if (typeof from !== 'string' || typeof to !== 'string') throw new DiffInputError('diff needs --from A and --to B (docs folders or IR JSON files)');
    if (format !== 'md' && format !== 'json') throw new DiffInputError(`diff --format must be md or json, not "${String(format)}"`);
    const aliasesFile = typeof ctx.values.aliases === 'string' ? resolve(ctx.values.aliases) : METHOD_ALIASES_FILE;
    const opts = { cacheDir: ctx.values['no-cache'] ? null : join(dirname(ctx.cacheFile), 'diff'), methodAliasesFile: aliasesFile };
    const fromSide = loadSide(from, opts);
    let toSide = loadSide(to, opts);
    let report = diffReport(fromSide, toSide);
    let recordedText = '';
    if (ctx.values['record-aliases']) {
      const renames = unrecordedCaseRenames(report);
      const recorded = recordMethodAliases(renames, aliasesFile);
      if (Object.keys(renames).length > 0) {
        toSide = withAliases(toSide, renames);
        report = diffReport(fromSide, toSide);
      }
      recordedText = `; ${Object.keys(recorded).length} method aliases recorded in ${aliasesFile}`;
    }
    ctx.io.out(format === 'json' ? formatJson(report) : formatMarkdown(report, loadTemplates()).trimEnd());
    ctx.io.err(`b24gen: from ${pagesText(fromSide)}, to ${pagesText(toSide)}`);
    ctx.io.err(`b24gen: ${report.summary.entries} entries for ${report.summary.changes} changes (${report.summary.breaking} breaking); semver: ${report.verdict}${recordedText}`);
    return 0;
  },
};
