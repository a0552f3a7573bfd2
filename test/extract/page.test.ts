/** Page classes, the page header (scope, access, lead, DEPRECATED) and deprecation resolved by assembleIr. */
import { describe, expect, it } from 'vitest';
import { assembleIr } from '../../generator/src/extract/assemble.js';
import type { PageExtraction } from '../../generator/src/extract/page.js';
import { extract, head, row, table } from './helpers.js';

const handlerTable = table([row('**event**', 'string', 'Event name'), row('**data**', 'object', 'Event data')]);

describe('page classes', () => {
  const cases: Array<{ label: string; md: string; path: string; want: PageExtraction['pageClass'] }> = [
    { label: 'method page', md: `${head()}## Method parameters\n\n${table([row('**ID**', 'integer')])}`, path: 'api-reference/crm/foo/crm-foo-add.md', want: 'method' },
    { label: 'event via "Who can subscribe"', md: '# On adding a booking onBookingAdd\n\n> Scope: [`booking`](x.md)\n>\n> Who can subscribe: any user\n\nText.\n', path: 'api-reference/booking/events/on-booking-add.md', want: 'event' },
    { label: 'event via "What the handler receives"', md: `# Booking added\n\n## What the handler receives\n\n${handlerTable}\n\`\`\`json\n{ "event": "ONBOOKINGADD" }\n\`\`\`\n`, path: 'api-reference/booking/events/x.md', want: 'event' },
    { label: 'overview index.md', md: '# Deals\n\nUse crm.deal.add to add one.\n', path: 'api-reference/crm/deals/index.md', want: 'overview' },
    { label: 'overview by "Overview of methods"', md: '# Deals crm.deal\n\n## Overview of methods\n\nText.\n', path: 'api-reference/crm/deals/deals.md', want: 'overview' },
    { label: 'include fragment', md: '# Fields crm.deal.add\n\nText.\n', path: 'api-reference/crm/_includes/fields.md', want: 'include' },
    { label: 'article', md: '# How to build an app\n\nSome text.\n', path: 'api-reference/crm/how-to.md', want: 'article' },
    { label: 'BX24.* JS SDK functions are articles', md: '# Open a slider BX24.openPath\n\nText.\n', path: 'api-reference/js/open-path.md', want: 'article' },
  ];
  it.each(cases)('$label → $want', ({ md, path, want }) => {
    expect(extract(md, path).pageClass).toBe(want);
  });

  it('an event page carries name, scopes and the handler payload', () => {
    const r = extract(`# On adding a booking onBookingAdd\n\n> Scope: [\`booking\`](x.md)\n>\n> Who can subscribe: any user\n\nFires on add.\n\n## What the handler receives\n\n${handlerTable}`, 'api-reference/booking/events/on-booking-add.md');
    expect(r.event).toMatchObject({ name: 'onBookingAdd', scopes: ['booking'], description: 'Fires on add.', deprecated: false });
    expect(r.event?.payload.map((f) => [f.name, f.docType])).toEqual([
      ['event', 'string'],
      ['data', 'object'],
    ]);
    expect(r.method).toBeUndefined();
  });

  it('an event name can come from the handler example', () => {
    const r = extract(`# Booking added\n\n## What the handler receives\n\n${handlerTable}\n\`\`\`json\n{ "event": "ONBOOKINGADD" }\n\`\`\`\n`, 'api-reference/booking/events/x.md');
    expect(r.event?.name).toBe('ONBOOKINGADD');
  });

  it('an event page that names no event is reported', () => {
    const r = extract('# Something\n\n> Who can subscribe: any user\n\nText.\n', 'api-reference/x/y.md');
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ severity: 'info', ruleId: 'event-name' }));
  });
});

