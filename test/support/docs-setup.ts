/**
 * globalSetup of the test projects: without a docs checkout, say so in one line instead of letting
 * every test that reads the docs fail with an ENOENT stack. A whole run (`npm test`) stops there with
 * exit code 2; a run of chosen files (`vitest run test/runtime`) goes on, as many tests need no docs.
 */
import { docsMissing } from './docs.js';

/** Files or name filters on the command line (`vitest run test/runtime`, `-t name`). */
export function selective(argv: readonly string[]): boolean {
  const args = argv.slice(2);
  const positional = args.filter((a, i) => !a.startsWith('-') && !['run', 'watch', 'dev', 'related'].includes(a) && !/^--?(project|t|testNamePattern|reporter|config|root|dir)$/.test(args[i - 1] ?? ''));
  return positional.length > 0 || args.some((a) => /^(-t|--testNamePattern)\b/.test(a));
}

export default function setup(): void {
  if (!docsMissing) return;
  if (selective(process.argv)) {
    process.stderr.write(`b24gen tests: ${docsMissing} Tests that read the docs will fail.\n`);
    return;
  }
  process.stderr.write(`b24gen tests: ${docsMissing}\n`);
  process.exit(2);
}
