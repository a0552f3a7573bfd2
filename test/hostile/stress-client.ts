/**
 * `npm run stress [-- --calls N --concurrency C --timeout MS --stall MS --seed S]`: 10,000 calls
 * from 50 concurrent callers under injected faults (30 s stalls against a 5 s per-call deadline by
 * default). Prints calls made, faults injected, calls settled exactly once, leaks found, write
 * duplicates and heap samples; exit code 1 on any violation. Run with `node --expose-gc` (e.g.
 * `NODE_OPTIONS=--expose-gc npm run stress`) for heap figures after GC.
 */
import { parseArgs } from 'node:util';
import { formatReport, runStress } from './client-stress-support.js';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '10000' }, concurrency: { type: 'string', default: '50' }, timeout: { type: 'string', default: '5000' },
    stall: { type: 'string', default: '30000' }, seed: { type: 'string', default: String(Date.now() % 2 ** 31) }, 'fault-rate': { type: 'string', default: '0.3' },
  },
});
const calls = Number(values.calls);
console.log(`seed=${values.seed} concurrency=${values.concurrency} timeout=${values.timeout}ms stall=${values.stall}ms`);
const r = await runStress({
  calls, concurrency: Number(values.concurrency), timeoutMs: Number(values.timeout), stallMs: Number(values.stall),
  faultRate: Number(values['fault-rate']), seed: Number(values.seed), expiries: 5,
  onProgress: (n) => process.stderr.write(`  ${n}/${calls}\n`),
});
console.log(formatReport(r));
const grew = r.heapMB.length > 3 && r.heapMB.at(-1)! > 2 * r.heapMB[2]! + 32;
if (grew) console.log('  ! heap grew');
process.exitCode =
  r.settledOnce !== r.calls || r.untypedRejections.length || r.badData.length || r.unhandledRejections || r.leaks.length || r.redirectLeaks || r.polluted || r.writeDuplicates || grew ||
  r.limits.codes.some((c) => c !== 'OPERATION_TIME_LIMIT') || r.limits.sentAfterBlock !== 1 || !r.limits.otherMethodOk ? 1 : 0;
