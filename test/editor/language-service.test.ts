/**
 * What an editor shows a user of the generated client, asked of the TypeScript language service the
 * way an IDE asks it, on a consumer file that imports `@b24gen/client`: completions of error codes
 * (all known codes, and one method's), the diagnostic of a misspelt method name, the deprecation of a
 * call by name, and the hovers of a binding, of a call by name and of a result member.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/docs.js';

const FILE = join(PROJECT_ROOT, 'test/editor/__consumer__.ts');
const SOURCE = `import { createClient, bizprocActivityLog, crmDealGet, isB24Error, isBizprocActivityLogError, isCrmDealGetError } from '@b24gen/client';

const b24 = createClient({ webhookUrl: 'https://example.bitrix24.com/rest/1/code/' });

export async function main() {
  try {
    await bizprocActivityLog(b24, { EVENT_TOKEN: 't', LOG_MESSAGE: 'Done' });
  } catch (e) {
    if (isB24Error(e, 'ERROR_EMPTY_LOG_MESSAGE')) console.log(e.code);
    if (isBizprocActivityLogError(e, 'ERROR_EMPTY_LOG_MESSAGE')) console.log(e.code);
  }
  await b24.call('crm.deal.gett', { id: 1 });
  const deal = await b24.call('crm.deal.get', { id: 1 });
  const item = await b24.call('crm.item.get', { entityTypeId: 2, id: 1 });
  console.log(deal.TITLE, item);
  try {
    await crmDealGet(b24, { id: 1 });
  } catch (e) {
    if (isCrmDealGetError(e) && e.reason === 'Not found') console.log('gone');
  }
}
`;

let service: ts.LanguageService;

/** Offset of the `n`-th occurrence of `needle` in the consumer file, plus `delta`. */
function at(needle: string, delta = 0, n = 0): number {
  let i = -1;
  for (let k = 0; k <= n; k++) i = SOURCE.indexOf(needle, i + 1);
  if (i < 0) throw new Error(`not in the consumer file: ${needle}`);
  return i + delta;
}
const text = (parts: readonly ts.SymbolDisplayPart[] | undefined) => ts.displayPartsToString(parts as ts.SymbolDisplayPart[]);
const lineOf = (pos: number) => SOURCE.slice(0, pos).split('\n').length;

beforeAll(() => {
  const config = ts.readConfigFile(join(PROJECT_ROOT, 'tsconfig.json'), ts.sys.readFile).config;
  // The repo's settings (moduleResolution bundler, the b24gen-source condition), as a consumer's editor would have them.
  const options = ts.parseJsonConfigFileContent(config, ts.sys, PROJECT_ROOT).options;
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => ({ ...options, noUnusedLocals: false }),
    getScriptFileNames: () => [FILE],
    getScriptVersion: () => '1',
    getScriptSnapshot: (f) => {
      const t = f === FILE ? SOURCE : ts.sys.fileExists(f) ? readFileSync(f, 'utf8') : undefined;
      return t === undefined ? undefined : ts.ScriptSnapshot.fromString(t);
    },
    getCurrentDirectory: () => PROJECT_ROOT,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (f) => f === FILE || ts.sys.fileExists(f),
    readFile: (f) => (f === FILE ? SOURCE : ts.sys.readFile(f)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
    realpath: ts.sys.realpath!,
  };
  service = ts.createLanguageService(host, ts.createDocumentRegistry());
}, 300_000);

