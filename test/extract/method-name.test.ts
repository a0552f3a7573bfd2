/** Method names: last H1 token, dotted name elsewhere in the H1, the file name as tie-breaker, the cURL URL as witness, REST 3.0. */
import { describe, expect, it } from 'vitest';
import { fileAgreement, nameFromH1, namesInH1, resolveName } from '../../generator/src/extract/method-name.js';
import { methodKind } from '../../generator/src/extract/method-kind.js';
import type { IrExample } from '../../generator/src/ir/types.js';
import { extract } from './helpers.js';

const ex = (url: string, line = 1): IrExample => ({ tab: 'cURL (OAuth)', url, body: null, line });

describe('nameFromH1', () => {
  const cases: Array<{ given: string; want: string | null }> = [
    { given: 'Write to the log bizproc.activity.log', want: 'bizproc.activity.log' },
    { given: 'Create a New Deal `crm.deal.add`', want: 'crm.deal.add' },
    { given: 'Method crm.deal.add.', want: 'crm.deal.add' },
    { given: 'Get the list (crm.deal.list)', want: 'crm.deal.list' },
    { given: 'The crm.foo.get method for reading', want: 'crm.foo.get' },
    { given: 'Update user\\_field user.userfield.update', want: 'user.userfield.update' },
    { given: 'How to read index.md files', want: null },
    { given: 'Deals', want: null },
    { given: '', want: null },
  ];
  it.each(cases)('$given', ({ given, want }) => {
    expect(nameFromH1(given)).toBe(want);
  });
});

describe('namesInH1', () => {
  it('the last token first, then dotted names from the end', () => {
    expect(namesInH1('Get crm.foo.get or crm.foo.list')).toEqual(['crm.foo.list', 'crm.foo.get']);
    expect(namesInH1('Methods task.item.* with Their Descriptions task.item.getmanifest')).toEqual(['task.item.getmanifest', 'task.item']);
    expect(namesInH1('Pin a Chat at the Top of the im.recent List')).toEqual(['im.recent']);
    expect(namesInH1('Deals')).toEqual([]);
  });
});

describe('fileAgreement', () => {
  const cases: Array<{ method: string; path: string; want: 0 | 1 | 2 }> = [
    { method: 'crm.deal.add', path: 'api-reference/crm/deals/crm-deal-add.md', want: 2 },
    { method: 'catalog.roundingRule.list', path: 'a/catalog-rounding-rule-list.md', want: 2 },
    { method: 'crm.invoice.userfield.add', path: 'a/crm-invoice-user-field-add.md', want: 2 },
    { method: 'profile', path: 'api-reference/common/users/profile.md', want: 2 },
    { method: 'department.department.delete', path: 'a/department-delete.md', want: 1 },
    { method: 'sale.status.getfields', path: 'a/get-fields.md', want: 1 },
    { method: 'crm.foo.delete', path: 'a/delete.md', want: 1 },
    { method: 'sale.shipmentitem.get', path: 'a/sale-shipment-item-get-fields.md', want: 0 },
    { method: 'im.recent', path: 'a/im-recent-pin.md', want: 0 },
    { method: 'crm.foo.add', path: 'a.md', want: 0 },
    { method: 'crm.foo.add', path: 'a/.md', want: 0 },
  ];
  it.each(cases)('$method in $path → $want', ({ method, path, want }) => {
    expect(fileAgreement(method, path)).toBe(want);
  });
});

