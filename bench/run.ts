/** `npm run bench`: the generator benchmarks on the docs snapshot, then the runtime against the fake portal. */
import { join } from 'node:path';
import { PROJECT_ROOT } from '../generator/src/pipeline.js';
import { runGeneratorBench } from './generator-bench.js';
import { runDiffBench } from './diff-bench.js';
import { runRuntimeBench } from './runtime-bench.js';

console.log('== generator ==');
await runGeneratorBench(process.env.B24_DOCS ?? join(PROJECT_ROOT, '../shared/b24restdocs'));
console.log('\n== diff ==');
await runDiffBench(process.env.B24_DOCS ?? join(PROJECT_ROOT, '../shared/b24restdocs'));
console.log('\n== runtime ==');
await runRuntimeBench();
