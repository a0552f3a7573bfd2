/**
 * The error catalog's files in the generated package: `error-catalog.json` (shape:
 * error-catalog.schema.json), `error-catalog.md` (templates/error-catalog.md.hbs) and
 * `error-catalog.ts` (`errorCatalog`, typed by `ErrorCatalogEntry`).
 */
import { GENERATED_HEADER } from '../emit/emit.js';
import type { IrDocument } from '../ir/types.js';
import { render, type TemplateSources } from '../render/render.js';
import { buildErrorCatalog, type ErrorCatalog, type ErrorCatalogEntry } from './build.js';

export function catalogJson(catalog: ErrorCatalog): string {
  return JSON.stringify(catalog, null, 2) + '\n';
}

/** A Markdown table cell: one line, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();
}

/** Links shown per code in the Markdown; the JSON and TS files list every method. */
export const MD_METHOD_LINKS = 12;

function methodLinks(e: ErrorCatalogEntry): string {
  const links = e.methods.slice(0, MD_METHOD_LINKS).map((m) => `[${m.name}${m.apiVersion === 3 ? ' (v3)' : ''}](${m.url})`);
  if (e.methods.length > MD_METHOD_LINKS) links.push(`and ${e.methods.length - MD_METHOD_LINKS} more (see error-catalog.json)`);
  return links.join(', ') || '—';
}

function row(e: ErrorCatalogEntry) {
  return {
    code: e.code.replace(/`/g, "'"),
    class: e.class,
    statuses: e.httpStatuses.join(', ') || '—',
    messages: e.messages.map(cell).join('<br>') || '—',
    methods: methodLinks(e),
  };
}

export function catalogMarkdown(catalog: ErrorCatalog, templates: TemplateSources): string {
  const system = catalog.entries.filter((e) => e.system);
  const documented = catalog.entries.filter((e) => !e.system);
  return render(templates, 'error-catalog.md', {
    systemCount: system.length,
    methodCount: documented.length,
    total: catalog.entries.length,
    system: system.map(row),
    documented: documented.map(row),
  });
}

export function catalogTypeScript(catalog: ErrorCatalog): string {
  const body = JSON.stringify(catalog.entries, null, 2);
  return [
    GENERATED_HEADER('the Bitrix24 REST docs'),
    "import type { ErrorClass } from '@b24gen/runtime';",
    '',
    '/** A method page that documents an error code. */',
    'export interface ErrorCatalogMethod {',
    '  readonly name: string;',
    '  readonly apiVersion: 2 | 3;',
    '  /** The published docs page. */',
    '  readonly url: string;',
    '}',
    '',
    '/** One documented error code. */',
    'export interface ErrorCatalogEntry {',
    '  readonly code: string;',
    '  /** What the retry policy does: transient = retry with backoff, auth = refresh or re-authorise, permanent = do not retry. */',
    '  readonly class: ErrorClass;',
    '  /** Documented HTTP statuses, ascending. */',
    '  readonly httpStatuses: readonly number[];',
    '  /** Every distinct documented message. */',
    '  readonly messages: readonly string[];',
    '  readonly descriptions: readonly string[];',
    '  /** A system error: any method may return it. */',
    '  readonly system: boolean;',
    '  /** Methods whose page documents the code. */',
    '  readonly methods: readonly ErrorCatalogMethod[];',
    '}',
    '',
    '/** Every error code of the Bitrix24 REST docs, sorted by code. */',
    `export const errorCatalog: readonly ErrorCatalogEntry[] = ${body};`,
    '',
  ].join('\n');
}

/** path (in the generated package) → text. */
export function catalogFiles(ir: Pick<IrDocument, 'methods' | 'systemErrors'>, templates: TemplateSources): Map<string, string> {
  const catalog = buildErrorCatalog(ir);
  return new Map([
    ['error-catalog.json', catalogJson(catalog)],
    ['error-catalog.md', catalogMarkdown(catalog, templates)],
    ['error-catalog.ts', catalogTypeScript(catalog)],
  ]);
}
