/**
 * mdast nodes for the YFM (Diplodoc) constructs of the Bitrix24 docs.
 * Registered by augmenting `mdast` so that `visit()` and friends know them.
 */
import type { BlockContent, DefinitionContent, Parent, RootContent } from 'mdast';

/** `#| ... |#` table: rows `|| ... ||`, cells separated by `|`. */
export interface YfmTable extends Parent {
  type: 'yfmTable';
  children: YfmTableRow[];
}
export interface YfmTableRow extends Parent {
  type: 'yfmTableRow';
  children: YfmTableCell[];
}
/** A cell holds ordinary flow content (paragraphs, lists, code, nested tables). */
export interface YfmTableCell extends Parent {
  type: 'yfmTableCell';
  /** `>` (colspan) and `^` (rowspan) marker cells carry no content. */
  merge?: 'left' | 'up';
  children: Array<BlockContent | DefinitionContent>;
}
/** `{% note type "title" %} ... {% endnote %}` */
export interface YfmNote extends Parent {
  type: 'yfmNote';
  noteType: string;
  title: string | null;
  children: RootContent[];
}
/** `{% cut "title" %} ... {% endcut %}` */
export interface YfmCut extends Parent {
  type: 'yfmCut';
  title: string;
  children: RootContent[];
}
/** `{% list tabs %}` with `- Tab name` items and indented bodies. */
export interface YfmTabs extends Parent {
  type: 'yfmTabs';
  children: YfmTab[];
}
export interface YfmTab extends Parent {
  type: 'yfmTab';
  title: string;
  children: RootContent[];
}
/** `{% if cond %} ... {% endif %}`; dev-only blocks are removed by the plugin. */
export interface YfmIf extends Parent {
  type: 'yfmIf';
  condition: string;
  children: RootContent[];
}
/**
 * `{% include [label](path) %}` / `{% include notitle [label](path) %}`.
 * After include resolution `resolved` is the docs-root-relative path of the fragment and
 * `children` its parsed content (positions inside refer to that fragment file).
 */
export interface YfmInclude extends Parent {
  type: 'yfmInclude';
  path: string;
  label: string;
  notitle: boolean;
  resolved?: string;
  children: RootContent[];
}

declare module 'mdast' {
  interface RootContentMap {
    yfmTable: YfmTable;
    yfmTableRow: YfmTableRow;
    yfmTableCell: YfmTableCell;
    yfmNote: YfmNote;
    yfmCut: YfmCut;
    yfmTabs: YfmTabs;
    yfmTab: YfmTab;
    yfmIf: YfmIf;
    yfmInclude: YfmInclude;
  }
  interface BlockContentMap {
    yfmTable: YfmTable;
    yfmNote: YfmNote;
    yfmCut: YfmCut;
    yfmTabs: YfmTabs;
    yfmIf: YfmIf;
    yfmInclude: YfmInclude;
  }
}