describe('page header', () => {
  it('scopes, access, title and lead description', () => {
    const r = extract('# Read a thing crm.foo.get\n\n> Scope: [`crm`](a.md), [`user`](b.md)\n>\n> Who can execute the method: user with access to deals\n\nReads **one** thing.\n\n## Method parameters\n\nNo parameters.\n');
    expect(r.method).toMatchObject({ name: 'crm.foo.get', title: 'Read a thing crm.foo.get', scopes: ['crm', 'user'], access: 'user with access to deals', description: 'Reads **one** thing.', kind: 'read', paramsDocumented: true, params: [] });
  });

  it('a scope line without code spans is split on commas and spaces', () => {
    expect(extract('# X crm.foo.get\n\n> Scope: crm, task\n\nT\n').method?.scopes).toEqual(['crm', 'task']);
  });

  it('no scope line: empty scopes, null access and a scope-missing note', () => {
    const r = extract('# X crm.foo.get\n\nText.\n');
    expect(r.method).toMatchObject({ scopes: [], access: null });
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ severity: 'info', ruleId: 'scope-missing' }));
  });

  it('no parameters table and no statement: paramsDocumented false with a params-missing note', () => {
    const r = extract('# X crm.foo.get\n\n> Scope: `crm`\n\nText.\n');
    expect(r.method?.paramsDocumented).toBe(false);
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ ruleId: 'params-missing' }));
  });

  it("{% if build == 'dev' %} content is ignored", () => {
    const md = `${head()}{% if build == 'dev' %}\n\nSecret lead.\n\n## Method parameters\n\n${table([row('**SECRET**', 'string')])}\n{% endif %}\n\n## Method parameters\n\n${table([row('**PUBLIC**', 'string')])}`;
    const m = extract(md).method;
    expect(m?.params.map((p) => p.name)).toEqual(['PUBLIC']);
    expect(m?.description).toBe('Lead text.');
  });
});

describe('deprecation', () => {
  const note = '{% note warning "DEPRECATED" %}\n\nUse [crm.bar.add](../bar/crm-bar-add.md) instead.\n\n{% endnote %}\n\n';

  it('a DEPRECATED note marks the method and points at the replacement page', () => {
    const r = extract(`${head()}${note}Text.\n`);
    expect(r.method?.deprecated).toEqual({});
    expect(r.replacementDoc).toBe('api-reference/crm/bar/crm-bar-add.md');
  });

  it('a page in an outdated/ or deprecated/ folder is deprecated', () => {
    expect(extract(`${head()}Text.\n`, 'api-reference/crm/outdated/crm-foo-add.md').method?.deprecated).toEqual({});
    expect(extract(`${head()}Text.\n`, 'api-reference/crm/deprecated/crm-foo-add.md').method?.deprecated).toEqual({});
    expect(extract(`${head()}Text.\n`).method?.deprecated).toBe(false);
  });

  const source = { repository: 'r', commit: null, contentHash: '0'.repeat(64) };
  const assemble = (pages: PageExtraction[]) => assembleIr({ pages, systemErrors: [], source, generatorVersion: 't', diagnostics: [] });

  it('assembleIr resolves the replacement page to its method name', () => {
    const old = extract(`${head('crm.foo.add')}${note}Text.\n`, 'api-reference/crm/foo/crm-foo-add.md');
    const repl = extract(`${head('crm.bar.add')}Text.\n`, 'api-reference/crm/bar/crm-bar-add.md');
    const ir = assemble([old, repl]);
    expect(ir.methods.map((m) => [m.name, m.deprecated])).toEqual([
      ['crm.bar.add', false],
      ['crm.foo.add', { replacement: 'crm.bar.add' }],
    ]);
  });

  it('without the replacement page the method stays deprecated without a replacement', () => {
    const old = extract(`${head('crm.foo.add')}${note}Text.\n`, 'api-reference/crm/foo/crm-foo-add.md');
    expect(assemble([old]).methods[0]?.deprecated).toEqual({});
  });

  it('assembleIr sorts methods, keeps the first of duplicates and reports the other', () => {
    const a = extract(`${head('crm.foo.add')}Text.\n`, 'api-reference/crm/a.md');
    const b = extract(`${head('crm.foo.add')}Text.\n`, 'api-reference/crm/b.md');
    const c = extract(`${head('crm.abc.add')}Text.\n`, 'api-reference/crm/c.md');
    const ir = assemble([c, b, a]);
    expect(ir.methods.map((m) => [m.name, m.docPath])).toEqual([
      ['crm.abc.add', 'api-reference/crm/c.md'],
      ['crm.foo.add', 'api-reference/crm/a.md'],
    ]);
    expect(ir.diagnostics).toContainEqual(expect.objectContaining({ file: 'api-reference/crm/b.md', ruleId: 'method-duplicate' }));
  });
});
