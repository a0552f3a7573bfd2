/** The TypeScript sample of runtime/README.md ("Decoding") type-checks against the runtime. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Project } from 'ts-morph';
import { expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/docs.js';

it('runtime README decoding sample type-checks', () => {
  const readme = readFileSync(join(PROJECT_ROOT, 'runtime/README.md'), 'utf8');
  const block = /## Decoding[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(block).toBeDefined();
  const project = new Project({ tsConfigFilePath: join(PROJECT_ROOT, 'tsconfig.json'), skipAddingFilesFromTsConfig: true });
  const file = project.createSourceFile(join(PROJECT_ROOT, 'test/runtime/__readme__.ts'), block + 'export {};\n', { overwrite: true });
  const errors = file.getPreEmitDiagnostics().map((d) => `${d.getLineNumber()}: ${JSON.stringify(d.getMessageText())}`);
  expect(errors).toEqual([]);
}, 120_000);
