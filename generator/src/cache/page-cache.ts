/**
 * Per-page cache of parse + extract results, keyed by the page's content, the content of every
 * include it pulled in, and the generator fingerprint. A re-run with unchanged docs reads no page twice.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { PageExtraction } from '../extract/page.js';

export interface CacheEntry {
  pageHash: string;
  /** Docs-relative include path → content hash ('' when missing at the time). */
  includes: Record<string, string>;
  extraction: PageExtraction;
  parseDiagnostics: Diagnostic[];
}

/** The pages the tocs list, kept while the tocs read and the walked page list are unchanged (parsing the YAML is most of a warm run). */
export interface TocCacheEntry {
  /** sha256 of the walked page list. */
  walked: string;
  /** Docs-relative toc path → content hash ('' when missing). */
  tocs: Record<string, string>;
  pages: string[];
  diagnostics: Diagnostic[];
}

interface CacheFile {
  fingerprint: string;
  entries: Record<string, CacheEntry>;
  tocs?: TocCacheEntry;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export class PageCache {
  private entries: Record<string, CacheEntry> = {};
  private tocs: TocCacheEntry | undefined;
  private readonly includeHashes = new Map<string, string>();
  dirty = false;

  constructor(
    private readonly file: string | null,
    private readonly fingerprint: string,
    private readonly readFile: (rel: string) => string | undefined,
  ) {
    if (!file) return;
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
      if (data.fingerprint === fingerprint) {
        this.entries = data.entries;
        this.tocs = data.tocs;
      }
    } catch {
      // No cache or an unreadable one: start empty.
    }
  }

  includeHash(path: string): string {
    let h = this.includeHashes.get(path);
    if (h === undefined) {
      const text = this.readFile(path);
      h = text === undefined ? '' : sha256(text);
      this.includeHashes.set(path, h);
    }
    return h;
  }

  get(docPath: string, pageHash: string): CacheEntry | undefined {
    const e = this.entries[docPath];
    if (!e || e.pageHash !== pageHash) return undefined;
    for (const [path, hash] of Object.entries(e.includes)) if (this.includeHash(path) !== hash) return undefined;
    return e;
  }

  getTocs(walked: string): TocCacheEntry | undefined {
    const t = this.tocs;
    if (!t || t.walked !== walked) return undefined;
    for (const [path, hash] of Object.entries(t.tocs)) if (this.includeHash(path) !== hash) return undefined;
    return t;
  }

  setTocs(entry: TocCacheEntry): void {
    this.tocs = entry;
    this.dirty = true;
  }

  set(docPath: string, entry: CacheEntry): void {
    this.entries[docPath] = entry;
    this.dirty = true;
  }

  /** Drops entries of pages that no longer exist, then writes atomically. */
  save(livePages: ReadonlySet<string>): void {
    if (!this.file) return;
    for (const k of Object.keys(this.entries)) {
      if (livePages.has(k)) continue;
      delete this.entries[k];
      this.dirty = true;
    }
    if (!this.dirty) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = join(dirname(this.file), `.tmp-${process.pid}`);
    writeFileSync(tmp, JSON.stringify({ fingerprint: this.fingerprint, entries: this.entries, ...(this.tocs ? { tocs: this.tocs } : {}) } satisfies CacheFile));
    renameSync(tmp, this.file);
  }
}
