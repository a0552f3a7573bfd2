/**
 * One method → one `POST /{method}` operation: the request body from the params (JSON and form
 * encoding), `200` as the envelope with the result on the wire model, the documented errors as
 * responses by HTTP status, the page's cURL bodies and response examples.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { pageUrl } from '../ir/doc-url.js';
import { moduleOf } from '../ir/type-facts.js';
import type { IrError, IrField, IrMethod } from '../ir/types.js';
import { REF, type Components } from './components.js';
import { anyOf, fieldSchema, objectSchema, withDescription, type Schema } from './schema-of-type.js';

export interface OperationOptions {
  components: Components;
  /** Binding name (`operationId`) and type prefix of the generated client. */
  names: { fn: string; type: string };
  /** Error responses every page that includes the system errors shares, by HTTP status. */
  systemErrors: readonly IrError[];
  diagnostics: Diagnostic[];
  /** `$ref` of the shared response of the system errors of one status (`components/responses`). */
  systemResponse: (status: string, errors: readonly IrError[]) => string;
}

const note = (m: IrMethod, message: string, ruleId: string, line = 0): Diagnostic => ({ file: m.docPath, line, severity: 'info', message, ruleId, source: 'openapi' });

/** The OpenAPI `operation` of a method, with the component schemas of its params and result registered. */
export function operation(method: IrMethod, o: OperationOptions): Schema {
  const { components, names } = o;
  const paramsName = `${names.type}Params`;
  const resultName = `${names.type}Result`;
  register(components, paramsName, paramsSchema(method, o));
  const result = resultSchema(method, o);
  if (result) register(components, resultName, result);
  const op: Schema = {
    operationId: names.fn,
    tags: [moduleOf(method.docPath) || 'misc'],
    summary: method.title || method.name,
    description: operationDescription(method),
    externalDocs: { description: `${method.name} in the Bitrix24 REST docs`, url: pageUrl(method.docPath) },
  };
  if (method.deprecated) op.deprecated = true;
  op.security = [{}, ...['AuthParam', 'BearerToken'].map((s) => ({ [s]: [...method.scopes] }))];
  op.requestBody = requestBody(method, paramsName, o);
  op.responses = responses(method, result ? { $ref: REF(resultName) } : {}, o);
  op['x-b24-kind'] = method.kind;
  if (method.list) op['x-b24-list'] = method.list;
  return op;
}

function register(components: Components, name: string, schema: Schema): void {
  if (components.schemas.has(name)) throw new Error(`openapi: component name ${name} is taken twice`);
  components.schemas.set(name, schema);
}

function operationDescription(m: IrMethod): string {
  const parts = [m.description.trim()];
  if (m.scopes.length) parts.push(`Scope: ${m.scopes.map((s) => `\`${s}\``).join(', ')}.`);
  if (m.access) parts.push(`Who can execute the method: ${m.access}.`.replace(/\.\.$/, '.'));
  if (m.deprecated) parts.push(m.deprecated.replacement ? `Deprecated: use \`${m.deprecated.replacement}\` instead.` : 'The docs mark this method deprecated.');
  return parts.filter(Boolean).join('\n\n');
}

function paramsSchema(m: IrMethod, o: OperationOptions): Schema {
  const ctx = o.components.context('params');
  if (m.paramSets && m.paramSets.length > 1) {
    return { ...anyOf(m.paramSets.map((s) => ({ ...objectSchema(s.params, ctx, true), title: s.title }))), description: `Parameters of \`${m.name}\`: the docs define alternative parameter sets.` };
  }
  if (m.params.length === 0 && !m.paramsDocumented) {
    o.diagnostics.push(note(m, `openapi: ${m.name} documents no parameters; its request body is left open`, 'openapi-params-undocumented'));
    return { type: 'object', description: `Parameters of \`${m.name}\`: the page documents none.` };
  }
  if (m.params.length === 0) return { type: 'object', description: `\`${m.name}\` takes no parameters.` };
  return { ...objectSchema(m.params, ctx, true), description: `Parameters of \`${m.name}\`.` };
}

