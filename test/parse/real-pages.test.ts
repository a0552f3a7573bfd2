import { describe, expect, it } from 'vitest';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { all, cells, parseReal, readDocs } from './helpers.js';

/** Every node of the page (fragments excluded) lies within the page and in order. */
function checkPositions(tree: Root, lineCount: number): void {
  visit(tree, (node) => {
    if (node.type === 'yfmInclude') return 'skip';
    if (node.type === 'root') return;
    expect(node.position, node.type).toBeDefined();
    const { start, end } = node.position!;
    expect(start.line).toBeGreaterThanOrEqual(1);
    expect(end.line).toBeLessThanOrEqual(lineCount + 1);
    expect(end.line).toBeGreaterThanOrEqual(start.line);
    return undefined;
  });
}

describe('real pages', () => {
  it('bizproc-activity-log: params table, tabs, system-errors include', () => {
    const rel = 'api-reference/bizproc/bizproc-activity/bizproc-activity-log.md';
    const { tree, messages } = parseReal(rel);
    expect(messages).toEqual([]);
    const pageTables = tree.children.filter((c) => c.type === 'yfmTable');
    const params = pageTables[0]!;
    expect(params.position?.start.line).toBe(30);
    const rows = cells(params);
    expect(rows).toHaveLength(3);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['EVENT_TOKEN*\nstring', 'LOG_MESSAGE*\nstring']);
    expect(params.children[1]!.children[1]!.children).toHaveLength(3); // three paragraphs
    expect(params.children[2]!.position?.start.line).toBe(39);
    // dev-only block dropped
    expect(toString(tree)).not.toContain('TO-DO');
    // code example tabs
    const [tabs] = all(tree, 'yfmTabs');
    expect(tabs!.children.map((t) => t.title)).toEqual(['cURL (Webhook)', 'cURL (OAuth)', 'JS', 'PHP', 'BX24.js', 'PHP CRest']);
    expect(tabs!.children.every((t) => t.children[0]?.type === 'code')).toBe(true);
    // includes
    const incs = all(tree, 'yfmInclude');
    const sys = incs.find((i) => i.resolved === '_includes/system-errors.md')!;
    expect(sys).toBeDefined();
    const [sysTable] = all(sys, 'yfmTable');
    expect(cells(sysTable!)[0]).toEqual(['Status', 'Code\nError Message', 'Description']);
    expect(cells(sysTable!).length).toBeGreaterThan(10);
    expect(cells(sysTable!)[1]).toEqual([
      '500',
      'INTERNAL_SERVER_ERROR\nInternal server error',
      'An internal server error has occurred. Please contact the server administrator or Bitrix24 technical support',
    ]);
    const errorInfo = incs.find((i) => i.resolved === '_includes/error-info.md')!;
    expect(errorInfo.notitle).toBe(true);
    expect(errorInfo.children[0]?.type).not.toBe('heading');
    checkPositions(tree, readDocs(rel)!.split('\n').length);
  });

  it('crm-deal-add: the fields sub-table', () => {
    const rel = 'api-reference/crm/deals/crm-deal-add.md';
    const { tree, messages } = parseReal(rel);
    expect(messages).toEqual([]);
    const idx = tree.children.findIndex((c) => c.type === 'heading' && toString(c).startsWith('Parameter fields'));
    expect(idx).toBeGreaterThan(0);
    const fields = tree.children.slice(idx + 1).find((c) => c.type === 'yfmTable')!;
    expect(fields.type).toBe('yfmTable');
    const rows = cells(fields as Parameters<typeof cells>[0]);
    expect(rows.length).toBeGreaterThan(30);
    expect(rows.every((r) => r.length === 2)).toBe(true);
    expect(rows[1]![0]).toBe('TITLE\nstring');
    // the first params cell holds paragraph, code, paragraph, list, paragraph
    const first = tree.children.find((c) => c.type === 'yfmTable')!;
    const desc = (first as Parameters<typeof cells>[0]).children[1]!.children[1]!;
    expect(desc.children.map((n) => n.type)).toEqual(['paragraph', 'code', 'paragraph', 'list', 'paragraph']);
    expect(desc.children[1]!.position?.start.line).toBe(23);
    checkPositions(tree, readDocs(rel)!.split('\n').length);
  });

  it('bizproc-activity-add: escaped pipes in unions read as `|`', () => {
    const { tree, messages } = parseReal('api-reference/bizproc/bizproc-activity/bizproc-activity-add.md');
    expect(messages).toEqual([]);
    const typeCells: string[] = [];
    for (const t of all(tree, 'yfmTable')) for (const r of cells(t)) if (r[0]?.includes('|')) typeCells.push(r[0]);
    expect(typeCells).toContain('NAME*\nstring | object');
    expect(typeCells.some((c) => c.includes('\\|'))).toBe(false);
    const params = tree.children.find((c) => c.type === 'yfmTable') as Parameters<typeof cells>[0];
    const nameRow = params.children.find((r) => toString(r.children[0]!).startsWith('NAME'))!;
    expect(nameRow.position?.start.line).toBe(36);
    expect(nameRow.children).toHaveLength(2);
    const link = all(nameRow.children[0]!, 'link')[0]!;
    expect(link.children.map((c) => c.type)).toEqual(['inlineCode', 'text', 'inlineCode']);
    expect(link.position?.start.line).toBe(37);
  });

  it('catalog/data-types: `\\|` inside inline code in a cell reads `|`', () => {
    const { tree } = parseReal('api-reference/catalog/data-types.md');
    const codes = all(tree, 'inlineCode').map((c) => c.value);
    expect(codes).toContain('object|array');
    expect(codes.some((c) => c === 'object\\|array')).toBe(false);
  });

  it('crm-lead-add: nested `#|` tables inside cells', () => {
    const rel = 'api-reference/crm/leads/crm-lead-add.md';
    const { tree, messages } = parseReal(rel);
    expect(messages).toEqual([]);
    const nested: Array<{ line: number; rows: string[][] }> = [];
    visit(tree, 'yfmTableCell', (cell) => {
      for (const c of cell.children) {
        if (c.type === 'yfmTable') nested.push({ line: c.position!.start.line, rows: cells(c) });
      }
    });
    expect(nested.map((n) => n.line)).toEqual([118, 140]);
    expect(nested[0]!.rows[0]).toEqual(['SOURCE_ID', 'Name']);
    expect(nested[0]!.rows[1]).toEqual(['CALL', 'Call']);
    expect(nested[0]!.rows.every((r) => r.length === 2)).toBe(true);
    checkPositions(tree, readDocs(rel)!.split('\n').length);
  });

  it('imbot-command-register: an extra `{% endnote %}` is reported with its line', () => {
    const rel = 'api-reference/chat-bots/outdated/commands/imbot-command-register.md';
    const { tree, messages } = parseReal(rel);
    expect(messages).toEqual([
      expect.objectContaining({ file: rel, line: 71, ruleId: 'yfm-tag-unmatched-end', severity: 'warning' }),
    ]);
    expect(readDocs(rel)!.split('\n')[70]!.trim()).toBe('{% endnote %}');
    expect(all(tree, 'yfmTable').length).toBeGreaterThan(3);
  });

  it('crm-address-list: an extra `{% endlist %}` is reported, tabs survive', () => {
    const rel = 'api-reference/crm/requisites/addresses/crm-address-list.md';
    const { tree, messages } = parseReal(rel);
    expect(messages.map((m) => [m.line, m.ruleId])).toEqual([[320, 'yfm-tag-unmatched-end']]);
    expect(all(tree, 'yfmTabs').length).toBeGreaterThan(0);
  });

  it('calendar-event-update: tables indented inside tabs', () => {
    const { tree, messages } = parseReal('api-reference/calendar/calendar-event/calendar-event-update.md');
    expect(messages).toEqual([]);
    const inTabs: number[] = [];
    visit(tree, 'yfmTab', (tab) => {
      for (const t of all(tab, 'yfmTable')) inTabs.push(t.position!.start.line);
    });
    expect(inTabs).toContain(525);
    expect(inTabs).toContain(534);
  });

  it('shares parsed fragments through the cache', () => {
    const cache = new Map<string, Root>();
    parseReal('api-reference/bizproc/bizproc-activity/bizproc-activity-log.md', cache);
    expect([...cache.keys()].sort()).toEqual([
      '_includes/error-info.md',
      '_includes/examples.md',
      '_includes/required.md',
      '_includes/system-errors.md',
    ]);
    const again = parseReal('api-reference/bizproc/bizproc-activity/bizproc-activity-add.md', cache);
    expect(all(again.tree, 'yfmInclude').every((i) => i.resolved !== undefined)).toBe(true);
  });
});
