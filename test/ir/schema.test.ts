/** The IR of real pages (and of the hand-made emit fixture) validates against ir.schema.json; broken IRs do not. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { IR_SCHEMA_VERSION, type IrDocument } from '../../generator/src/ir/types.js';
import { buildIr } from '../../generator/src/pipeline.js';
import { DOCS_ROOT, PROJECT_ROOT } from '../support/docs.js';
import { tinyIr } from '../emit/tiny-ir.js';

const schema = JSON.parse(readFileSync(join(PROJECT_ROOT, 'generator/src/ir/ir.schema.json'), 'utf8')) as Record<string, unknown>;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const errorsOf = (doc: unknown) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));

const PAGES = [
  'api-reference/bizproc/bizproc-activity/bizproc-activity-log.md',
  'api-reference/crm/deals/crm-deal-add.md',
  'api-reference/crm/deals/crm-deal-list.md',
  'api-reference/bizproc/bizproc-activity/bizproc-activity-add.md',
  'api-reference/rest-v3/tasks/tasks-task-get.md',
  'api-reference/booking/booking/events/on-booking-add.md',
];

let ir: IrDocument;
beforeAll(() => {
  ir = buildIr({ docsRoot: DOCS_ROOT, pages: PAGES, cacheFile: null }).ir;
});

/** A deep copy through JSON, as the IR is serialised. */
const copy = (doc: IrDocument): IrDocument => JSON.parse(JSON.stringify(doc)) as IrDocument;

describe('ir.schema.json', () => {
  it('the schema accepts the current schema version and its major only', () => {
    const pattern = new RegExp((schema.properties as { schemaVersion: { pattern: string } }).schemaVersion.pattern);
    expect(pattern.test(IR_SCHEMA_VERSION)).toBe(true);
    expect(pattern.test('2.0.0')).toBe(false);
  });

  it('the IR of real pages validates', () => {
    expect(ir.methods.length).toBe(5);
    expect(ir.events.length).toBe(1);
    expect(errorsOf(copy(ir))).toEqual([]);
  });

  it('the hand-made emit fixture validates', () => {
    expect(errorsOf(tinyIr())).toEqual([]);
  });

  const broken: Array<{ label: string; mutate: (d: IrDocument) => void }> = [
    { label: 'a missing required top-level key', mutate: (d) => delete (d as Partial<IrDocument>).systemErrors },
    { label: 'a wrong schema version', mutate: (d) => (d.schemaVersion = '0.0.1') },
    { label: 'an unknown top-level key', mutate: (d) => ((d as unknown as Record<string, unknown>).extra = 1) },
    { label: 'apiVersion 4', mutate: (d) => ((d.methods[0] as { apiVersion: number }).apiVersion = 4) },
    { label: 'an unknown type kind', mutate: (d) => ((d.methods[0]!.params[0] as { type: unknown }).type = { kind: 'date' }) },
    { label: 'a one-member union', mutate: (d) => (d.methods[0]!.params[0]!.type = { kind: 'union', of: [{ kind: 'string' }] }) },
    { label: 'an alias with a boolean base', mutate: (d) => ((d.methods[0]!.params[0] as { type: unknown }).type = { kind: 'alias', name: 'x', base: 'boolean' }) },
    { label: 'a method without paramsDocumented', mutate: (d) => delete (d.methods[0] as Partial<IrDocument['methods'][number]>).paramsDocumented },
    { label: 'an error code that is a number', mutate: (d) => ((d.systemErrors[0] as { code: unknown }).code = 500) },
    { label: 'a bad content hash', mutate: (d) => (d.source.contentHash = 'xyz') },
    { label: 'a diagnostic with an unknown severity', mutate: (d) => d.diagnostics.push({ file: 'a.md', line: 1, severity: 'fatal' as 'error', message: 'm' }) },
  ];
  it.each(broken)('rejects $label', ({ mutate }) => {
    const doc = copy(ir);
    mutate(doc);
    expect(errorsOf(doc)).not.toEqual([]);
  });
});