/** Top-level parameters sent as nested form fields (`fields[TITLE]=…`). */
function formEncoding(m: IrMethod): Record<string, Schema> | undefined {
  const nested = (f: IrField) => ['object', 'array', 'map'].includes(f.type.kind) || Boolean(f.fields?.length);
  const names = [...new Set((m.paramSets?.flatMap((s) => s.params) ?? m.params).filter(nested).map((f) => f.name))].sort();
  if (!names.length) return undefined;
  return Object.fromEntries(names.map((n) => [n, { style: 'deepObject', explode: true }]));
}

function slug(text: string, used: Set<string>): string {
  const base = text.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'example';
  let key = base;
  for (let i = 2; used.has(key); i++) key = `${base}_${i}`;
  used.add(key);
  return key;
}

function requestBody(m: IrMethod, paramsName: string, o: OperationOptions): Schema {
  const ref = { $ref: REF(paramsName) };
  const used = new Set<string>();
  const examples: Record<string, Schema> = {};
  for (const e of m.examples) {
    if (e.body === null || typeof e.body !== 'object' || Array.isArray(e.body)) continue;
    examples[slug(e.tab, used)] = { summary: `${e.tab} (line ${e.line} of the page)`, value: e.body };
  }
  if (!Object.keys(examples).length && m.params.length) o.diagnostics.push(note(m, `openapi: ${m.name} has no cURL body that parses as JSON; its request has no example`, 'openapi-no-request-example'));
  const json: Schema = { schema: ref };
  if (Object.keys(examples).length) json.examples = examples;
  const form: Schema = { schema: ref };
  const encoding = formEncoding(m);
  if (encoding) form.encoding = encoding;
  return { required: m.params.some((p) => p.required), content: { 'application/json': json, 'application/x-www-form-urlencoded': form } };
}

function resultSchema(m: IrMethod, o: OperationOptions): Schema | null {
  const row = m.result.fields.find((f) => f.name === 'result');
  if (!row) {
    o.diagnostics.push(note(m, `openapi: ${m.name} documents no \`result\`; its 200 response leaves \`result\` untyped`, 'openapi-result-undocumented'));
    return null;
  }
  const schema = fieldSchema(row, o.components.context('result'));
  return withDescription(schema, [`Result of \`${m.name}\` (the \`result\` member of the response).`, row.description.trim()].filter(Boolean).join('\n\n'));
}

/** The success envelope: `result`, the shared `time`, and the page's other top-level rows (`total`, `next`). */
function envelope(m: IrMethod, result: Schema, o: OperationOptions): Schema {
  const ctx = o.components.context('result');
  const properties: Record<string, Schema> = { result };
  for (const f of m.result.fields) if (f.name !== 'result' && f.name !== 'time') properties[f.name] ??= fieldSchema(f, ctx);
  properties.time = { $ref: o.components.timeRef() };
  return { type: 'object', required: ['result'], properties };
}

function errorEnvelope(codes: string[], apiVersion: 2 | 3, reasons: string[]): Schema {
  const code: Schema = codes.length ? { type: 'string', enum: codes } : { type: 'string' };
  if (apiVersion === 3) return { type: 'object', required: ['error'], properties: { error: { type: 'object', required: ['code'], properties: { code, message: { type: 'string' } } } } };
  const description: Schema = reasons.length ? { type: 'string', description: `For the errors without a code: ${reasons.map((r) => `"${r}"`).join(', ')}.` } : { type: 'string' };
  return { type: 'object', required: ['error'], properties: { error: code, error_description: description } };
}

function errorExample(e: IrError, apiVersion: 2 | 3): Schema {
  const text = (e.message ?? e.description).trim();
  return apiVersion === 3 ? { error: { code: e.code ?? '', message: text } } : { error: e.code ?? '', error_description: text };
}

