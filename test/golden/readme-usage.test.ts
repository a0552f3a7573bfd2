/** The usage example of README.md compiles against the committed generated package. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Project } from 'ts-morph';
import { expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/docs.js';

it('README usage example type-checks', () => {
  const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
  const block = /## Using the generated client[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(block).toBeDefined();
  const code = block!.replace("from '@b24gen/client'", "from '../../generated/index.js'").replace(/^(import .*\n)/, '$1declare const token: string;\nexport {};\n');
  // A usage sketch binds values it does not use: that is not what this test checks.
  const project = new Project({ tsConfigFilePath: join(PROJECT_ROOT, 'tsconfig.json'), skipAddingFilesFromTsConfig: true, compilerOptions: { noUnusedLocals: false, noUnusedParameters: false } });
  const file = project.createSourceFile(join(PROJECT_ROOT, 'test/golden/__readme__.ts'), code, { overwrite: true });
  const errors = file.getPreEmitDiagnostics().map((d) => `${d.getLineNumber()}: ${JSON.stringify(d.getMessageText())}`);
  expect(errors).toEqual([]);
}, 120_000);
