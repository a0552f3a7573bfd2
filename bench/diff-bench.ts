/**
 * `b24gen diff` timings on the docs snapshot against a copy of it with a few pages changed (the copy
 * and the page caches live in a temp dir; the snapshot is only read):
 *  - cold: both sides parsed, no cache;
 *  - warm: the same two checkouts again (goal ≤ 5 s);
 *  - one more page changed on one side: only that page is parsed again.
 * Prints the entries of the report (grouped) against its ungrouped changes.
 * Run: npx tsx bench/diff-bench.ts [--docs DIR]
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffReport, type DiffReport } from '../generator/src/diff/format.js';
import { loadSide, type DiffSide } from '../generator/src/diff/load-side.js';
import { PROJECT_ROOT } from '../generator/src/pipeline.js';

const seconds = (ms: number) => (ms / 1000).toFixed(1) + ' s';

/** Page edits of the copy: each replaces text that must be there (a snapshot without it fails loudly). */
const EDITS: Array<{ page: string; what: string; edit: (text: string) => string }> = [
  { page: 'api-reference/disk/file/disk-file-copy-to.md', what: 'case-only rename disk.file.copyto → disk.file.copyTo', edit: (t) => t.replaceAll('disk.file.copyto', 'disk.file.copyTo') },
  { page: '_includes/auth-params-in-events.md', what: 'value added to auth.status (an include of every event page)', edit: (t) => t.replace('application\n\n||', 'application\n- `M` — a test value\n\n||') },
  { page: 'api-reference/bizproc/bizproc-activity/bizproc-activity-log.md', what: 'LOG_MESSAGE string → integer', edit: (t) => t.replace(/(\*\*LOG_MESSAGE\*\*\*\n\[`)string(`\])/, '$1integer$2') },
];

function edit(root: string, page: string, change: (text: string) => string): void {
  const file = join(root, page);
  const before = readFileSync(file, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`diff bench: the edit of ${page} changed nothing (the snapshot differs from what the bench expects)`);
  writeFileSync(file, after);
}

/** Wall time, and CPU time (this process; the wall time grows when other work shares the cores). */
function timed(from: string, to: string, cacheDir: string | null): { ms: number; cpuMs: number; report: DiffReport; sides: DiffSide[] } {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const sides = [loadSide(from, { cacheDir }), loadSide(to, { cacheDir })];
  const report = diffReport(sides[0]!, sides[1]!);
  const cpu = process.cpuUsage(c0);
  return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, report, sides };
}

const times = (t: { ms: number; cpuMs: number }) => `${seconds(t.ms)} (cpu ${seconds(t.cpuMs)})`;

const parsed = (sides: DiffSide[]) => sides.map((s) => `${s.stats?.parsed ?? 0} parsed`).join(' + ');

export async function runDiffBench(docsRoot: string): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'b24gen-diff-bench-'));
  try {
    const copy = join(work, 'docs');
    cpSync(docsRoot, copy, { recursive: true });
    for (const e of EDITS) edit(copy, e.page, e.edit);
    const cacheDir = join(work, 'cache');

    const cold = timed(docsRoot, copy, cacheDir);
    const { summary } = cold.report;
    console.log(`diff, snapshot → copy with ${EDITS.length} pages changed (${EDITS.map((e) => e.what).join('; ')}):`);
    console.log(`  cold (no cache):           ${times(cold)}; ${parsed(cold.sides)} pages`);
    const warm = timed(docsRoot, copy, cacheDir);
    console.log(`  warm, same checkouts:      ${times(warm)}; ${parsed(warm.sides)} pages (goal ≤ 5 s)`);
    edit(copy, 'api-reference/bizproc/bizproc-activity/bizproc-activity-log.md', (t) => t.replace('Message to log', 'Message to write to the log'));
    const one = timed(docsRoot, copy, cacheDir);
    console.log(`  one more page changed:     ${times(one)}; ${parsed(one.sides)} pages`);
    console.log(`  report: ${summary.entries} entries for ${summary.changes} changes (${summary.breaking} breaking); verdict ${cold.report.verdict}`);
    for (const e of cold.report.changes) console.log(`    ${e.kind} ${e.name}${e.path ? ' ' + e.path : ''}${e.value !== undefined ? ' =' + e.value : ''} ×${e.count} (${e.level}) at ${e.toAt ? `${e.toAt.path}:${e.toAt.line}` : '-'}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (resolve(fileURLToPath(import.meta.url)) === resolve(process.argv[1] ?? '')) {
  const i = process.argv.indexOf('--docs');
  await runDiffBench(resolve(i > 0 ? process.argv[i + 1]! : join(PROJECT_ROOT, '../shared/b24restdocs')));
}
