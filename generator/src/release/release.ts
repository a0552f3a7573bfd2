/**
 * The release flow for a docs update (`b24gen release --docs DIR`): regenerate the package from the
 * new docs, diff its API against the IR of the last release, bump the version by the diff's semver
 * verdict, prepend a CHANGELOG.md entry, record the release, move the docs pin to the docs used.
 *
 * Version rule: the diff's verdict (classify.ts); when the diff finds no API change but the emitted
 * files differ (descriptions, examples, generator changes), a patch; `bump` raises the level.
 * Nothing changed at all: no new version, the files and the pin are still refreshed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DiffReport } from '../diff/format.js';
import { diffReport, describeChange, entryTitle } from '../diff/format.js';
import { checkIr, DiffInputError } from '../diff/load-side.js';
import type { SemverLevel } from '../diff/classify.js';
import type { IrDocument } from '../ir/types.js';
import { buildIr, GENERATOR_VERSION, packageFiles, type Progress } from '../pipeline.js';
import { render, type TemplateSources } from '../render/render.js';
import { writeFiles, type WriteStats } from '../write/write-files.js';
import {
  apiHash, CHANGELOG_FILE, prependChangelog, readReleaseIr, readReleaseState, ReleaseError, trimIr, writeReleaseIr, writeReleaseState, type ReleaseState,
} from './state.js';

export type BumpLevel = Exclude<SemverLevel, 'none'>;
const ORDER: SemverLevel[] = ['none', 'patch', 'minor', 'major'];
const max = (a: SemverLevel, b: SemverLevel): SemverLevel => (ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b);

/** `1.4.2` + minor → `1.5.0`. Plain semver, also below 1.0.0 (a breaking change of 0.3.1 gives 1.0.0). */
export function bumpVersion(version: string, level: SemverLevel): string {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m) throw new ReleaseError(`cannot bump version "${version}": not MAJOR.MINOR.PATCH`);
  const [maj, min, pat] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (level === 'major') return `${maj + 1}.0.0`;
  if (level === 'minor') return `${maj}.${min + 1}.0`;
  if (level === 'patch') return `${maj}.${min}.${pat + 1}`;
  return `${maj}.${min}.${pat}`;
}

export interface ReleaseOptions {
  docsRoot: string;
  /** The generated package folder (generated/). */
  outDir: string;
  templates: TemplateSources;
  cacheFile?: string | null;
  /** Raise the level at least to this (e.g. a packaging change the diff cannot see). */
  bump?: BumpLevel;
  /** Release date, YYYY-MM-DD; default today (UTC). */
  date?: string;
  onProgress?: Progress;
}

export interface ReleaseResult {
  /** null: the first release (no baseline). */
  previous: ReleaseState | null;
  version: string;
  /** The level applied: `none` when nothing changed, `initial` for the first release. */
  level: SemverLevel | 'initial';
  /** Why the level: the diff's verdict, documentation-only changes, or --bump. */
  why: string;
  report: DiffReport | null;
  ir: IrDocument;
  write: WriteStats;
  changelogEntry: string | null;
}

export const CHANGELOG_HEADER = `# Changelog

Releases of \`@b24gen/client\`, newest first. Each entry lists the Bitrix24 REST API changes since
the previous release, classed by b24gen's API diff (breaking → major, additive → minor,
documentation only → patch).

`;

interface EntryGroup {
  title: string;
  changes: Array<{ text: string; reason: string }>;
}

function entryGroups(report: DiffReport, breaking: boolean): EntryGroup[] {
  const out = new Map<string, EntryGroup>();
  for (const c of report.changes.filter((x) => x.breaking === breaking)) {
    // A change shared by several methods (one include, one entity) is one entry titled by them all.
    const title = entryTitle(c);
    let g = out.get(title);
    if (!g) out.set(title, (g = { title, changes: [] }));
    g.changes.push({ text: describeChange(c), reason: c.reason });
  }
  return [...out.values()];
}

