/**
 * The diff report: JSON for tools (the `DiffReport` interface below is its documented shape) and
 * Markdown for people (`templates/diff.md.hbs`).
 */
import type { IrSource } from '../ir/types.js';
import { render, type TemplateSources } from '../render/render.js';
import { classifyChanges, semverVerdict, type ClassifiedChange, type SemverLevel } from './classify.js';
import { compareIr } from './compare.js';
import type { DiffSide } from './load-side.js';

export const DIFF_FORMAT_VERSION = 1;

export interface DiffSideInfo {
  /** The path given on the command line. */
  label: string;
  kind: 'docs' | 'ir';
  source: IrSource;
  methods: number;
  events: number;
}

/**
 * JSON output of `b24gen diff --format json`.
 * `changes` are grouped by subject (method or event, sorted by name, then apiVersion); each carries
 * `breaking`, its semver `level` and the `reason` from the rules table in classify.ts.
 */
export interface DiffReport {
  formatVersion: typeof DIFF_FORMAT_VERSION;
  from: DiffSideInfo;
  to: DiffSideInfo;
  /** Semver bump the generated package needs: the highest level of any change. */
  verdict: SemverLevel;
  summary: {
    breaking: number;
    nonBreaking: number;
    methodsAdded: number;
    methodsRemoved: number;
    methodsRenamed: number;
    eventsAdded: number;
    eventsRemoved: number;
  };
  changes: ClassifiedChange[];
}

function sideInfo(side: DiffSide): DiffSideInfo {
  return { label: side.label, kind: side.kind, source: side.ir.source, methods: side.ir.methods.length, events: side.ir.events.length };
}

export function diffReport(from: DiffSide, to: DiffSide): DiffReport {
  const changes = classifyChanges(compareIr(from.ir, to.ir));
  const count = (k: ClassifiedChange['kind']) => changes.filter((c) => c.kind === k).length;
  return {
    formatVersion: DIFF_FORMAT_VERSION,
    from: sideInfo(from),
    to: sideInfo(to),
    verdict: semverVerdict(changes),
    summary: {
      breaking: changes.filter((c) => c.breaking).length,
      nonBreaking: changes.filter((c) => !c.breaking).length,
      methodsAdded: count('method-added'),
      methodsRemoved: count('method-removed'),
      methodsRenamed: count('method-renamed'),
      eventsAdded: count('event-added'),
      eventsRemoved: count('event-removed'),
    },
    changes,
  };
}

export function formatJson(report: DiffReport): string {
  return JSON.stringify(report, null, 2);
}

const code = (s: string | number) => '`' + String(s).replace(/`/g, "'") + '`';

const WHERE = { param: 'parameter', result: 'result member', payload: 'payload member' } as const;

/** One line of prose for a change (Markdown). */
export function describeChange(c: ClassifiedChange): string {
  const field = c.location ? `${WHERE[c.location]} ${code(c.path ?? '')}` : '';
  switch (c.kind) {
    case 'method-added':
      return 'method added';
    case 'method-removed':
      return 'method removed';
    case 'event-added':
      return 'event added';
    case 'event-removed':
      return 'event removed';
    case 'method-renamed':
    case 'event-renamed':
      return `renamed from ${code(c.previousName ?? '')}`;
    case 'method-deprecated':
    case 'event-deprecated':
      return `deprecated${c.to ? ` (use ${code(c.to)})` : ''}`;
    case 'method-undeprecated':
    case 'event-undeprecated':
      return 'no longer deprecated';
    case 'field-added':
      return `${c.required ? 'required' : 'optional'} ${field} added`;
    case 'field-removed':
      return `${field} removed`;
    case 'field-required':
      return `${field}: optional → required`;
    case 'field-optional':
      return `${field}: required → optional`;
    case 'field-type-changed':
      return `${field}: type ${code(c.from ?? '')} → ${code(c.to ?? '')}`;
    case 'field-doctype-changed':
      return `${field}: documented type ${code(c.from || '(none)')} → ${code(c.to || '(none)')}`;
    case 'field-value-added':
      return `${field}: value ${code(c.value ?? '')} added`;
    case 'field-value-removed':
      return `${field}: value ${code(c.value ?? '')} removed`;
    case 'error-added':
      return `error code ${code(c.code ?? '')} added`;
    case 'error-removed':
      return `error code ${code(c.code ?? '')} removed`;
  }
}

interface Group {
  title: string;
  changes: Array<{ text: string; level: string; reason: string }>;
}

function groups(changes: readonly ClassifiedChange[]): Group[] {
  const out = new Map<string, Group>();
  for (const c of changes) {
    const title = c.subject === 'method' ? `\`${c.name}\`${c.apiVersion === 3 ? ' (v3)' : ''}` : `event \`${c.name}\``;
    let g = out.get(title);
    if (!g) out.set(title, (g = { title, changes: [] }));
    g.changes.push({ text: describeChange(c), level: c.level, reason: c.reason });
  }
  return [...out.values()];
}

function sideText(s: DiffSideInfo): string {
  return `${s.label} (${s.kind === 'docs' ? 'docs' : 'IR'}${s.source.commit ? ` at ${s.source.commit.slice(0, 12)}` : ''}, ${s.methods} methods, ${s.events} events)`;
}

export function formatMarkdown(report: DiffReport, templates: TemplateSources): string {
  return render(templates, 'diff.md', {
    from: sideText(report.from),
    to: sideText(report.to),
    verdict: report.verdict,
    summary: report.summary,
    total: report.changes.length,
    breaking: groups(report.changes.filter((c) => c.breaking)),
    nonBreaking: groups(report.changes.filter((c) => !c.breaking)),
  }).replace(/\n{3,}/g, '\n\n');
}
