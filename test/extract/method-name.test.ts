/** Method names: last H1 token, dotted name elsewhere in the H1, the cURL URL, conflicts, REST 3.0. */
import { describe, expect, it } from 'vitest';
import { nameFromH1, resolveName } from '../../generator/src/extract/method-name.js';
import { methodKind } from '../../generator/src/extract/method-kind.js';
import type { IrExample } from '../../generator/src/ir/types.js';
import { extract } from './helpers.js';

const ex = (url: string): IrExample => ({ tab: 'cURL (OAuth)', url, body: null, line: 1 });

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

describe('resolveName', () => {
  it('the H1 alone', () => {
    expect(resolveName('Add crm.foo.add', [], 'api-reference/crm/a.md')).toEqual({ name: 'crm.foo.add', apiVersion: 2 });
  });

  it('H1 and URL agree: no conflict', () => {
    expect(resolveName('Add crm.foo.add', [ex('https://x/rest/crm.foo.add.json')], 'a.md')).toEqual({ name: 'crm.foo.add', apiVersion: 2 });
  });

  it('URL only: the URL name with a conflict note', () => {
    expect(resolveName('Adding things', [ex('https://x/rest/crm.foo.add')], 'a.md')).toMatchObject({ name: 'crm.foo.add', conflict: expect.stringContaining('H1 names no method') });
  });

  it('H1 and URL disagree: the URL wins', () => {
    expect(resolveName('Add crm.foo.add', [ex('https://x/rest/crm.foo.create')], 'a.md')).toMatchObject({ name: 'crm.foo.create', conflict: expect.stringContaining('crm.foo.add') });
  });

  it('a case-only difference takes the URL spelling', () => {
    expect(resolveName('Get im.Chat.get', [ex('https://x/rest/im.chat.get')], 'a.md')).toMatchObject({ name: 'im.chat.get' });
  });

  it('the URL matching the H1 is preferred over companion calls; batch is ignored', () => {
    expect(resolveName('Add crm.foo.add', [ex('https://x/rest/crm.foo.list'), ex('https://x/rest/crm.foo.add')], 'a.md')).toEqual({ name: 'crm.foo.add', apiVersion: 2 });
    expect(resolveName('Add crm.foo.add', [ex('https://x/rest/batch')], 'a.md')).toEqual({ name: 'crm.foo.add', apiVersion: 2 });
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

  it('H1 vs URL conflict: URL wins, with a method-name warning', () => {
    const r = extract(`# Add crm.foo.add\n\n${curl('https://x/rest/crm.foo.create')}`);
    expect(r.method?.name).toBe('crm.foo.create');
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ severity: 'warning', ruleId: 'method-name', line: 1 }));
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
