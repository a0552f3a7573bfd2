/**
 * The published error catalog, built from the IR (pure, deterministic): every system code (IR
 * `systemErrors`, OPERATION_TIME_LIMIT included) and every code a method page documents, with its
 * class (classify.ts, the single source of the rules), HTTP statuses, messages, descriptions and the
 * methods that document it. Shape: `error-catalog.schema.json` beside this file.
 */
import { pageUrl } from '../ir/doc-url.js';
import type { IrDocument, IrError } from '../ir/types.js';
import { classifyCode, type ErrorClass } from './classify.js';

export const ERROR_CATALOG_VERSION = '1.0.0';

export interface ErrorCatalogMethod {
  name: string;
  apiVersion: 2 | 3;
  /** The published page of the method. */
  url: string;
}

export interface ErrorCatalogEntry {
  code: string;
  /** What the runtime's retry policy does with it (transient: retry with backoff; auth: refresh; permanent: do not retry). */
  class: ErrorClass;
  /** Documented HTTP statuses, ascending; empty when none is documented. */
  httpStatuses: number[];
  /** Every distinct message the docs give for the code (system definition first, then by method). */
  messages: string[];
  /** Every distinct description, in the same order. */
  descriptions: string[];
  /** One of the system errors any method may return. */
  system: boolean;
  /** Methods whose page documents the code, by name then apiVersion. */
  methods: ErrorCatalogMethod[];
}

export interface ErrorCatalog {
  catalogVersion: typeof ERROR_CATALOG_VERSION;
  /** Entries sorted by code (code-unit order). */
  entries: ErrorCatalogEntry[];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function pushUnique<T>(list: T[], value: T | null | undefined): void {
  if (value !== null && value !== undefined && value !== '' && !list.includes(value)) list.push(value);
}

export function buildErrorCatalog(ir: Pick<IrDocument, 'methods' | 'systemErrors'>): ErrorCatalog {
  interface Acc {
    system: IrError[];
    documented: Array<{ error: IrError; method: ErrorCatalogMethod }>;
  }
  const byCode = new Map<string, Acc>();
  const acc = (code: string) => {
    let a = byCode.get(code);
    if (!a) byCode.set(code, (a = { system: [], documented: [] }));
    return a;
  };
  for (const e of ir.systemErrors) if (e.code) acc(e.code).system.push(e);
  const methods = [...ir.methods].sort((a, b) => cmp(a.name, b.name) || a.apiVersion - b.apiVersion || cmp(a.docPath, b.docPath));
  for (const m of methods) {
    for (const e of m.errors) if (e.code) acc(e.code).documented.push({ error: e, method: { name: m.name, apiVersion: m.apiVersion, url: pageUrl(m.docPath) } });
  }
  const entries: ErrorCatalogEntry[] = [];
  for (const code of [...byCode.keys()].sort(cmp)) {
    const a = byCode.get(code)!;
    const all = [...a.system, ...a.documented.map((d) => d.error)];
    const messages: string[] = [];
    const descriptions: string[] = [];
    for (const e of all) {
      pushUnique(messages, e.message?.trim());
      pushUnique(descriptions, e.description.trim());
    }
    const statuses = [...new Set(all.map((e) => e.httpStatus).filter((s): s is number => s !== null))].sort((x, y) => x - y);
    const seen = new Set<string>();
    const methodsOf: ErrorCatalogMethod[] = [];
    for (const d of a.documented) {
      const key = `${d.method.apiVersion}:${d.method.name}:${d.method.url}`;
      if (!seen.has(key)) (seen.add(key), methodsOf.push(d.method));
    }
    entries.push({
      code,
      // A system code is classed by its system definition: the same rule that generated/error-classes.ts applies.
      class: a.system.length ? classifyCode(code, a.system.map((e) => e.httpStatus)) : classifyCode(code, all.map((e) => e.httpStatus)),
      httpStatuses: statuses,
      messages,
      descriptions,
      system: a.system.length > 0,
      methods: methodsOf,
    });
  }
  return { catalogVersion: ERROR_CATALOG_VERSION, entries };
}