const STATUS_TEXT: Record<string, string> = { '400': 'Bad request', '401': 'Unauthorized', '403': 'Forbidden', '404': 'Not found', '405': 'Method not allowed', '422': 'Unprocessable', '429': 'Too many requests', '500': 'Server error', '503': 'Service unavailable', default: 'An error the docs give no HTTP status for' };

function responses(m: IrMethod, result: Schema, o: OperationOptions): Schema {
  const all = [...m.errors, ...(m.systemErrors ? o.systemErrors : [])];
  const byStatus = new Map<string, IrError[]>();
  for (const e of all) {
    const key = e.httpStatus === null ? 'default' : String(e.httpStatus);
    if (!byStatus.has(key)) byStatus.set(key, []);
    byStatus.get(key)!.push(e);
  }
  const success = envelope(m, result, o);
  const ok: Schema = { description: `The call succeeded: \`result\`${m.result.fields.some((f) => f.name === 'total') ? ', `total`, `next`' : ''} and \`time\`.` };
  const okErrors = byStatus.get('200');
  // Errors the docs give with HTTP 200 arrive in the same response as the result.
  const okSchema = okErrors ? anyOf([success, errorEnvelope(codesOf(okErrors), m.apiVersion, reasonsOf(okErrors))]) : success;
  const examples = m.responseExamples.filter((x) => x.value !== null && typeof x.value === 'object' && !Array.isArray(x.value) && 'result' in (x.value as object));
  const okMedia: Schema = { schema: okSchema };
  if (examples.length) okMedia.examples = Object.fromEntries(examples.map((x, i) => [`example${i + 1}`, { summary: `Response example (line ${x.line} of the page)`, value: x.value }]));
  else o.diagnostics.push(note(m, `openapi: ${m.name} has no response example with \`result\`; its 200 response has none`, 'openapi-no-response-example'));
  ok.content = { 'application/json': okMedia };
  const out: Record<string, Schema> = { '200': ok };
  const statuses = [...byStatus.keys()].filter((s) => s !== '200').sort((a, b) => (a === 'default' ? 1 : b === 'default' ? -1 : Number(a) - Number(b)));
  for (const status of statuses) {
    const errors = byStatus.get(status)!;
    // A status only the system errors use is one shared response; the method's own codes make its own.
    if (!m.errors.some((e) => (e.httpStatus === null ? 'default' : String(e.httpStatus)) === status)) {
      out[status] = { $ref: o.systemResponse(status, errors) };
      continue;
    }
    out[status] = errorResponse(status, errors, m.apiVersion);
  }
  return out;
}

/** The codes of the errors; rows without a code are sent as `error: ""` (the CRM pages' "Not found"). */
/** A response of errors of one HTTP status: the error envelope with the `enum` of their codes, an example of the first. */
export function errorResponse(status: string, errors: readonly IrError[], apiVersion: 2 | 3): Schema {
  const codes = codesOf(errors);
  const first = errors.find((e) => e.code !== null) ?? errors[0]!;
  return {
    description: `${STATUS_TEXT[status] ?? `HTTP ${status}`}: ${codes.filter(Boolean).length ? codes.filter(Boolean).map((c) => `\`${c}\``).join(', ') : 'errors without a code'}.`,
    content: { 'application/json': { schema: errorEnvelope(codes, apiVersion, reasonsOf(errors)), example: errorExample(first, apiVersion) } },
  };
}

function codesOf(errors: readonly IrError[]): string[] {
  return [...new Set(errors.map((e) => e.code ?? ''))];
}

function reasonsOf(errors: readonly IrError[]): string[] {
  return [...new Set(errors.filter((e) => e.code === null).map((e) => (e.message ?? e.description).trim()).filter((t) => t && t.length <= 80 && !t.includes('\n')))];
}
