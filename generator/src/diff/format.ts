/**
 * The diff report: JSON for tools (the `DiffReport` interface below is its documented shape) and
 * Markdown for people (`templates/diff.md.hbs`); both carry the same entries in the same order.
 *
 * Entries: a change that is the same on several methods or events and is written in one place
 * (a shared include, an entity's page) is one entry listing every subject it touches; the rest
 * are one entry per change. Order: breaking entries first, then the others; within each, by the
 * first subject (name, apiVersion), keeping the per-subject order of compare.ts.
 */
import { pageUrl } from '../ir/doc-url.js';
import type { SourceRef } from '../ir/source-ref.js';
import { render, type TemplateSources } from '../render/render.js';
import { classifyChanges, semverVerdict, type ClassifiedChange, type SemverLevel } from './classify.js';
import { compareIr, type ChangeKind } from './compare.js';
import type { DiffSide } from './load-side.js';

/** 2: entries grouped, located (`fromAt`/`toAt`), summary per kind and module, side ids. */
export const DIFF_FORMAT_VERSION = 2;

export interface DiffSideInfo {
  /** The path given on the command line. */
  label: string;
  kind: 'docs' | 'ir';
  /** The docs commit when known, else `sha256:<content hash>`: always names the docs compared. */
  id: string;
  repository: string;
  /** Present only when known (a git checkout, or the pinned snapshot). */
  commit?: string;
  /** sha256 over every page the generator reads. */
  contentHash: string;
  methods: number;
  events: number;
}

/** A location with the published page it belongs to. */
export interface DiffLocation extends SourceRef {
  /** The published page of the method or event (includes are published as part of it). */
  url: string;
}

/** One method or event a grouped entry touches, with its own locations. */
export interface DiffSubject {
  subject: 'method' | 'event';
  name: string;
  apiVersion?: 2 | 3;
  module: string;
  /** The field's dotted path in this subject (one shared row may sit at `auth.status` and at `data.BOT.AUTH.status`). */
  path?: string;
  fromAt?: DiffLocation;
  toAt?: DiffLocation;
}

export interface DiffEntry extends Omit<ClassifiedChange, 'fromAt' | 'toAt'> {
  module: string;
  fromAt?: DiffLocation;
  toAt?: DiffLocation;
  /** How many methods and events the change touches (1 unless grouped). */
  count: number;
  /** Grouped entries: every subject (once per path it holds the row at), sorted; `name` is the first. */
  subjects?: DiffSubject[];
}

export interface CountRow {
  entries: number;
  breaking: number;
}

/**
 * JSON output of `b24gen diff --format json`.
 * Each entry carries `breaking`, its semver `level`, the `reason` from the rules table in
 * classify.ts, and where it is written on each side (`fromAt`, `toAt`).
 */
export interface DiffReport {
  formatVersion: typeof DIFF_FORMAT_VERSION;
  from: DiffSideInfo;
  to: DiffSideInfo;
  /** Semver bump the generated package needs: the highest level of any change. */
  verdict: SemverLevel;
  summary: {
    /** Entries (a grouped change counts once). */
    entries: number;
    /** Changes before grouping (one per method or event touched). */
    changes: number;
    breaking: number;
    nonBreaking: number;
    methodsAdded: number;
    methodsRemoved: number;
    methodsRenamed: number;
    methodsCaseRenamed: number;
    eventsAdded: number;
    eventsRemoved: number;
    /** Entries per change kind (sorted by kind). */
    byKind: Record<string, CountRow>;
    /** Entries per docs module (a grouped entry counts in every module it touches; sorted). */
    byModule: Record<string, CountRow>;
  };
  changes: DiffEntry[];
}

function sideInfo(side: DiffSide): DiffSideInfo {
  const s = side.ir.source;
  return {
    label: side.label,
    kind: side.kind,
    id: s.commit ?? `sha256:${s.contentHash}`,
    repository: s.repository,
    ...(s.commit ? { commit: s.commit } : {}),
    contentHash: s.contentHash,
    methods: side.ir.methods.length,
    events: side.ir.events.length,
  };
}

function pagesOf(side: DiffSide): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of side.ir.methods) out.set(`method\0${m.apiVersion}\0${m.name}`, m.docPath);
  for (const e of side.ir.events) out.set(`event\0\0${e.name}`, e.docPath);
  return out;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** What makes two changes the same change, whichever method or event (and field path) they are on. */
