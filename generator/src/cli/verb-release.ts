/**
 * `b24gen release [--docs DIR] [--out DIR] [--pin FILE] [--bump LEVEL]`: the release flow for a docs
 * update (generator/src/release/release.ts), refused on a dirty package folder; prints what to publish.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { PIN_FILE, readPin } from '../load/docs-source.js';
import { loadTemplates, PROJECT_ROOT } from '../pipeline.js';
import { release, type BumpLevel } from '../release/release.js';
import { ReleaseError } from '../release/state.js';
import { ttyProgress } from './progress.js';
import type { Verb } from './verbs.js';

/** Refuses a package folder with uncommitted changes: the diff and the version start from the committed package. */
export function assertClean(dir: string): void {
  const r = spawnSync('git', ['status', '--porcelain', '--untracked-files=all', '--', '.'], { cwd: dir, encoding: 'utf8' });
  if (r.error || r.status !== 0) return; // not a git work tree (or no git): nothing to compare with
  const dirty = r.stdout.split('\n').filter(Boolean);
  if (dirty.length) {
    throw new ReleaseError(`${dir} has ${dirty.length} uncommitted change${dirty.length > 1 ? 's' : ''} (${dirty[0]!.slice(3)}${dirty.length > 1 ? ', …' : ''}); commit or discard them before a release`);
  }
}

const LEVELS = ['patch', 'minor', 'major'];

export const releaseVerb: Verb = {
  usage: 'release [--docs DIR] [--out DIR] [--pin FILE] [--bump patch|minor|major] [--no-cache]   regenerate, diff against the last release, bump the version, prepend CHANGELOG.md, move the docs pin',
  options: { docs: { type: 'string' }, out: { type: 'string' }, pin: { type: 'string' }, bump: { type: 'string' }, 'no-cache': { type: 'boolean' } },
  run(ctx) {
    const bump = ctx.values.bump;
    if (bump !== undefined && (typeof bump !== 'string' || !LEVELS.includes(bump))) throw new ReleaseError(`release --bump must be patch, minor or major, not "${String(bump)}"`);
    const outDir = resolve(typeof ctx.values.out === 'string' ? ctx.values.out : join(PROJECT_ROOT, 'generated'));
    const pinFile = resolve(typeof ctx.values.pin === 'string' ? ctx.values.pin : PIN_FILE);
    if (!existsSync(join(outDir, 'package.json'))) throw new ReleaseError(`${outDir} is not a generated package (no package.json); run \`npm run generate\` first`);
    assertClean(outDir);
    const docs = ctx.locateDocs();
    const progress = ttyProgress();
    const r = release({
      docsRoot: docs.root,
      outDir,
      templates: loadTemplates(),
      cacheFile: ctx.values['no-cache'] ? null : ctx.cacheFile,
      ...(bump ? { bump: bump as BumpLevel } : {}),
      ...(progress ? { onProgress: progress } : {}),
    });
    // The pin follows the released docs, so that `npm run generate` (and CI) reproduce this package.
    const pin = readPin(pinFile);
    const source = r.ir.source;
    const pinMoved = !pin || pin.commit !== source.commit || pin.contentHash !== source.contentHash;
    if (pinMoved) writeFileSync(pinFile, JSON.stringify({ repository: source.repository, commit: source.commit, contentHash: source.contentHash }, null, 2) + '\n');

    const rel = (p: string) => relative(process.cwd(), p) || '.';
    const runtimeVersion = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'runtime/package.json'), 'utf8')) as { version: string }).version;
    if (r.changelogEntry) ctx.io.out(r.changelogEntry.trimEnd());
    const from = r.previous ? `${r.previous.version} → ` : '';
    ctx.io.err(`b24gen: ${r.ir.methods.length} methods, ${r.ir.events.length} events; ${r.write.written.length} files written, ${r.write.removed.length} removed → ${rel(outDir)}`);
    if (pinMoved) ctx.io.err(`b24gen: docs pin → ${source.commit} (${rel(pinFile)})`);
    if (r.level === 'none') {
      ctx.io.err(`b24gen: @b24gen/client stays at ${r.version}: ${r.why}; nothing to publish`);
      return 0;
    }
    ctx.io.err(`b24gen: @b24gen/client ${from}${r.version} (${r.level}: ${r.why}); ${rel(join(outDir, 'CHANGELOG.md'))} updated`);
    ctx.io.err(
      [
        `b24gen: to publish, commit ${rel(outDir)} and ${rel(pinFile)}, then:`,
        `  npm publish --workspace runtime     # @b24gen/runtime@${runtimeVersion}, if that version is not on the registry yet`,
        `  npm publish --workspace generated   # @b24gen/client@${r.version} (prepack builds dist/)`,
        `  git tag client-v${r.version}`,
      ].join('\n'),
    );
    return 0;
  },
};
