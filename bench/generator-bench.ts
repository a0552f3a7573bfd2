/**
 * Generator benchmarks on the docs snapshot (one run prints every number):
 *  - pages/s of parse, extract and emit separately;
 *  - the cold pipeline (no cache) as a ratio to remark parsing alone of the same pages;
 *  - a warm re-run with unchanged docs, and a run after one page changed (pages re-read);
 *  - tsc time on the generated package, and on a file importing one method.
 * Run: npx tsx bench/generator-bench.ts [--docs DIR]
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { listPages } from '../generator/src/load/docs-files.js';
import { generate, PROJECT_ROOT } from '../generator/src/pipeline.js';

const seconds = (ms: number) => (ms / 1000).toFixed(1) + ' s';
const rate = (n: number, ms: number) => `${Math.round(n / (ms / 1000))} pages/s`;

function remarkAlone(docsRoot: string, pages: string[]): number {
  const processor = unified().use(remarkParse);
  const t0 = performance.now();
  for (const p of pages) processor.parse(readFileSync(join(docsRoot, p), 'utf8'));
  return performance.now() - t0;
}

function tscTime(project: string): number {
  const t0 = performance.now();
  execFileSync(process.execPath, [join(PROJECT_ROOT, 'node_modules/typescript/bin/tsc'), '-p', project], { stdio: 'inherit' });
  return performance.now() - t0;
}

export async function runGeneratorBench(docsRoot: string): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'b24gen-bench-'));
  try {
    const docs = join(work, 'docs');
    cpSync(docsRoot, docs, { recursive: true });
    const pages = listPages(docs);
    // Inside the project, so the package resolves `@b24gen/runtime` from its node_modules.
    const out = join(PROJECT_ROOT, '.cache/bench-generated');
    rmSync(out, { recursive: true, force: true });
    const cacheFile = join(work, 'cache.json');

    const remarkMs = remarkAlone(docs, pages);
    let t0 = performance.now();
    const cold = generate({ docsRoot: docs, outDir: out, cacheFile });
    const coldMs = performance.now() - t0;
    console.log(`pages: ${pages.length}`);
    console.log(`remark-parse alone:        ${seconds(remarkMs)} (${rate(pages.length, remarkMs)})`);
    console.log(`parse (remark + YFM + includes): ${rate(cold.stats.parsed, cold.stats.parseMs)} (${seconds(cold.stats.parseMs)})`);
    console.log(`extract:                   ${rate(cold.stats.parsed, cold.stats.extractMs)} (${seconds(cold.stats.extractMs)})`);
    console.log(`emit + render:             ${rate(cold.stats.pages, cold.stats.emitMs)} (${seconds(cold.stats.emitMs)} for ${cold.ir.methods.length} methods)`);
    console.log(`write:                     ${seconds(cold.stats.writeMs)} (${cold.write.written.length} files)`);
    console.log(`cold pipeline:             ${seconds(coldMs)} = ${(coldMs / remarkMs).toFixed(2)}x remark alone (goal ≤ 1.5x)`);

    t0 = performance.now();
    const warm = generate({ docsRoot: docs, outDir: out, cacheFile });
    const warmMs = performance.now() - t0;
    console.log(`warm re-run, docs unchanged: ${seconds(warmMs)} (${warm.stats.parsed} pages parsed, ${warm.write.written.length} files written; goal ≤ 5 s)`);

    const page = 'api-reference/bizproc/bizproc-activity/bizproc-activity-log.md';
    writeFileSync(join(docs, page), readFileSync(join(docs, page), 'utf8').replace('Message to log', 'Message to write to the log'));
    t0 = performance.now();
    const one = generate({ docsRoot: docs, outDir: out, cacheFile });
    const oneMs = performance.now() - t0;
    console.log(`one page changed:          ${seconds(oneMs)} (${one.stats.parsed} page parsed; files written: ${one.write.written.join(', ')})`);

    const pkgMs = tscTime(join(out, 'tsconfig.json'));
    const single = join(out, '__one__');
    cpSync(join(out, 'tsconfig.json'), join(single, 'tsconfig.json'));
    writeFileSync(join(single, 'tsconfig.json'), JSON.stringify({ extends: '../tsconfig.json', include: ['app.ts'] }));
    writeFileSync(join(single, 'app.ts'), "import { bizprocActivityLog } from '../methods/bizproc/bizproc.activity.log.js';\nexport const f = bizprocActivityLog;\n");
    const oneTscMs = tscTime(single);
    console.log(`tsc, whole generated package:   ${seconds(pkgMs)}`);
    console.log(`tsc, a file importing one method: ${seconds(oneTscMs)}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(join(PROJECT_ROOT, '.cache/bench-generated'), { recursive: true, force: true });
  }
}

if (resolve(fileURLToPath(import.meta.url)) === resolve(process.argv[1] ?? '')) {
  const i = process.argv.indexOf('--docs');
  await runGeneratorBench(resolve(i > 0 ? process.argv[i + 1]! : join(PROJECT_ROOT, '../shared/b24restdocs')));
}