function sameness(c: ClassifiedChange): string {
  const { subject: _s, name: _n, apiVersion: _v, previousName: _p, module: _m, path: _path, fromAt: _f, toAt, ...rest } = c;
  // Where it is written now (or was, for a removal): one row of a shared file is one change.
  const at = toAt ?? c.fromAt;
  return JSON.stringify([rest, at?.path ?? '', at?.line ?? 0]);
}

/** Changes → entries: identical changes written at one shared row are merged. */
export function groupChanges(changes: readonly ClassifiedChange[], url: (c: ClassifiedChange, side: 'from' | 'to') => string): DiffEntry[] {
  const located = (c: ClassifiedChange, side: 'from' | 'to'): DiffLocation | undefined => {
    const at = side === 'from' ? c.fromAt : c.toAt;
    return at ? { ...at, url: url(c, side) } : undefined;
  };
  const buckets = new Map<string, ClassifiedChange[]>();
  const subjectKey = (c: ClassifiedChange) => `${c.subject}\0${c.name}\0${c.apiVersion ?? 0}`;
  for (const c of changes) {
    // Changes of the subject itself (added, removed, renamed, deprecated) are never shared.
    // One subject may hold the row twice (an include used at `auth` and at `data.BOT[].AUTH`): one entry still.
    const k = c.location || c.kind.startsWith('error-') ? sameness(c) : `\0${buckets.size}`;
    const list = buckets.get(k);
    if (list) list.push(c);
    else buckets.set(k, [c]);
  }
  const out: DiffEntry[] = [];
  for (const list of buckets.values()) {
    const first = list[0]!;
    const entry: DiffEntry = { ...first, module: first.module ?? '', count: new Set(list.map(subjectKey)).size, fromAt: located(first, 'from'), toAt: located(first, 'to') };
    if (!entry.fromAt) delete entry.fromAt;
    if (!entry.toAt) delete entry.toAt;
    if (list.length > 1) {
      entry.subjects = list
        .map((c) => {
          const s: DiffSubject = { subject: c.subject, name: c.name, module: c.module ?? '' };
          if (c.apiVersion !== undefined) s.apiVersion = c.apiVersion;
          if (c.path !== undefined) s.path = c.path;
          const f = located(c, 'from');
          const t = located(c, 'to');
          if (f) s.fromAt = f;
          if (t) s.toAt = t;
          return s;
        })
        .sort((a, b) => cmp(a.subject, b.subject) || cmp(a.name, b.name) || (a.apiVersion ?? 0) - (b.apiVersion ?? 0) || cmp(a.path ?? '', b.path ?? ''));
    }
    out.push(entry);
  }
  // Breaking first; stable within (compare.ts sorted by subject already).
  return [...out.filter((e) => e.breaking), ...out.filter((e) => !e.breaking)];
}

function countRows(entries: readonly DiffEntry[], keys: (e: DiffEntry) => string[]): Record<string, CountRow> {
  const rows = new Map<string, CountRow>();
  for (const e of entries) {
    for (const k of new Set(keys(e))) {
      const r = rows.get(k) ?? { entries: 0, breaking: 0 };
      r.entries++;
      if (e.breaking) r.breaking++;
      rows.set(k, r);
    }
  }
  return Object.fromEntries([...rows.entries()].sort(([a], [b]) => cmp(a, b)));
}

export function diffReport(from: DiffSide, to: DiffSide): DiffReport {
  const changes = classifyChanges(compareIr(from.ir, to.ir));
  const pages = { from: pagesOf(from), to: pagesOf(to) };
  const url = (c: ClassifiedChange, side: 'from' | 'to') => {
    const name = side === 'from' && c.previousName ? c.previousName : c.name;
    const page = pages[side].get(`${c.subject}\0${c.subject === 'method' ? (c.apiVersion ?? '') : ''}\0${name}`);
    return pageUrl(page ?? (side === 'from' ? c.fromAt : c.toAt)?.path ?? '');
  };
  const entries = groupChanges(changes, url);
  const count = (k: ChangeKind) => entries.filter((c) => c.kind === k).length;
  return {
    formatVersion: DIFF_FORMAT_VERSION,
    from: sideInfo(from),
    to: sideInfo(to),
    verdict: semverVerdict(changes),
    summary: {
      entries: entries.length,
      changes: changes.length,
      breaking: entries.filter((c) => c.breaking).length,
      nonBreaking: entries.filter((c) => !c.breaking).length,
      methodsAdded: count('method-added'),
      methodsRemoved: count('method-removed'),
      methodsRenamed: count('method-renamed'),
      methodsCaseRenamed: count('method-case-renamed'),
      eventsAdded: count('event-added'),
      eventsRemoved: count('event-removed'),
      byKind: countRows(entries, (e) => [e.kind]),
      byModule: countRows(entries, (e) => (e.subjects ? e.subjects.map((s) => s.module) : [e.module])),
    },
    changes: entries,
  };
}

