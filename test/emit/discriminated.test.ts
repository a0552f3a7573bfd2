/** Variant sub-tables keyed by the user-field type become a discriminated union on USER_TYPE_ID. */
import { Project, StructureKind } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { printFile } from '../../generator/src/emit/project.js';
import { declareInterface, interfaceStructure, newTypeContext } from '../../generator/src/emit/type-text.js';
import type { IrField } from '../../generator/src/ir/types.js';

const str = (name: string, required = false): IrField => ({ name, docType: 'string', type: { kind: 'string' }, required, description: '' });
const int = (name: string): IrField => ({ name, docType: 'integer', type: { kind: 'number' }, required: false, description: '' });

function emit(tagRequired: boolean): string {
  const fields: IrField[] = [
    str('FIELD_NAME', true),
    str('USER_TYPE_ID', tagRequired),
    { name: 'SETTINGS', docType: 'object', type: { kind: 'object' }, required: false, description: '', variants: [
      { title: 'string', fields: [str('DEFAULT_VALUE'), int('ROWS')] },
      { title: 'date|datetime', fields: [str('DEFAULT_VALUE')] },
      { title: 'rest_*', fields: [] },
    ] },
  ];
  const ctx = newTypeContext([], 'params');
  declareInterface('Fields', '', fields, ctx, true);
  return printFile('// test', { kind: StructureKind.SourceFile, statements: ctx.declarations.map(interfaceStructure) });
}

function errors(module: string, body: string): string[] {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { strict: true } });
  project.createSourceFile('/m.ts', `${module}\ntype B24Numeric = number | \`\${number}\`;\n${body}`);
  return project.getPreEmitDiagnostics().map((d) => String(d.getMessageText()));
}

describe('discriminated variants', () => {
  const module = emit(true);

  it('emits the shared members and one branch per tab, tags from the tab titles', () => {
    expect(module).toContain("export type Fields = FieldsCommon & ({ USER_TYPE_ID: 'string'; SETTINGS?: FieldsSettingsString } | { USER_TYPE_ID: 'date' | 'datetime'; SETTINGS?: FieldsSettingsDateDatetime } | { USER_TYPE_ID: `rest_${string}`; SETTINGS?: FieldsSettingsRest } )".replace(' )', ')'));
    expect(module).toMatch(/export interface FieldsCommon \{[\s\S]*FIELD_NAME: string;[\s\S]*USER_TYPE_ID: string \| number;/);
  });

  it('the settings must match the type named by USER_TYPE_ID', () => {
    expect(errors(module, "export const ok: Fields = { FIELD_NAME: 'X', USER_TYPE_ID: 'string', SETTINGS: { ROWS: 3 } };")).toEqual([]);
    expect(errors(module, "export const custom: Fields = { FIELD_NAME: 'X', USER_TYPE_ID: 'rest_my_type' };")).toEqual([]);
    expect(errors(module, "export const bad: Fields = { FIELD_NAME: 'X', USER_TYPE_ID: 'date', SETTINGS: { ROWS: 3 } };").length).toBeGreaterThan(0);
  });

  it('an optional tag (update methods) leaves it optional in every branch', () => {
    const optional = emit(false);
    expect(optional).toContain("{ USER_TYPE_ID?: 'string'; SETTINGS?: FieldsSettingsString }");
    expect(errors(optional, "export const partial: Fields = { FIELD_NAME: 'X' };")).toEqual([]);
  });
});