describe('the editor on a consumer of @b24gen/client', () => {
  it('completes every known error code at isB24Error(e, \'…\')', () => {
    const names = service.getCompletionsAtPosition(FILE, at("isB24Error(e, '", 15), {})!.entries.map((e) => e.name);
    for (const code of ['ERROR_EMPTY_LOG_MESSAGE', 'QUERY_LIMIT_EXCEEDED', 'expired_token', 'TIMEOUT', 'NETWORK_ERROR', 'invalid_grant', 'ERROR_CORE'])
      expect(names, code).toContain(code);
    expect(names.length).toBeGreaterThan(500);
  }, 300_000);

  it("completes one method's codes and the protocol-wide ones at its guard", () => {
    const names = service.getCompletionsAtPosition(FILE, at("isBizprocActivityLogError(e, '", 30), {})!.entries.map((e) => e.name);
    expect(names).toContain('ERROR_EMPTY_LOG_MESSAGE');
    for (const code of ['QUERY_LIMIT_EXCEEDED', 'expired_token', 'TIMEOUT']) expect(names).toContain(code);
    expect(names).not.toContain('ERROR_CORE'); // another method's code
    expect(names.length).toBeLessThan(60);
  });

  it('reports a misspelt method name in one short message that names it', () => {
    const diagnostics = service.getSemanticDiagnostics(FILE);
    expect(diagnostics.map((d) => d.code)).not.toContain(2590); // "union type too complex"
    const typo = diagnostics.filter((d) => lineOf(d.start!) === lineOf(at('crm.deal.gett')));
    expect(typo).toHaveLength(1);
    const message = ts.flattenDiagnosticMessageText(typo[0]!.messageText, '\n');
    expect(message).toContain('unknown method: crm.deal.gett');
    expect(message.length).toBeLessThan(300);
    // Nothing else in the file is an error.
    expect(diagnostics.filter((d) => d !== typo[0]).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  });

  it('strikes through a call by name of a deprecated method (and not of its replacement)', () => {
    const deprecated = service.getSuggestionDiagnostics(FILE).filter((d) => d.reportsDeprecated);
    expect(deprecated.map((d) => [lineOf(d.start!), SOURCE.slice(d.start!, d.start! + d.length!)])).toEqual([
      [1, 'crmDealGet'], // the import of the deprecated binding
      [lineOf(at("b24.call('crm.deal.get'")), 'call'],
      [lineOf(at('crmDealGet(b24')), 'crmDealGet'],
    ]);
  });

  it("hovering a call by name shows the method's summary and page", () => {
    const info = service.getQuickInfoAtPosition(FILE, at("b24.call('crm.item.get'", 4))!;
    expect(text(info.displayParts)).toContain("call(method: \"crm.item.get\", params: CrmItemGetParams, options?: CallOptions<false>): Promise<CrmItemGetResult>");
    expect(text(info.documentation)).toMatch(/crm\.item\.get/);
    const see = info.tags?.find((t) => t.name === 'see');
    expect(text(see?.text)).toBe('{@link https://apidocs.bitrix24.com/api-reference/crm/universal/crm-item-get.html crm.item.get}');
    const old = service.getQuickInfoAtPosition(FILE, at("b24.call('crm.deal.get'", 4))!;
    expect(text(old.tags?.find((t) => t.name === 'deprecated')?.text)).toBe('Use `crm.item.get` instead (binding `crmItemGet`).');
  });

  it('hovering a binding shows its docs: @throws text first, the guard link after, the page', () => {
    const info = service.getQuickInfoAtPosition(FILE, at('bizprocActivityLog(b24', 2))!;
    expect(text(info.documentation)).toMatch(/^Write information to the business process log/);
    const throws = info.tags?.filter((t) => t.name === 'throws') ?? [];
    expect(throws).toHaveLength(1);
    expect(text(throws[0]!.text)).toBe('`ERROR_EMPTY_LOG_MESSAGE` (HTTP 400) Empty log message! — log entry text is not specified ({@link isBizprocActivityLogError})');
    expect(throws[0]!.text?.find((p) => p.kind === 'linkName')?.text).toBe('isBizprocActivityLogError');
    expect(text(info.tags?.find((t) => t.name === 'see')?.text)).toBe('{@link https://apidocs.bitrix24.com/api-reference/bizproc/bizproc-activity/bizproc-activity-log.html bizproc.activity.log}');
  });

  it('hovering a result member shows its documentation; its interface links the page', () => {
    const info = service.getQuickInfoAtPosition(FILE, at('deal.TITLE', 6))!;
    expect(text(info.displayParts)).toBe('(property) CrmDealGetResult.TITLE?: string | undefined');
    expect(text(info.documentation)).toMatch(/^Title\n\nDocumented type: `string`\.$/);
    const [def] = service.getTypeDefinitionAtPosition(FILE, at('const deal', 6)) ?? [];
    const iface = service.getQuickInfoAtPosition(def!.fileName, def!.textSpan.start)!;
    expect(text(iface.tags?.find((t) => t.name === 'see')?.text)).toBe('{@link https://apidocs.bitrix24.com/api-reference/crm/deals/crm-deal-get.html crm.deal.get}');
  });

  it('types the reason of an error documented without a code', () => {
    const info = service.getQuickInfoAtPosition(FILE, at("e.reason === 'Not found'", 2))!;
    expect(text(info.displayParts)).toBe('(property) B24Error<B24ProtocolErrorCode | (string & {}), CrmDealGetErrorReason>.reason?: CrmDealGetErrorReason | undefined');
    const names = service.getCompletionsAtPosition(FILE, at("e.reason === 'Not found'", 14), {})!.entries.map((e) => e.name);
    expect(names).toEqual(['ID is not defined or invalid', 'Access denied', 'Not found']);
  });

  it('completes method names at b24.call(\'…\')', () => {
    const names = service.getCompletionsAtPosition(FILE, at("b24.call('crm.item.get'", 10), {})!.entries.map((e) => e.name);
    expect(names).toContain('crm.deal.get');
    expect(names).toContain('bizproc.activity.log');
    expect(names.length).toBeGreaterThan(1000);
  });
});
