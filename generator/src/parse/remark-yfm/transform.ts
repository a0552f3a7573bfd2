/**
 * Tree pass of `remarkYfm`: pairs `{% tag %}` / `{% endtag %}` siblings into containers
 * (yfmNote, yfmCut, yfmTabs > yfmTab, yfmIf), turns include tags into yfmInclude nodes, drops
 * dev-only `if` blocks, and reports tag and table problems on the vfile. Never throws for
 * malformed input.
 *
 * Recovery: an open tag with no end tag (in the same parent) is dropped and its content stays
 * in place, so that sections after it are not swallowed; a stray end tag is dropped.
 */
import type { List, ListItem, Parent, Root, RootContent, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';
import { tableIssues, type YfmTagNode } from './mdast/index.js';
import type { YfmCut, YfmIf, YfmInclude, YfmNote, YfmTab, YfmTabs } from './types.js';

export interface YfmTransformOptions {
  /**
   * Return true to drop an `{% if condition %}` block entirely.
   * Default: drop `build == 'dev'` (the docs' only condition).
   */
  dropIf?: (condition: string) => boolean;
}

export const SOURCE = 'remark-yfm';

const END_OF: Record<string, string> = { note: 'endnote', cut: 'endcut', list: 'endlist', if: 'endif' };
const OPEN_OF: Record<string, string> = { endnote: 'note', endcut: 'cut', endlist: 'list', endif: 'if' };
const DEV_ONLY = /^build\s*==\s*(['"])dev\1$/;
const UNCLOSED_TABLE = /(^|\n)[ \t]*#\|[ \t]*(\n|$)/;

export function defaultDropIf(condition: string): boolean {
  return DEV_ONLY.test(condition.trim());
}

type Child = RootContent | YfmTagNode;
type Container = YfmNote | YfmCut | YfmTabs | YfmIf;

interface Frame {
  tag: YfmTagNode;
  children: Child[];
}

export function report(
  file: VFile,
  reason: string,
  place: Position | Point | undefined,
  ruleId: string,
  severity: 'error' | 'warning' | 'info',
): void {
  const msg = file.message(reason, { place, ruleId, source: SOURCE });
  msg.fatal = severity === 'error' ? true : severity === 'warning' ? false : undefined;
}

export function yfmTreePass(tree: Root, file: VFile, options: YfmTransformOptions = {}): void {
  const dropIf = options.dropIf ?? defaultDropIf;
  walk(tree as Parent);

  function walk(parent: Parent): void {
    const issues = tableIssues.get(parent);
    if (issues) {
      for (const i of issues) report(file, i.reason, i.place, i.ruleId, i.severity);
      tableIssues.delete(parent);
    }
    let hasTag = false;
    for (const c of parent.children as Child[]) {
      if (c.type === 'yfmTag') {
        hasTag = true;
        break;
      }
    }
    if (hasTag) parent.children = pair(parent.children as Child[]) as RootContent[];
    for (const c of parent.children) {
      if (c.type === 'text') checkText(c);
      if ('children' in c) walk(c);
    }
  }

  function checkText(t: Text): void {
    if (!t.value.includes('#|')) return;
    const m = UNCLOSED_TABLE.exec(t.value);
    if (!m) return;
    const line = (t.position?.start.line ?? 0) + countLines(t.value, m.index + m[1]!.length);
    report(
      file,
      'YFM table not recognized: `#|` with no closing `|#`, or placed right after a paragraph line',
      { line, column: 1 },
      'yfm-table-unclosed',
      'warning',
    );
  }

  function pair(children: Child[]): Child[] {
    const root: Child[] = [];
    const stack: Frame[] = [];
    const top = (): Child[] => (stack.length > 0 ? stack[stack.length - 1]!.children : root);

    const flatten = (frame: Frame): void => {
      report(
        file,
        `Unclosed \`${frame.tag.raw.trim()}\`: no \`{% ${END_OF[frame.tag.name]} %}\` in the same block; the tag is ignored`,
        frame.tag.position,
        'yfm-tag-unclosed',
        'warning',
      );
      top().push(...frame.children);
    };

    for (const child of children) {
      if (child.type !== 'yfmTag') {
        top().push(child);
        continue;
      }
      const name = child.name;
      if (END_OF[name]) {
        stack.push({ tag: child, children: [] });
        continue;
      }
      const openName = OPEN_OF[name];
      if (openName) {
        let k = stack.length - 1;
        while (k >= 0 && stack[k]!.tag.name !== openName) k--;
        if (k < 0) {
          report(file, `Unmatched \`${child.raw.trim()}\` (no open \`{% ${openName} %}\`); ignored`, child.position, 'yfm-tag-unmatched-end', 'warning');
          continue;
        }
        while (stack.length - 1 > k) flatten(stack.pop()!);
        const frame = stack.pop()!;
        const node = makeContainer(frame, child);
        if (node) top().push(node);
        continue;
      }
      if (name === 'include') {
        const inc = makeInclude(child);
        if (inc) top().push(inc);
        continue;
      }
      report(file, `Unknown tag \`${child.raw.trim()}\`; ignored`, child.position, 'yfm-tag-unknown', 'warning');
    }
    while (stack.length > 0) flatten(stack.pop()!);
    return root;
  }

  function makeContainer(frame: Frame, end: YfmTagNode): Container | undefined {
    const { tag } = frame;
    const children = frame.children as RootContent[];
    const position: Position | undefined =
      tag.position && end.position ? { start: tag.position.start, end: end.position.end } : tag.position;
    switch (tag.name) {
      case 'note': {
        const m = /^([\w-]+)?\s*(?:"([^"]*)"|'([^']*)')?/.exec(tag.args);
        const node: YfmNote = {
          type: 'yfmNote',
          noteType: m?.[1] ?? 'info',
          title: m?.[2] ?? m?.[3] ?? null,
          children,
        };
        if (position) node.position = position;
        return node;
      }
      case 'cut': {
        const m = /^(?:"([^"]*)"|'([^']*)'|(.*))$/.exec(tag.args);
        const node: YfmCut = { type: 'yfmCut', title: m?.[1] ?? m?.[2] ?? m?.[3] ?? '', children };
        if (position) node.position = position;
        return node;
      }
      case 'if': {
        if (dropIf(tag.args)) return undefined;
        const node: YfmIf = { type: 'yfmIf', condition: tag.args, children };
        if (position) node.position = position;
        return node;
      }
      default: {
        if (tag.args.trim() !== 'tabs') {
          report(file, `\`${tag.raw.trim()}\`: only \`{% list tabs %}\` is known; read as tabs`, tag.position, 'yfm-list-unknown', 'info');
        }
        const node: YfmTabs = { type: 'yfmTabs', children: makeTabs(children, tag) };
        if (position) node.position = position;
        return node;
      }
    }
  }

  function makeTabs(children: RootContent[], tag: YfmTagNode): YfmTab[] {
    const tabs: YfmTab[] = [];
    let sawList = false;
    for (const c of children) {
      if (c.type === 'list') {
        sawList = true;
        for (const item of (c as List).children) tabs.push(makeTab(item));
        continue;
      }
      const last = tabs[tabs.length - 1];
      if (last) {
        last.children.push(c);
      } else {
        const tab: YfmTab = { type: 'yfmTab', title: '', children: [c] };
        if (c.position) tab.position = c.position;
        tabs.push(tab);
        report(file, 'Content before the first `- Tab name` item of `{% list tabs %}`', c.position, 'yfm-tabs-stray-content', 'warning');
      }
    }
    if (!sawList) {
      report(file, '`{% list tabs %}` holds no `- Tab name` list', tag.position, 'yfm-tabs-no-list', 'warning');
    }
    return tabs;
  }

  function makeTab(item: ListItem): YfmTab {
    const [first, ...rest] = item.children;
    const isTitle = first?.type === 'paragraph';
    const tab: YfmTab = {
      type: 'yfmTab',
      title: isTitle ? toString(first).trim() : '',
      children: (isTitle ? rest : item.children) as RootContent[],
    };
    if (item.position) tab.position = item.position;
    return tab;
  }

  function makeInclude(tag: YfmTagNode): YfmInclude | undefined {
    const m = /^(notitle\s+)?\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)\s*$/.exec(tag.args);
    if (!m) {
      report(file, `Malformed include \`${tag.raw.trim()}\`; ignored`, tag.position, 'yfm-include-malformed', 'warning');
      return undefined;
    }
    const node: YfmInclude = {
      type: 'yfmInclude',
      path: m[3]!,
      label: m[2]!,
      notitle: Boolean(m[1]),
      children: [],
    };
    if (tag.position) node.position = tag.position;
    return node;
  }
}

function countLines(s: string, end: number): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1 && i < end; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
