/** A tiny hand-made IR document for the emit tests: five methods (REST 2 and 3.0), one event, three system errors. */
import type { IrDocument, IrField, IrMethod } from '../../generator/src/ir/types.js';

const field = (name: string, docType: string, type: IrField['type'], extra: Partial<IrField> = {}): IrField => ({ name, docType, type, required: false, description: `The ${name}.`, ...extra });

function method(over: Partial<IrMethod> & Pick<IrMethod, 'name'>): IrMethod {
  return {
    apiVersion: 2,
    docPath: `api-reference/test/${over.name.replace(/\./g, '-')}.md`,
    title: `Title of ${over.name}`,
    description: 'Lead with a */ comment closer and an @tag.',
    scopes: ['crm'],
    access: 'any user',
    deprecated: false,
    kind: 'write',
    params: [],
    paramsDocumented: true,
    result: { documented: false, fields: [] },
    errors: [],
    systemErrors: true,
    responseExamples: [],
    examples: [],
    ...over,
  };
}

export function tinyIr(): IrDocument {
  return {
    schemaVersion: '1.0.0',
    generatorVersion: '0.0.0-test',
    protocol: { time: [] },
    source: { repository: 'https://example.test/docs', commit: null, contentHash: 'a'.repeat(64) },
    methods: [
      method({
        name: 'crm.thing.add',
        params: [
          field('fields', 'object', { kind: 'object' }, {
            required: true,
            fields: [
              field('TITLE', 'string', { kind: 'string' }, { required: true }),
              field('TYPE_ID', 'crm_status', { kind: 'alias', name: 'crm_status', base: 'string' }),
              field('OWNER', 'catalog_product.id', { kind: 'alias', name: 'catalog_product.id', base: 'number' }),
              field('OPENED', 'char', { kind: 'string' }, { values: [{ value: 'Y', description: 'yes' }, { value: 'N', description: 'no' }], default: 'N' }),
              field('a-b', 'integer', { kind: 'number' }),
              field('UF_*', 'string', { kind: 'string' }),
            ],
          }),
          field('params', 'object', { kind: 'object' }),
        ],
        result: { documented: true, fields: [field('result', 'integer', { kind: 'number' }), field('time', 'time', { kind: 'object' })] },
        errors: [
          { code: 'ERROR_THING', message: "Can't add", description: 'why', httpStatus: 400 },
          { code: '400', message: null, description: 'numeric', httpStatus: 400 },
          { code: null, message: 'message only', description: '', httpStatus: null },
        ],
        deprecated: { replacement: 'crm.thing.list' },
      }),
      method({
        name: 'crm.thing.list',
        kind: 'read',
        params: [field('filter', 'object', { kind: 'object' }), field('select', 'string[]', { kind: 'array', items: { kind: 'string' } }), field('start', 'integer', { kind: 'number' })],
        result: {
          documented: true,
          fields: [
            field('result', 'object[]', { kind: 'array', items: { kind: 'object' } }, { fields: [field('ID', 'integer', { kind: 'number' }), field('TITLE', 'string', { kind: 'string' })] }),
            field('total', 'integer', { kind: 'number' }),
            field('next', 'integer', { kind: 'number' }),
          ],
        },
        list: { paramCase: 'lower', idField: 'ID' },
      }),
      method({ name: 'tasks.task.get', apiVersion: 3, kind: 'read', params: [field('id', 'integer', { kind: 'number' }, { required: true })], errors: [{ code: 'BITRIX_REST_V3_EXCEPTION_X', message: null, description: '', httpStatus: 400 }] }),
      method({ name: 'server.time', kind: 'read', params: [], paramsDocumented: true }),
      method({ name: 'app.undocumented', params: [], paramsDocumented: false }),
    ],
    events: [
      { name: 'onThingAdd', docPath: 'api-reference/test/on-thing-add.md', title: 'On thing add', description: '', scopes: ['crm'], deprecated: false, payload: [field('event', 'string', { kind: 'string' }), field('data', 'object', { kind: 'object' }, { fields: [field('ID', 'integer', { kind: 'number' })] })], examples: [] },
    ],
    systemErrors: [
      { code: 'QUERY_LIMIT_EXCEEDED', message: 'Too many requests', description: 'limit', httpStatus: 503 },
      { code: 'NO_AUTH_FOUND', message: 'Wrong authorization data', description: 'auth', httpStatus: 401 },
      { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error', description: 'x', httpStatus: 500 },
    ],
    entities: [],
    diagnostics: [],
  };
}
