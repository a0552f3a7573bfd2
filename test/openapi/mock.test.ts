/**
 * The mock portal: Prism serves the operations of generated/openapi.json (the docs' response examples,
 * or data generated from the schemas), and the generated bindings call 50 methods across the modules
 * through a webhook URL. Every call must resolve with a `result` the document's schema accepts (ajv),
 * so the mock answers what the generated types promise.
 */
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type B24Client } from '@b24gen/runtime';
import { methodNames } from '../../generator/src/ir/binding-names.js';
import type { IrMethod } from '../../generator/src/ir/types.js';
import { PROJECT_ROOT, documentPath, startMockPortal, type MockPortal } from '../../scripts/mock-portal.js';

type Json = Record<string, any>;
const SAMPLE = 50;
const doc = JSON.parse(readFileSync(join(PROJECT_ROOT, 'generated/openapi.json'), 'utf8')) as Json;

interface Pick {
  name: string;
  operationId: string;
  params: Record<string, unknown>;
}

/**
 * 50 methods, round-robin over the modules (tags) in name order: methods that have a response
 * example from the docs, called with the page's webhook cURL body (kept only when it fits the
 * params schema) or with no params when none is required.
 */
function sample(): Pick[] {
  const byTag = new Map<string, Pick[]>();
  for (const [path, item] of Object.entries<Json>(doc.paths)) {
    const op = item.post as Json;
    if (!op.responses['200'].content['application/json'].examples) continue;
    const json = op.requestBody.content['application/json'];
    const body = json.examples?.cURL_Webhook?.value as Record<string, unknown> | undefined;
    const params = doc.components.schemas[json.schema.$ref.split('/').pop()] as Json;
    if (!body && (params.required?.length || params.anyOf)) continue;
    const tag = op.tags[0] as string;
    if (!byTag.has(tag)) byTag.set(tag, []);
    byTag.get(tag)!.push({ name: path.slice(1), operationId: op.operationId, params: body ?? {} });
  }
  const queues = [...byTag.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, q]) => q);
  const out: Pick[] = [];
  for (let i = 0; out.length < SAMPLE && queues.some((q) => q.length > i); i++) for (const q of queues) if (q[i] && out.length < SAMPLE) out.push(q[i]!);
  return out;
}

/** The document with only the sampled paths and the components they reach: Prism starts in seconds, not a minute. */
function subset(picks: Pick[]): Json {
  const paths = Object.fromEntries(picks.map((p) => [`/${p.name}`, doc.paths[`/${p.name}`]]));
  const reached = { schemas: new Set<string>(), responses: new Set<string>() };
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (!v || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      const m = k === '$ref' && typeof x === 'string' ? /^#\/components\/(schemas|responses)\/(.+)$/.exec(x) : null;
      if (m) {
        const set = reached[m[1] as 'schemas' | 'responses'];
        if (!set.has(m[2]!)) {
          set.add(m[2]!);
          visit(doc.components[m[1]!][m[2]!]);
        }
      } else visit(x);
    }
  };
  visit(paths);
  const pick = (kind: 'schemas' | 'responses') => Object.fromEntries(Object.entries(doc.components[kind]).filter(([n]) => reached[kind].has(n)));
  return { ...doc, paths, components: { ...doc.components, schemas: pick('schemas'), responses: pick('responses') } };
}

const picks = sample();
let portal: MockPortal;
let client: B24Client;

beforeAll(async () => {
  const dir = join(PROJECT_ROOT, '.cache/openapi-mock');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'openapi.sample.json');
  writeFileSync(file, JSON.stringify(subset(picks)));
  portal = await startMockPortal({ document: file });
  client = createClient({ webhookUrl: portal.webhookUrl, allowInsecureHttp: true, rateLimit: false, retry: { limit: 0 } });
});

afterAll(async () => {
  await portal?.close();
});

describe('the mock portal', () => {
  it('maps the portal URLs onto the document paths', () => {
    expect(documentPath('/rest/1/abc/crm.deal.get')).toBe('/crm.deal.get');
    expect(documentPath('/rest/7/abc/crm.deal.get.json?x=1')).toBe('/crm.deal.get?x=1');
    expect(documentPath('/rest/crm.deal.get')).toBe('/crm.deal.get');
    expect(documentPath('/crm.deal.get')).toBeNull();
  });

  it(`answers ${SAMPLE} methods across modules through the generated bindings, each result valid against its schema`, async () => {
    expect(picks.length).toBe(SAMPLE);
    expect(new Set(picks.map((p) => doc.paths[`/${p.name}`].post.tags[0])).size).toBeGreaterThanOrEqual(25);
    const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
    const rel = (s: unknown) => JSON.parse(JSON.stringify(s).replace(/"#\/components\/schemas\//g, '"b24:')) as Json;
    for (const [n, s] of Object.entries<Json>(doc.components.schemas)) ajv.addSchema(rel(s), `b24:${n}`);
    // The binding modules, found by the rule the emitter names them with: the operationId is the export.
    const modules = methodNames(picks.map((p) => ({ name: p.name, apiVersion: 2 }) as IrMethod));
    const t0 = performance.now();
    const failures: string[] = [];
    let passed = 0;
    for (const p of picks) {
      const names = [...modules.entries()].find(([m]) => m.name === p.name)![1];
      const mod = (await import(`@b24gen/client/methods/${names.module.slice('methods/'.length)}`)) as Record<string, unknown>;
      const bind = mod[p.operationId] as (c: B24Client, params: unknown) => Promise<unknown>;
      if (typeof bind !== 'function') {
        failures.push(`${p.name}: no export ${p.operationId}`);
        continue;
      }
      try {
        const result = await bind(client, p.params);
        // Where the docs give errors with HTTP 200, the 200 schema is `anyOf: [success envelope, error envelope]`.
        const ok = doc.paths[`/${p.name}`].post.responses['200'].content['application/json'].schema;
        const schema = (ok.anyOf ? ok.anyOf[0] : ok).properties.result;
        const validate = ajv.compile(rel(schema));
        if (validate(result)) passed++;
        else failures.push(`${p.name}: ${ajv.errorsText(validate.errors)}`);
      } catch (e) {
        failures.push(`${p.name}: ${(e as Error).message}`);
      }
    }
    const secs = (ms: number) => (ms / 1000).toFixed(1);
    console.log(`mock portal: ${picks.length} methods called, ${passed} passed; Prism started in ${secs(portal.startupMs)} s, calls took ${secs(performance.now() - t0)} s`);
    expect(failures).toEqual([]);
  }, 300_000);
});
