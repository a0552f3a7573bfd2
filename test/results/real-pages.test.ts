/**
 * The result model on real pages of the snapshot: entity models found where the docs describe them,
 * results at the level the examples show, and types that tell the wire (issues: results true,
 * results complete). One IR build over the pages below (and the pages their entities come from).
 */
import { describe, expect, it } from 'vitest';
import { buildIr } from '../../generator/src/pipeline.js';
import type { IrField, IrMethod } from '../../generator/src/ir/types.js';
import { emitPackage } from '../../generator/src/emit/emit.js';
import { methodNames } from '../../generator/src/emit/method-names.js';
import { DOCS_ROOT } from '../support/docs.js';

import { A, RESULT_PAGES } from './pages.js';

const { ir } = buildIr({ docsRoot: DOCS_ROOT, cacheFile: null, pages: RESULT_PAGES });
const files = emitPackage(ir);
const names = methodNames(ir.methods);

const method = (name: string): IrMethod => {
  const m = ir.methods.find((x) => x.name === name && x.apiVersion === 2);
  if (!m) throw new Error(`no ${name}`);
  return m;
};
const result = (name: string): IrField => method(name).result.fields.find((f) => f.name === 'result')!;
const member = (f: IrField, name: string): IrField => f.fields!.find((x) => x.name === name)!;
const source = (name: string): string => files.get(`${names.get(method(name))!.module}.ts`)!;
const entity = (name: string) => ir.entities.find((e) => e.name === name);

describe('entity models', () => {
  it('crm.company.fields describes the company: its table is the entity, its result maps field names to descriptions', () => {
    const company = entity('crm.company')!;
    expect(company.source).toBe(`${A}crm/companies/crm-company-fields.md`);
    expect(company.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['ID', 'TITLE', 'COMPANY_TYPE', 'ASSIGNED_BY_ID']));
    expect(result('crm.company.fields').describes).toBe('crm.company');
    expect(source('crm.company.fields')).toMatch(/export type CrmCompanyFieldsResult = B24FieldMap<CrmCompany>;/);
    // The fields are no longer hoisted onto the response envelope.
    expect(method('crm.company.fields').result.fields.map((f) => f.name)).toEqual(['result', 'time']);
  });

  it('crm.company.get returns the company (by the docs\' "see crm.company.fields" link); crm.company.list a list of it', () => {
    expect(result('crm.company.get').entity).toBe('crm.company');
    expect(source('crm.company.get')).toMatch(/export type CrmCompanyGetResult = CrmCompany;/);
    expect(source('crm.company.get')).toMatch(/import type \{ CrmCompany \} from '..\/..\/entities\/crm.company.js';/);
    const list = result('crm.company.list');
    expect(list.entity).toBe('crm.company');
    expect(list.type).toEqual({ kind: 'array', items: { kind: 'object' } });
  });

  it('the company entity carries custom fields through a template-literal index and sends ids as strings', () => {
    const text = files.get('entities/crm.company.ts')!;
    expect(text).toMatch(/export interface CrmCompany \{/);
    expect(text).toMatch(/\[key: `UF_\$\{string\}`\]: unknown;/);
    expect(text).toMatch(/ID\?: B24NumericString;/);
  });

  it('tasks.task.get → { task: Task }, tasks.task.list → { tasks: Task[] } (the docs link ./fields.md; the example sends a list)', () => {
    expect(member(result('tasks.task.get'), 'task').entity).toBe('task');
    const tasks = member(result('tasks.task.list'), 'tasks');
    expect(tasks.entity).toBe('task');
    expect(tasks.type.kind).toBe('array');
    expect(source('tasks.task.list')).toMatch(/tasks\?: Task\[\]/);
    expect(ir.diagnostics.some((d) => d.ruleId === 'result-shape' && /tasks\.task\.list result\.tasks: documented as an object, the example sends a list/.test(d.message))).toBe(true);
  });

  it('crm.item.get → { item: CrmItem } from the universal object-fields page (every entity type\'s fields)', () => {
    expect(member(result('crm.item.get'), 'item').entity).toBe('crm.item');
    const names = entity('crm.item')!.fields.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['id', 'title', 'assignedById', 'opportunity', 'stageId']));
  });

  it('catalog.product.get → { product: CatalogProduct }: the data-types object, not an id alias', () => {
    expect(member(result('catalog.product.get'), 'product').entity).toBe('catalog_product');
    expect(source('catalog.product.get')).toMatch(/product\?: CatalogProduct;/);
    expect(files.get('common.ts')).not.toMatch(/export type CatalogProduct = /);
  });

  it('sale.order.get → { order: SaleOrder }', () => {
    expect(member(result('sale.order.get'), 'order').entity).toBe('sale_order');
  });

  it('disk.file.get: the file\'s fields, hoisted as rows of their own in the table, are the members of result', () => {
    const r = result('disk.file.get');
    expect(r.type.kind).toBe('object');
    expect(r.fields!.map((f) => f.name)).toEqual(expect.arrayContaining(['ID', 'NAME', 'STORAGE_ID', 'DOWNLOAD_URL']));
    expect(method('disk.file.get').result.fields.map((f) => f.name)).toEqual(['result', 'time']);
  });

  it('crm.activity.list: the table says boolean, the example sends a list of activities', () => {
    const r = result('crm.activity.list');
    expect(r.type).toEqual({ kind: 'array', items: { kind: 'object' } });
    expect(r.entity ?? r.fields?.length).toBeTruthy();
  });

  it('booking.v1.booking.get: the table puts the fields on result, the example one level down under booking', () => {
    const booking = member(result('booking.v1.booking.get'), 'booking');
    expect(booking.fields!.map((f) => f.name)).toEqual(expect.arrayContaining(['id', 'resourceIds', 'datePeriod']));
    expect(method('booking.v1.booking.get').result.shapeFrom).toBe('table+example');
  });

  it('sale.shipmentitem.get and getfields come from their own pages', () => {
    expect(method('sale.shipmentitem.get').docPath).toBe(`${A}sale/shipment-item/sale-shipment-item-get.md`);
    expect(method('sale.shipmentitem.getfields').docPath).toBe(`${A}sale/shipment-item/sale-shipment-item-get-fields.md`);
    expect(member(result('sale.shipmentitem.get'), 'shipmentItem').entity).toBeTruthy();
  });

  it('user.get: no table names the user\'s fields, the example shows them: a list, inferred and marked so', () => {
    const r = result('user.get');
    expect(r.type.kind).toBe('array');
    expect(member(r, 'NAME').inferred).toBe(true);
    expect(source('user.get')).toMatch(/Inferred from the response example/);
  });
});

describe('the wire', () => {
  it('crm.deal.get: ids and money as numeric strings, LEAD_ID null when empty, as the example shows', () => {
    const text = source('crm.deal.get');
    expect(text).toMatch(/ID\?: B24NumericString;/);
    expect(text).toMatch(/OPPORTUNITY\?: B24NumericString;/);
    expect(text).toMatch(/LEAD_ID\?: [^;]*\| null;/);
    expect(text).toMatch(/Documented type: `integer`; sent as a numeric string \(as the page's response example shows\)\./);
    expect(text).toMatch(/decode: \{ o: \{ ID: 'n'/);
    expect(text).toMatch(/export function decodeCrmDealGetResult\(result: CrmDealGetResult\): Decoded<CrmDealGetResult>/);
  });

  it('crm.item.get sends camelCase numbers as numbers (no numeric strings there)', () => {
    const id = entity('crm.item')!.fields.find((f) => f.name === 'id')!;
    expect(id.wire).toEqual({ numbers: 'number', evidence: 'example' });
  });
});
