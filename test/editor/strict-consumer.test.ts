/**
 * A consumer app with the strictest common settings (strict, exactOptionalPropertyTypes,
 * noUncheckedIndexedAccess, noPropertyAccessFromIndexSignature, skipLibCheck false) compiles against
 * @b24gen/client and @b24gen/runtime: their sources are type-checked in full under those settings
 * (a superset of what their built .d.ts would be), and so is the app's use of the public API.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/docs.js';

const FILE = join(PROJECT_ROOT, 'test/editor/__strict_consumer__.ts');
const SOURCE = `import {
  createClient, bizprocActivityLog, crmItemGet, isB24Error, isCrmItemGetError, isCrmDealGetError, loadMethodRegistry,
  type B24Events, type OAuthTokens, type CallOptions,
} from '@b24gen/client';

declare const saved: { accessToken: string; refreshToken: string };
declare const signal: AbortSignal | undefined;
declare function persist(t: OAuthTokens): Promise<void>;

const hook = createClient({ webhookUrl: 'https://example.bitrix24.com/rest/1/code/', timeout: undefined });
const app = createClient({
  portal: 'example.bitrix24.com',
  oauth: { ...saved, clientId: 'app.1', clientSecret: 'secret', onTokens: persist },
  registry: loadMethodRegistry,
  logger: undefined,
});

export async function main(): Promise<void> {
  const options: CallOptions = { signal, timeout: 10_000 };
  await bizprocActivityLog(hook, { EVENT_TOKEN: 't', LOG_MESSAGE: 'Done' }, options);
  const item = await crmItemGet(app, { entityTypeId: 2, id: 1 }, { decode: true });
  const byName = await app.call('crm.item.get', { entityTypeId: 2, id: 1 });
  const task = await app.v3.call('tasks.task.get', { id: 1, select: ['id', 'title'] }, { decode: true });
  const { results, errors } = await app.batch({ a: { method: 'crm.item.get', params: { entityTypeId: 2, id: 1 } } });
  for await (const deal of app.paginate('crm.deal.list', { select: ['ID', 'TITLE'] })) console.log(deal.ID, deal.TITLE);
  console.log(item, byName, task, results.a, errors.a?.code);
  try {
    await app.call('crm.deal.get', { id: 1 });
  } catch (e) {
    if (isCrmDealGetError(e) && e.reason === 'Not found') return;
    if (isCrmItemGetError(e, 'QUERY_LIMIT_EXCEEDED') || isB24Error(e, 'ERROR_EMPTY_LOG_MESSAGE')) console.log(e.code, e.description);
    throw e;
  }
}

export function onEvent(event: B24Events['ONCRMDEALADD']): void {
  console.log(event.event, event.data);
}
`;

it('a strict consumer app compiles against the packages', () => {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    customConditions: ['b24gen-source'], // the workspace packages' sources (published apps get dist/)
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    types: [],
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    noPropertyAccessFromIndexSignature: true,
    noImplicitOverride: true,
    noImplicitReturns: true,
    skipLibCheck: false,
    noEmit: true,
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (f) => (f === FILE ? SOURCE : read(f));
  const exists = host.fileExists.bind(host);
  host.fileExists = (f) => f === FILE || exists(f);
  const getSource = host.getSourceFile.bind(host);
  host.getSourceFile = (f, v, onError) => (f === FILE ? ts.createSourceFile(f, SOURCE, v) : getSource(f, v, onError));
  const program = ts.createProgram([FILE], options, host);
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${d.file.fileName.replace(PROJECT_ROOT + '/', '')}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
    return `${where} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
  expect(diagnostics).toEqual([]);
  // The packages were really checked, not skipped.
  expect(program.getSourceFiles().some((f) => f.fileName.endsWith('runtime/src/client.ts'))).toBe(true);
  expect(program.getSourceFiles().some((f) => f.fileName.endsWith('generated/methods/crm/crm.item.get.ts'))).toBe(true);
}, 300_000);
