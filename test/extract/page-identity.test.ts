/**
 * Page identity on real pages: the H1 and the page path decide which method a page documents; a cURL
 * URL naming another method is a `method-name` warning, not an override (it used to be: the
 * getfields page took `sale.shipmentitem.get` and pushed the real get page out of the IR).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IrDocument } from '../../generator/src/ir/types.js';
import { docsReader } from '../../generator/src/load/docs-files.js';
import { buildIr } from '../../generator/src/pipeline.js';
import { DOCS_ROOT } from '../support/docs.js';
import { extract } from './helpers.js';

const SHIPMENT_ITEM_GET = 'api-reference/sale/shipment-item/sale-shipment-item-get.md';
const SHIPMENT_ITEM_GETFIELDS = 'api-reference/sale/shipment-item/sale-shipment-item-get-fields.md';
const LOCALIZATIONS_DELETE = 'api-reference/crm/currency/localizations/crm-currency-localizations-delete.md';
const AUTOMATED_SOLUTION_DELETE = 'api-reference/crm/automated-solution/crm-automated-solution-delete.md';
const HANDLER_LIST = 'api-reference/sale/delivery/handler/sale-delivery-handler-list.md';
const DELIVERY_GETLIST = 'api-reference/sale/delivery/delivery/sale-delivery-get-list.md';
const RECENT_PIN = 'api-reference/chats/special-operations/im-recent-pin.md';
const REQUISITE_FIELDS = 'api-reference/crm/requisites/universal/crm-requisite-fields.md';

/** A real page of the snapshot through the test helper; includes are read from the snapshot too. */
function realPage(docPath: string) {
  const read = docsReader(DOCS_ROOT);
  const files = new Proxy({} as Record<string, string>, { get: (_, p) => (typeof p === 'string' ? read(p) : undefined) });
  return extract(readFileSync(join(DOCS_ROOT, docPath), 'utf8'), docPath, files);
}

const nameWarnings = (r: ReturnType<typeof realPage>) => r.diagnostics.filter((d) => d.ruleId === 'method-name');

describe('page identity on real pages', () => {
  it('the shipment item get page documents sale.shipmentitem.get, without a name warning', () => {
    const r = realPage(SHIPMENT_ITEM_GET);
    expect([r.pageClass, r.method?.name]).toEqual(['method', 'sale.shipmentitem.get']);
    expect(nameWarnings(r)).toEqual([]);
  });

  it('its getfields page documents sale.shipmentitem.getfields; the cURL URL naming .get is a warning at the H1', () => {
    const r = realPage(SHIPMENT_ITEM_GETFIELDS);
    expect([r.pageClass, r.method?.name]).toEqual(['method', 'sale.shipmentitem.getfields']);
    expect(nameWarnings(r)).toEqual([
      expect.objectContaining({ file: SHIPMENT_ITEM_GETFIELDS, line: 1, severity: 'warning', message: expect.stringMatching(/"sale\.shipmentitem\.getfields".*"sale\.shipmentitem\.get"/) }),
    ]);
  });

  it.each([
    { page: LOCALIZATIONS_DELETE, want: 'crm.currency.localizations.delete', url: 'crm.automatedsolution.delete' },
    { page: HANDLER_LIST, want: 'sale.delivery.handler.list', url: 'sale.delivery.getlist' },
  ])('$want: the H1 name, with a warning naming the URL\'s $url', ({ page, want, url }) => {
    const r = realPage(page);
    expect([r.pageClass, r.method?.name]).toEqual(['method', want]);
    const [d, ...more] = nameWarnings(r);
    expect(more).toEqual([]);
    expect(d).toMatchObject({ file: page, line: 1, severity: 'warning' });
    expect(d?.message).toContain(`"${want}"`);
    expect(d?.message).toContain(`"${url}"`);
  });

  it('an H1 naming the wrong method loses to the URL the file name agrees with', () => {
    const r = realPage(RECENT_PIN);
    expect(r.method?.name).toBe('im.recent.pin');
    expect(nameWarnings(r)).toEqual([expect.objectContaining({ line: 1, message: expect.stringContaining('"im.recent"') })]);
  });

  it('an H1 naming no method takes the URL the file name agrees with', () => {
    const r = realPage(REQUISITE_FIELDS);
    expect([r.pageClass, r.method?.name]).toEqual(['method', 'crm.requisite.fields']);
    expect(nameWarnings(r)).toEqual([expect.objectContaining({ message: expect.stringContaining('H1 names no method') })]);
  });
});

describe('page identity in the IR: one page, one method', () => {
  let ir: IrDocument;
  beforeAll(() => {
    ir = buildIr({ docsRoot: DOCS_ROOT, pages: [SHIPMENT_ITEM_GET, SHIPMENT_ITEM_GETFIELDS, LOCALIZATIONS_DELETE, AUTOMATED_SOLUTION_DELETE, HANDLER_LIST, DELIVERY_GETLIST], cacheFile: null }).ir;
  });

  it('each page keeps its own method and none is reported twice', () => {
    expect(Object.fromEntries(ir.methods.map((m) => [m.name, m.docPath]))).toEqual({
      'sale.shipmentitem.get': SHIPMENT_ITEM_GET,
      'sale.shipmentitem.getfields': SHIPMENT_ITEM_GETFIELDS,
      'crm.currency.localizations.delete': LOCALIZATIONS_DELETE,
      'crm.automatedsolution.delete': AUTOMATED_SOLUTION_DELETE,
      'sale.delivery.handler.list': HANDLER_LIST,
      'sale.delivery.getlist': DELIVERY_GETLIST,
    });
    expect(ir.diagnostics.filter((d) => d.ruleId === 'method-duplicate')).toEqual([]);
  });
});
