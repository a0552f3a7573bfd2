/** List meta from real pages: v2 start/next/total, REST 3.0 `pagination` (.list) and `cursor` (.tail). */
import { beforeAll, describe, expect, it } from 'vitest';
import type { IrDocument } from '../../generator/src/ir/types.js';
import { buildIr } from '../../generator/src/pipeline.js';
import { metaLiteral } from '../../generator/src/emit/method-file.js';
import { DOCS_ROOT } from '../support/docs.js';

const PAGES = [
  'api-reference/crm/deals/crm-deal-list.md',
  'api-reference/rest-v3/main/main-eventlog-list.md',
  'api-reference/rest-v3/main/main-eventlog-tail.md',
  'api-reference/rest-v3/main/main-eventlog-get.md',
  'api-reference/rest-v3/tasks/tasks-task-get.md',
];
let ir: IrDocument;
beforeAll(() => {
  ir = buildIr({ docsRoot: DOCS_ROOT, pages: PAGES, cacheFile: null }).ir;
});
const list = (name: string) => ir.methods.find((m) => m.name === name)?.list;

describe('list meta', () => {
  it('v2: no paging member (start/next/total), the id for the cursor', () => {
    expect(list('crm.deal.list')).toEqual({ paramCase: 'lower', idField: 'ID' });
  });
  it('REST 3.0 .list: pagination, items under `items`, id field `id`', () => {
    expect(list('main.eventlog.list')).toEqual({ paramCase: 'lower', itemsKey: 'items', idField: 'id', paging: 'pagination' });
  });
  it('REST 3.0 .tail: its own cursor, advancing by `id`', () => {
    expect(list('main.eventlog.tail')).toEqual({ paramCase: 'lower', itemsKey: 'items', idField: 'id', paging: 'cursor' });
  });
  it('REST 3.0 methods that do not page have no list meta', () => {
    expect(list('main.eventlog.get')).toBeUndefined();
    expect(list('tasks.task.get')).toBeUndefined();
  });
  it('the meta literal carries paging', () => {
    expect(metaLiteral(ir.methods.find((m) => m.name === 'main.eventlog.tail')!)).toContain(`list: { paramCase: 'lower', itemsKey: 'items', idField: 'id', paging: 'cursor' }`);
  });
});
