/**
 * Type-level proof on the committed generated package: a call of `bizproc.activity.log` without
 * `LOG_MESSAGE`, or with a number for it, does not compile; a correct call does.
 */
import { Project } from 'ts-morph';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/docs.js';

const project = new Project({ tsConfigFilePath: join(PROJECT_ROOT, 'tsconfig.json'), skipAddingFilesFromTsConfig: true });

function errorsOf(body: string): string[] {
  const file = project.createSourceFile(
    join(PROJECT_ROOT, 'test/golden/__snippet__.ts'),
    `import { bizprocActivityLog } from '../../generated/methods/bizproc/bizproc.activity.log.js';
import type { B24Client } from '../../generated/client.js';
import type { B24Invoker } from '@b24gen/runtime';
declare const invoker: B24Invoker;
declare const client: B24Client;
export async function snippet() {
${body}
}
`,
    { overwrite: true },
  );
  const messages = file.getPreEmitDiagnostics().map((d) => {
    const text = d.getMessageText();
    return typeof text === 'string' ? text : text.getMessageText() + ' ' + JSON.stringify(text.compilerObject);
  });
  project.removeSourceFile(file);
  return messages;
}

describe('types of bizproc.activity.log', () => {
  it('a call with both params compiles, through the binding and through client.call', () => {
    expect(errorsOf(`await bizprocActivityLog(invoker, { EVENT_TOKEN: 't', LOG_MESSAGE: 'm' });
const r = await client.call('bizproc.activity.log', { EVENT_TOKEN: 't', LOG_MESSAGE: 'm' });
const u: unknown = r; void u;`)).toEqual([]);
  });

  it('a call without LOG_MESSAGE does not compile', () => {
    const binding = errorsOf(`await bizprocActivityLog(invoker, { EVENT_TOKEN: 't' });`);
    expect(binding.join('\n')).toMatch(/LOG_MESSAGE/);
    const byName = errorsOf(`await client.call('bizproc.activity.log', { EVENT_TOKEN: 't' });`);
    expect(byName.join('\n')).toMatch(/LOG_MESSAGE/);
  });

  it('a number for LOG_MESSAGE does not compile', () => {
    const errors = errorsOf(`await bizprocActivityLog(invoker, { EVENT_TOKEN: 't', LOG_MESSAGE: 42 });`);
    expect(errors.join('\n')).toMatch(/number.*string/s);
  });
}, 120_000);
