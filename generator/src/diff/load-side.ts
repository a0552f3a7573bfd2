/**
 * One side of a diff: a docs checkout (a folder with `api-reference/`), parsed through the real
 * pipeline without cache, or an IR JSON file as written by `b24gen ir --out FILE`.
 */
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { IR_SCHEMA_VERSION, type IrDocument } from '../ir/types.js';
import { buildIr } from '../pipeline.js';

/** A side that cannot be read; its message is one line for the CLI. */
export class DiffInputError extends Error {}

export interface DiffSide {
  /** As given on the command line. */
  label: string;
  kind: 'docs' | 'ir';
  ir: IrDocument;
}

const major = (v: string) => v.split('.')[0];

/** Checks the parsed JSON is an IR document of a compatible schema version. */
export function checkIr(value: unknown, label: string): IrDocument {
  const doc = value as Partial<IrDocument> | null;
  if (!doc || typeof doc !== 'object' || typeof doc.schemaVersion !== 'string' || !Array.isArray(doc.methods) || !Array.isArray(doc.events)) {
    throw new DiffInputError(`${label}: not an IR JSON file (no schemaVersion, methods, events)`);
  }
  if (major(doc.schemaVersion) !== major(IR_SCHEMA_VERSION)) {
    throw new DiffInputError(`${label}: IR schema version ${doc.schemaVersion} is not compatible with ${IR_SCHEMA_VERSION}; regenerate it with \`b24gen ir --out FILE\``);
  }
  return doc as IrDocument;
}

export function loadSide(path: string): DiffSide {
  const full = resolve(path);
  let stat;
  try {
    stat = statSync(full);
  } catch {
    throw new DiffInputError(`${path}: no such file or folder`);
  }
  if (stat.isDirectory()) {
    try {
      if (!statSync(join(full, 'api-reference')).isDirectory()) throw new Error();
    } catch {
      throw new DiffInputError(`${path}: not a docs checkout (no api-reference/ folder)`);
    }
    return { label: path, kind: 'docs', ir: buildIr({ docsRoot: full, cacheFile: null }).ir };
  }
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch (error) {
    throw new DiffInputError(`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DiffInputError(`${path}: not valid JSON (expected a docs folder or an IR JSON file)`);
  }
  return { label: path, kind: 'ir', ir: checkIr(json, path) };
}
