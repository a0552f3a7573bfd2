/**
 * `npm run b24gen -- <verb>`. Exit codes: 0 ok, 1 generated but a page could not be fully read
 * (error diagnostics), 2 usage or I/O error. Errors are one line, never a stack trace.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DocsFetchError, DocsPinError, locateDocs, type LocatedDocs } from '../load/docs-fetch.js';
import { DocsRootError } from '../load/docs-root.js';
import { readPin } from '../load/docs-source.js';
import { docsContentHash, PROJECT_ROOT } from '../pipeline.js';
import { VERBS, type Verb } from './verbs.js';

export class UsageError extends Error {}

const USAGE = `usage: npm run b24gen -- <verb> [options]
verbs:
${Object.entries(VERBS).map(([name, v]) => `  ${name.padEnd(9)}${v.usage}`).join('\n')}`;

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [verbName, ...rest] = argv;
  if (!verbName || verbName === '--help' || verbName === '-h') {
    io.out(USAGE);
    return verbName ? 0 : 2;
  }
  const verb: Verb | undefined = VERBS[verbName];
  if (!verb) {
    io.err(`b24gen: unknown verb "${verbName}"\n${USAGE}`);
    return 2;
  }
  try {
    const { values } = parseArgs({ args: rest, options: verb.options, strict: true, allowPositionals: false });
    const docsFlag = typeof values.docs === 'string' ? values.docs : undefined;
    let located: LocatedDocs | undefined;
    const locate = () =>
      (located ??= locateDocs({
        flag: docsFlag,
        env: process.env.B24_DOCS,
        projectRoot: PROJECT_ROOT,
        pin: readPin(),
        contentHash: docsContentHash,
        progress: process.stderr.isTTY === true,
        log: io.err,
      }));
    const ctx = {
      values,
      io,
      locateDocs: locate,
      docsRoot: () => locate().root,
      writeOut: (file: string, text: string) => {
        const full = resolve(file);
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, text);
      },
      cacheFile: join(PROJECT_ROOT, '.cache/pages.json'),
    };
    return await verb.run(ctx);
  } catch (error) {
    if (error instanceof DocsRootError || error instanceof DocsFetchError || error instanceof DocsPinError || error instanceof UsageError) io.err(`b24gen: ${error.message}`);
    else if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) io.err(`b24gen: ${error.message}\n${USAGE}`);
    else io.err(`b24gen: ${(error as Error).message ?? String(error)}`);
    return 2;
  }
}

const isEntry = process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (isEntry) {
  main(process.argv.slice(2), { out: (t) => process.stdout.write(t + '\n'), err: (t) => process.stderr.write(t + '\n') }).then((code) => {
    process.exitCode = code;
  });
}
