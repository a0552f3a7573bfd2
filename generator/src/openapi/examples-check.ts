/**
 * The docs' examples against the document's own schemas: an example that contradicts them (a cURL
 * body with a placeholder for a number, a response example with a member the tables type otherwise)
 * is left out with a diagnostic naming where it disagrees. Tools then never see an example the schema
 * rejects, and a mock server that replays examples answers only what the types promise.
 * The check interprets the JSON Schema subset `schema-of-type.ts` emits (the tests check the kept
 * examples with ajv): compiling ~3,000 large schemas with ajv takes half a minute.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';

type Json = Record<string, any>;

/** Where each operation's page is, for the diagnostics: path → docPath. */
export type PageOf = (path: string) => string;

const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);

/** The first place where `value` breaks `schema` ('' when it fits). */
export function mismatch(schema: Json, value: unknown, resolve: (ref: string) => Json, at = ''): string {
  if (schema.$ref) {
    const m = mismatch(resolve(schema.$ref), value, resolve, at);
    if (m) return m;
  }
  if (schema.type !== undefined) {
    const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
    const k = kindOf(value);
    if (!types.includes(k) && !(k === 'integer' && types.includes('number'))) return `${at || '/'} is ${k}, not ${types.join(' or ')}`;
  }
  if (schema.const !== undefined && value !== schema.const) return `${at || '/'} is not ${JSON.stringify(schema.const)}`;
  if (schema.enum && !schema.enum.some((e: unknown) => e === value)) return `${at || '/'} is ${JSON.stringify(value)}, not one of the listed values`;
  if (typeof value === 'string' && schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) return `${at || '/'} is ${JSON.stringify(value)}, not a numeric string`;
  if (Array.isArray(value)) {
    if (schema.maxItems !== undefined && value.length > schema.maxItems) return `${at || '/'} has more than ${schema.maxItems} items`;
    if (schema.items) for (let i = 0; i < value.length; i++) {
      const m = mismatch(schema.items, value[i], resolve, `${at}/${i}`);
      if (m) return m;
    }
  } else if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    for (const r of schema.required ?? []) if (!Object.hasOwn(obj, r)) return `${at || '/'} lacks the required ${r}`;
    for (const [key, v] of Object.entries(obj)) {
      const prop = schema.properties && Object.hasOwn(schema.properties, key) ? schema.properties[key] : undefined;
      const patterns = Object.entries<Json>(schema.patternProperties ?? {}).filter(([p]) => new RegExp(p, 'u').test(key));
      for (const s of [prop, ...patterns.map(([, s]) => s)].filter(Boolean)) {
        const m = mismatch(s, v, resolve, `${at}/${key}`);
        if (m) return m;
      }
      if (!prop && !patterns.length && schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        const m = mismatch(schema.additionalProperties, v, resolve, `${at}/${key}`);
        if (m) return m;
      }
    }
  }
  if (schema.anyOf) {
    const all = (schema.anyOf as Json[]).map((s) => mismatch(s, value, resolve, at));
    if (all.every(Boolean)) return all[0]!;
  }
  return '';
}

export function pruneExamples(document: Json, pageOf: PageOf, diagnostics: Diagnostic[]): { kept: number; removed: number } {
  const schemas = document.components.schemas as Record<string, Json>;
  const resolve = (ref: string) => schemas[ref.replace('#/components/schemas/', '')] ?? {};
  let kept = 0;
  let removed = 0;
  for (const [path, item] of Object.entries<Json>(document.paths)) {
    const op = item.post as Json;
    const media: Array<[string, Json]> = [];
    for (const [type, m] of Object.entries<Json>(op.requestBody?.content ?? {})) media.push([`request ${type}`, m]);
    for (const [status, r] of Object.entries<Json>(op.responses)) for (const [type, m] of Object.entries<Json>(r.content ?? {})) media.push([`response ${status} ${type}`, m]);
    for (const [where, m] of media) {
      if (!m.examples || !m.schema) continue;
      for (const [key, example] of Object.entries<Json>(m.examples)) {
        const why = mismatch(m.schema, example.value, resolve);
        if (!why) {
          kept++;
          continue;
        }
        removed++;
        delete m.examples[key];
        diagnostics.push({
          file: pageOf(path),
          line: Number(/line (\d+)/.exec(String(example.summary))?.[1] ?? 0),
          severity: 'info',
          message: `openapi: ${path.slice(1)}: the ${where} example "${key}" is left out: ${why}`,
          ruleId: 'openapi-example-mismatch',
          source: 'openapi',
        });
      }
      if (Object.keys(m.examples).length === 0) delete m.examples;
    }
  }
  return { kept, removed };
}
