/**
 * generated/openapi.json checked by real tools: swagger-parser validation, Redocly lint with the
 * checked-in config (generator/src/openapi/redocly.yaml), openapi-typescript whose types compile
 * and accept the generated client's types.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../generator/src/pipeline.js';

const run = promisify(execFile);
const DOC_PATH = join(PROJECT_ROOT, 'generated/openapi.json');
const bin = (name: string) => join(PROJECT_ROOT, 'node_modules/.bin', name);
type Json = Record<string, any>;
const doc = JSON.parse(readFileSync(DOC_PATH, 'utf8')) as Json;

describe('generated/openapi.json under the OpenAPI tools', () => {
  it('passes swagger-parser validation (both documents)', async () => {
    expect(((await SwaggerParser.validate(structuredClone(doc) as any)) as Json).openapi).toBe('3.1.0');
    const v3 = JSON.parse(readFileSync(join(PROJECT_ROOT, 'generated/openapi-v3.json'), 'utf8'));
    expect(((await SwaggerParser.validate(v3)) as Json).openapi).toBe('3.1.0');
  }, 300_000);

  it('passes redocly lint with the checked-in config: no errors; the warnings left are the operations without a 4xx response', async () => {
    const out = await run(bin('redocly'), ['lint', DOC_PATH, '--config', join(PROJECT_ROOT, 'generator/src/openapi/redocly.yaml'), '--format', 'json', '--max-problems', '100000'], { cwd: PROJECT_ROOT, maxBuffer: 1 << 28 }).catch((e: { stdout: string }) => e);
    const report = JSON.parse(out.stdout) as { problems: Array<{ ruleId: string; severity: string; location: Array<{ pointer: string }> }> };
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
    // The docs give these methods no 4xx error and their pages do not include the system errors: none is invented.
    expect([...new Set(report.problems.map((p) => p.ruleId))]).toEqual(['operation-4xx-response']);
    const flagged = report.problems.map((p) => p.location[0]!.pointer.split('/')[2]!.replace(/~1/g, '/')).sort();
    const without = Object.entries<Json>(doc.paths).filter(([, item]) => !Object.keys(item.post.responses).some((s) => /^4\d\d$/.test(s))).map(([p]) => p).sort();
    expect(flagged).toEqual(without);
    console.log(`redocly lint: 0 errors, ${report.problems.length} warnings (operation-4xx-response)`);
  }, 300_000);

  it('gives openapi-typescript types that compile, and that the generated params and results fit member by member', async () => {
    const dir = join(PROJECT_ROOT, '.cache/openapi-ts');
    mkdirSync(dir, { recursive: true });
    // An object schema without members is any object (the portal's PHP arrays): `unknown`, not openapi-typescript's default `Record<string, never>`.
    await run(bin('openapi-typescript'), [DOC_PATH, '--empty-objects-unknown', '--output', join(dir, 'openapi.ts')], { cwd: PROJECT_ROOT, maxBuffer: 1 << 26 });
    writeFileSync(
      join(dir, 'check.ts'),
      [
        "import type { components, operations } from './openapi.js';",
        "import type { BizprocActivityLogParams } from '@b24gen/client/methods/bizproc/bizproc.activity.log';",
        "import type { CrmDealListParams, CrmDealListResult } from '@b24gen/client/methods/crm/crm.deal.list';",
        "import type { CrmDealGetParams, CrmDealGetResult } from '@b24gen/client/methods/crm/crm.deal.get';",
        "import type { TasksTaskGetParams, TasksTaskGetResult } from '@b24gen/client/methods/tasks/tasks.task.get';",
        "import type { UserGetParams, UserGetResult } from '@b24gen/client/methods/user/user.get';",
        "type S = components['schemas'];",
        'type Item<T> = T extends readonly (infer U)[] ? U : T;',
        // Member by member: a generated interface has no string index signature, so it is not assignable as a whole
        // to a schema type with `patternProperties` (`UF_*`); each shared member's generated type must fit the schema's.
        'type Fits<G, D> = { [K in keyof G & keyof D]-?: Exclude<G[K], undefined> extends D[K] ? true : { member: K; generated: G[K]; document: D[K] } };',
        "type Check<G, D> = [keyof G & keyof D] extends [never] ? 'no shared members' : Fits<G, D>[keyof G & keyof D] extends true ? true : Fits<G, D>;",
        "export const a: Check<BizprocActivityLogParams, S['BizprocActivityLogParams']> = true;",
        "export const b: Check<CrmDealListParams, S['CrmDealListParams']> = true;",
        "export const c: Check<Item<CrmDealListResult>, Item<S['CrmDealListResult']>> = true;",
        "export const d: Check<CrmDealGetParams, S['CrmDealGetParams']> = true;",
        "export const e: Check<CrmDealGetResult, S['CrmDealGetResult']> = true;",
        "export const f: Check<TasksTaskGetParams, S['TasksTaskGetParams']> = true;",
        "export const g: Check<NonNullable<TasksTaskGetResult['task']>, NonNullable<S['TasksTaskGetResult']['task']>> = true;",
        "export const h: Check<UserGetParams, S['UserGetParams']> = true;",
        "export const i: Check<Item<UserGetResult>, Item<S['UserGetResult']>> = true;",
        "type ListResult = operations['crmDealList']['responses'][200]['content']['application/json']['result'];",
        'export const j: Check<Item<CrmDealListResult>, Item<ListResult>> = true;',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: 'es2022', module: 'esnext', moduleResolution: 'bundler', customConditions: ['b24gen-source'], skipLibCheck: true, types: [] }, files: ['openapi.ts', 'check.ts'] }),
    );
    const tsc = await run(bin('tsc'), ['-p', join(dir, 'tsconfig.json')], { cwd: PROJECT_ROOT, maxBuffer: 1 << 26 }).catch((e: { stdout: string }) => e);
    expect(tsc.stdout).toBe('');
  }, 300_000);
});