export function formatJson(report: DiffReport): string {
  return JSON.stringify(report, null, 2);
}

const code = (s: string | number) => '`' + String(s).replace(/`/g, "'") + '`';

const WHERE = { param: 'parameter', result: 'result member', payload: 'payload member' } as const;

/** One line of prose for a change (Markdown). */
export function describeChange(c: ClassifiedChange | DiffEntry): string {
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
    case 'method-case-renamed':
      return `renamed from ${code(c.previousName ?? '')} (letter case only; the same wire method)${c.aliased ? `: the old name stays as a deprecated alias` : ''}`;
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

/** How many subject names a grouped title shows before "and N more". */
const FIRST_NAMES = 5;

const subjectTitle = (s: { subject: 'method' | 'event'; name: string; apiVersion?: 2 | 3 }) => (s.subject === 'method' ? `\`${s.name}\`${s.apiVersion === 3 ? ' (v3)' : ''}` : `event \`${s.name}\``);

/** The heading of an entry: its method or event, or for a grouped one the count and the first names. */
export function entryTitle(e: DiffEntry | ClassifiedChange): string {
  const subjects = 'subjects' in e ? e.subjects : undefined;
  if (!subjects) return subjectTitle(e);
  const distinct = [...new Map(subjects.map((s) => [subjectTitle(s), s])).values()];
  const methods = distinct.filter((s) => s.subject === 'method').length;
  const events = distinct.length - methods;
  const what = [methods ? `${methods} method${methods > 1 ? 's' : ''}` : '', events ? `${events} event${events > 1 ? 's' : ''}` : ''].filter(Boolean).join(' and ');
  const names = distinct.slice(0, FIRST_NAMES).map(subjectTitle).join(', ');
  return `${what}: ${names}${distinct.length > FIRST_NAMES ? ` and ${distinct.length - FIRST_NAMES} more` : ''}`;
}

function locationText(e: DiffEntry): string {
  const one = (l: DiffLocation | undefined) => (l ? `[${l.path}:${l.line}](${l.url})` : '—');
  return `${one(e.fromAt)} → ${one(e.toAt)}`;
}

interface Group {
  title: string;
  changes: Array<{ text: string; level: string; reason: string; where: string }>;
}

/** A grouped entry whose row sits at other paths in some subjects: those paths (the first few). */
function otherPaths(e: DiffEntry): string {
  const paths = [...new Set((e.subjects ?? []).map((s) => s.path).filter((p): p is string => p !== undefined && p !== e.path))];
  if (paths.length === 0) return '';
  const shown = paths.slice(0, 3).map(code).join(', ');
  return ` (also as ${shown}${paths.length > 3 ? ` and ${paths.length - 3} more` : ''})`;
}

function groups(entries: readonly DiffEntry[]): Group[] {
  const out = new Map<string, Group>();
  for (const e of entries) {
    const title = entryTitle(e);
    let g = out.get(title);
    if (!g) out.set(title, (g = { title, changes: [] }));
    g.changes.push({ text: describeChange(e) + otherPaths(e), level: e.level, reason: e.reason, where: locationText(e) });
  }
  return [...out.values()];
}

function sideText(s: DiffSideInfo): string {
  const id = s.commit ? `at ${s.commit.slice(0, 12)}` : `content ${s.id.slice(0, 'sha256:'.length + 12)}`;
  return `${s.label} (${s.kind === 'docs' ? 'docs' : 'IR'} ${id}, ${s.methods} methods, ${s.events} events)`;
}

const table = (rows: Record<string, CountRow>) => Object.entries(rows).map(([name, r]) => ({ name, entries: r.entries, breaking: r.breaking }));

export function formatMarkdown(report: DiffReport, templates: TemplateSources): string {
  return render(templates, 'diff.md', {
    from: sideText(report.from),
    to: sideText(report.to),
    verdict: report.verdict,
    summary: report.summary,
    total: report.changes.length,
    byKind: table(report.summary.byKind),
    byModule: table(report.summary.byModule),
    breaking: groups(report.changes.filter((c) => c.breaking)),
    nonBreaking: groups(report.changes.filter((c) => !c.breaking)),
  }).replace(/\n{3,}/g, '\n\n');
}