describe('resolveName', () => {
  const P = 'api-reference/crm/foo/crm-foo-add.md';

  it('the H1 alone', () => {
    expect(resolveName('Add crm.foo.add', [], 'api-reference/crm/a.md')).toEqual({ name: 'crm.foo.add', apiVersion: 2 });
  });

  it('H1 and URL agree: no conflict', () => {
    expect(resolveName('Add crm.foo.add', [ex('https://x/rest/crm.foo.add.json')], 'a.md')).toEqual({ name: 'crm.foo.add', apiVersion: 2 });
  });

  it('H1 and URL disagree: the H1 wins, the conflict names both and the URL line', () => {
    const r = resolveName('Add crm.foo.add', [ex('https://x/rest/crm.foo.create', 42)], P);
    expect(r).toMatchObject({ name: 'crm.foo.add', conflict: expect.stringContaining('"crm.foo.add"') });
    expect(r?.conflict).toContain('"crm.foo.create"');
    expect(r?.conflict).toContain('line 42');
  });

  it('H1 and URL disagree and the file name agrees with neither: still the H1', () => {
    expect(resolveName('Add crm.foo.add', [ex('https://x/rest/crm.foo.create')], 'a/other.md')).toMatchObject({ name: 'crm.foo.add', conflict: expect.stringContaining('crm.foo.create') });
  });

  it('H1 and URL disagree, several URLs: the H1 wins over all of them', () => {
    const r = resolveName('Add crm.foo.add', [ex('https://x/rest/crm.bar.list'), ex('https://x/rest/crm.baz.list')], P);
    expect(r).toMatchObject({ name: 'crm.foo.add', conflict: expect.stringContaining('1 other cURL URL') });
  });

  it('an H1 name the file does not match, a URL it does: the URL (the H1 named the wrong method)', () => {
    const r = resolveName('Pin a Chat at the Top of the im.recent List', [ex('https://x/rest/im.recent.pin', 7)], 'api-reference/chats/im-recent-pin.md');
    expect(r).toMatchObject({ name: 'im.recent.pin', conflict: expect.stringContaining('"im.recent"') });
    expect(r?.conflict).toContain('im-recent-pin.md agrees with the URL');
    // A file name matching only the tail of the H1 name loses to one matching the URL's whole name.
    expect(resolveName('Delete department.department.delete', [ex('https://x/rest/department.delete')], 'a/department-delete.md')?.name).toBe('department.delete');
  });

  it('H1 and URL equally (dis)agreeing with the file name: the H1', () => {
    expect(resolveName('Delete crm.a.delete', [ex('https://x/rest/crm.b.delete')], 'a/delete.md')?.name).toBe('crm.a.delete');
  });

  it('an H1 naming two methods: the file name decides, else a URL naming one, else the last', () => {
    expect(resolveName('Get crm.foo.get or crm.foo.list', [], 'a/crm-foo-get.md')).toEqual({ name: 'crm.foo.get', apiVersion: 2 });
    expect(resolveName('Get crm.foo.get or crm.foo.list', [ex('https://x/rest/crm.foo.get')], 'a/other.md')).toEqual({ name: 'crm.foo.get', apiVersion: 2 });
    expect(resolveName('Get crm.foo.get or crm.foo.list', [], 'a/other.md')).toEqual({ name: 'crm.foo.list', apiVersion: 2 });
  });

  it('a case-only difference takes the URL spelling', () => {
    expect(resolveName('Get im.Chat.get', [ex('https://x/rest/im.chat.get')], 'a/im-chat-get.md')).toMatchObject({ name: 'im.chat.get', conflict: expect.stringContaining('letter case only') });
    expect(resolveName('Get im.Chat.get', [ex('https://x/rest/im.chat.get')], 'a/im-chat-get.md')?.conflict).not.toContain('file name');
  });

  it('a case-only difference on a page whose file name agrees with neither says so', () => {
    expect(resolveName('Get im.Chat.get', [ex('https://x/rest/im.chat.get')], 'a/other.md')).toMatchObject({ name: 'im.chat.get', conflict: expect.stringContaining('other.md agrees with neither') });
  });

  it('the URL matching the H1 is preferred over companion calls; batch is ignored', () => {
    expect(resolveName('Add crm.foo.add', [ex('https://x/rest/crm.foo.list'), ex('https://x/rest/crm.foo.add')], 'a.md')).toEqual({ name: 'crm.foo.add', apiVersion: 2 });
    expect(resolveName('Add crm.foo.add', [ex('https://x/rest/batch')], 'a.md')).toEqual({ name: 'crm.foo.add', apiVersion: 2 });
  });

  it('no method in the H1: the URL the file name agrees with, with a conflict note', () => {
    expect(resolveName('Adding things', [ex('https://x/rest/crm.foo.add', 9)], P)).toMatchObject({ name: 'crm.foo.add', conflict: expect.stringContaining('H1 names no method') });
    expect(resolveName('Adding things', [ex('https://x/rest/crm.foo.list'), ex('https://x/rest/crm.foo.add')], P)?.name).toBe('crm.foo.add');
    expect(resolveName('Get the profile', [ex('https://x/rest/profile')], 'api-reference/common/users/profile.md')?.name).toBe('profile');
  });

  it('no method in the H1 and a URL the file name does not agree with: null (an article)', () => {
    expect(resolveName('Adding things', [ex('https://x/rest/crm.foo.add')], 'a.md')).toBeNull();
    expect(resolveName('Message formatting', [ex('https://x/rest/im.message.add')], 'api-reference/chats/messages/formatting.md')).toBeNull();
  });

  it('`/rest/api/` URLs and rest-v3 pages are apiVersion 3', () => {
    expect(resolveName('Get tasks.task.get', [ex('https://x/rest/api/tasks.task.get')], 'api-reference/tasks/a.md')?.apiVersion).toBe(3);
    expect(resolveName('Get tasks.task.get', [], 'api-reference/rest-v3/tasks/tasks-task-get.md')?.apiVersion).toBe(3);
  });

  it('neither H1 nor URL: null', () => {
    expect(resolveName('Overview', [], 'a.md')).toBeNull();
  });
});