export function changelogEntry(templates: TemplateSources, ctx: { version: string; date: string; level: string; why: string; ir: IrDocument; previous: ReleaseState | null; report: DiffReport | null }): string {
  const commit = (c: string | null | undefined) => (c ? c.slice(0, 12) : 'unknown commit');
  return render(templates, 'changelog-entry.md', {
    version: ctx.version,
    date: ctx.date,
    level: ctx.level,
    why: ctx.why,
    repository: ctx.ir.source.repository,
    commit: commit(ctx.ir.source.commit),
    previousVersion: ctx.previous?.version ?? '',
    previousCommit: ctx.previous ? commit(ctx.previous.docs.commit) : '',
    methods: ctx.ir.methods.length,
    events: ctx.ir.events.length,
    summary: ctx.report?.summary ?? null,
    breaking: ctx.report ? entryGroups(ctx.report, true) : [],
    other: ctx.report ? entryGroups(ctx.report, false) : [],
  }).replace(/\n{3,}/g, '\n\n');
}

function baseline(outDir: string, state: ReleaseState): IrDocument {
  const json = readReleaseIr(outDir, state);
  try {
    return checkIr(json, `IR of release ${state.version}`);
  } catch (error) {
    if (error instanceof DiffInputError) throw new ReleaseError(error.message);
    throw error;
  }
}

export function release(opts: ReleaseOptions): ReleaseResult {
  const previous = readReleaseState(opts.outDir) ?? null;
  const before = previous ? baseline(opts.outDir, previous) : null;
  const { ir } = buildIr({ docsRoot: opts.docsRoot, cacheFile: opts.cacheFile ?? null, ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) });
  const errors = ir.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors) throw new ReleaseError(`release stopped: ${errors} error diagnostics (pages not fully read) in ${opts.docsRoot}; see \`npm run b24gen -- report --docs ${opts.docsRoot}\``);
  if (!ir.source.commit) throw new ReleaseError(`${opts.docsRoot}: unknown docs commit (no .git, no B24_DOCS_COMMIT, not the pinned snapshot); release from a git checkout of ${ir.source.repository}`);

  const date = opts.date ?? new Date().toISOString().slice(0, 10);
  const probe = packageFiles(ir, opts.templates, { version: previous?.version ?? GENERATOR_VERSION });
  const hash = apiHash(probe);
  let report: DiffReport | null = null;
  let level: SemverLevel | 'initial';
  let why: string;
  if (!previous || !before) {
    level = 'initial';
    why = 'first release: no earlier IR to compare with';
  } else {
    report = diffReport({ label: `release ${previous.version}`, kind: 'ir', ir: before }, { label: opts.docsRoot, kind: 'docs', ir: trimIr(ir) });
    level = report.verdict;
    why = level === 'none' ? 'no API change' : `API diff: ${report.summary.breaking} breaking, ${report.summary.nonBreaking} other changes`;
    if (level === 'none' && hash !== previous.apiHash) {
      level = 'patch';
      why = 'no API change; documentation comments or emitted code changed';
    }
    if (opts.bump && ORDER.indexOf(opts.bump) > ORDER.indexOf(level)) {
      why += `; raised to ${opts.bump} by --bump`;
      level = max(level, opts.bump);
    }
  }
  const version = level === 'initial' ? (previous?.version ?? GENERATOR_VERSION) : bumpVersion(previous!.version, level);
  const files = level === 'none' || version === previous?.version ? probe : packageFiles(ir, opts.templates, { version });
  const write = writeFiles(opts.outDir, files);
  let entry: string | null = null;
  if (level !== 'none') {
    entry = changelogEntry(opts.templates, { version, date, level: level === 'initial' ? 'initial release' : level, why, ir, previous, report });
    const file = join(opts.outDir, CHANGELOG_FILE);
    let current: string | undefined;
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      current = undefined;
    }
    writeFileSync(file, prependChangelog(current, CHANGELOG_HEADER, entry).trimEnd() + '\n');
    const irSha256 = writeReleaseIr(opts.outDir, ir);
    writeReleaseState(opts.outDir, { version, date, docs: ir.source, generator: GENERATOR_VERSION, irSchemaVersion: ir.schemaVersion, apiHash: hash, irSha256 });
  }
  return { previous, version, level, why, report, ir, write, changelogEntry: entry };
}
