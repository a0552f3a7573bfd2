/**
 * Provenance of a docs checkout: repository, commit where known, content hash.
 * The commit comes from the checkout's `.git`, else `B24_DOCS_COMMIT`, else the pin in
 * `docs-input/source.json` when the content hash matches the pinned snapshot's.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IrSource } from '../ir/types.js';

export const DOCS_REPOSITORY = 'https://github.com/bitrix24/b24restdocs';

export interface Pin {
  repository: string;
  commit: string;
  contentHash?: string;
}

export const PIN_FILE = resolve(fileURLToPath(new URL('../../../docs-input/source.json', import.meta.url)));

export function readPin(file = PIN_FILE): Pin | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Pin;
  } catch {
    return null;
  }
}

function gitHead(docsRoot: string): string | null {
  try {
    const head = readFileSync(join(docsRoot, '.git/HEAD'), 'utf8').trim();
    if (/^[0-9a-f]{40}$/.test(head)) return head;
    const ref = /^ref: (.+)$/.exec(head)?.[1];
    if (!ref) return null;
    try {
      return readFileSync(join(docsRoot, '.git', ref), 'utf8').trim();
    } catch {
      const packed = readFileSync(join(docsRoot, '.git/packed-refs'), 'utf8');
      return new RegExp(`^([0-9a-f]{40}) ${ref.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm').exec(packed)?.[1] ?? null;
    }
  } catch {
    return null;
  }
}

export function docsSource(docsRoot: string, contentHash: string): IrSource {
  const pin = readPin();
  const commit = gitHead(docsRoot) ?? process.env.B24_DOCS_COMMIT ?? (pin?.contentHash === contentHash ? pin.commit : null);
  return { repository: pin?.repository ?? DOCS_REPOSITORY, commit, contentHash };
}