describe('method name on a page', () => {
  const curl = (url: string) => `## Method parameters\n\nNo parameters.\n\n## Code examples\n\n{% list tabs %}\n\n- cURL (OAuth)\n\n    \`\`\`bash\n    curl -d '{}' ${url}\n    \`\`\`\n\n{% endlist %}\n`;

  it('H1 vs URL conflict: the H1 wins, with a method-name warning naming both', () => {
    const r = extract(`# Add crm.foo.add\n\n${curl('https://x/rest/crm.foo.create')}`);
    expect(r.method?.name).toBe('crm.foo.add');
    const d = r.diagnostics.find((x) => x.ruleId === 'method-name');
    expect(d).toMatchObject({ severity: 'warning', line: 1, file: 'api-reference/crm/foo/crm-foo-add.md' });
    expect(d?.message).toMatch(/"crm\.foo\.add".*"crm\.foo\.create"/);
  });

  it('URL-only page with a parameters section but an unrelated file name is an article', () => {
    const r = extract(`# Adding things\n\n${curl('https://x/rest/crm.foo.add')}`, 'api-reference/crm/foo/guide.md');
    expect([r.pageClass, r.method]).toEqual(['article', undefined]);
  });

  it('URL-only page named after the method is a method page', () => {
    const r = extract(`# Adding things\n\n${curl('https://x/rest/crm.foo.add')}`, 'api-reference/crm/foo/crm-foo-add.md');
    expect([r.pageClass, r.method?.name]).toEqual(['method', 'crm.foo.add']);
  });

  it('URL-only article without a parameters section and an unrelated file name stays an article', () => {
    const r = extract(`# Formatting messages\n\nText.\n\n## Example\n\n{% list tabs %}\n\n- cURL (OAuth)\n\n    \`\`\`bash\n    curl https://x/rest/im.message.add\n    \`\`\`\n\n{% endlist %}\n`, 'api-reference/chats/formatting.md');
    expect(r.pageClass).toBe('article');
  });

  it('`/rest/api/` URL makes a REST 3.0 method', () => {
    const r = extract(`# Get a task tasks.task.get\n\n${curl('https://x/rest/api/tasks.task.get')}`, 'api-reference/tasks/tasks-task-get.md');
    expect([r.method?.name, r.method?.apiVersion]).toEqual(['tasks.task.get', 3]);
  });
});

describe('methodKind', () => {
  const cases: Array<{ given: string; want: 'read' | 'write' }> = [
    { given: 'crm.deal.get', want: 'read' },
    { given: 'crm.deal.list', want: 'read' },
    { given: 'crm.deal.fields', want: 'read' },
    { given: 'user.getList', want: 'read' },
    { given: 'profile', want: 'read' },
    { given: 'crm.deal.add', want: 'write' },
    { given: 'crm.deal.update', want: 'write' },
    { given: 'crm.deal.delete', want: 'write' },
  ];
  it.each(cases)('$given → $want', ({ given, want }) => {
    expect(methodKind(given)).toBe(want);
  });
});
