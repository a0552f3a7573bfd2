/** Handlebars for the non-code files of the generated package (README, package.json, tsconfigs, LICENSE). */
import Handlebars from 'handlebars';
import type { IrDocument } from '../ir/types.js';

/** Template name (file name without `.hbs`) → source. */
export type TemplateSources = ReadonlyMap<string, string>;

export function compileTemplate(source: string): HandlebarsTemplateDelegate {
  // noEscape: the outputs are Markdown and JSON, not HTML; strict: a missing variable is a bug.
  return Handlebars.create().compile(source, { noEscape: true, strict: true });
}

export function render(templates: TemplateSources, name: string, context: object): string {
  const source = templates.get(name);
  if (source === undefined) throw new Error(`template ${name}.hbs not found`);
  return compileTemplate(source)(context);
}

export interface PackageContext {
  name: string;
  version: string;
  runtimeVersion: string;
  generatorVersion: string;
  /** Git URL of the b24gen repository (the package's `repository`). */
  projectRepository: string;
  /** The binding name of the example method (naming belongs to the emitter). */
  exampleFn: string;
  /** Its module path in the package (`methods/bizproc/bizproc.activity.log`), a subpath export. */
  exampleModule: string;
}

export function packageContext(ir: IrDocument, pkg: PackageContext) {
  const example = ir.methods.find((m) => m.name === 'bizproc.activity.log') ?? ir.methods[0];
  return {
    ...pkg,
    repository: ir.source.repository,
    commit: ir.source.commit ?? '',
    contentHash: ir.source.contentHash,
    irSchemaVersion: ir.schemaVersion,
    methodCount: ir.methods.length,
    v3Count: ir.methods.filter((m) => m.apiVersion === 3).length,
    eventCount: ir.events.length,
    systemErrorCount: ir.systemErrors.length,
    exampleMethod: example?.name ?? '',
    exampleParams: example ? example.params.filter((p) => p.required).map((p) => `${p.name}: ${p.type.kind === 'number' ? '1' : "'…'"}`).join(', ') : '',
  };
}

export function renderPackageFiles(templates: TemplateSources, ir: IrDocument, pkg: PackageContext): Map<string, string> {
  const ctx = packageContext(ir, pkg);
  return new Map([
    ['README.md', render(templates, 'README.md', ctx)],
    ['package.json', render(templates, 'package.json', ctx)],
    ['tsconfig.json', render(templates, 'tsconfig.json', ctx)],
    ['tsconfig.build.json', render(templates, 'tsconfig.build.json', ctx)],
    ['LICENSE', render(templates, 'LICENSE', ctx)],
  ]);
}
