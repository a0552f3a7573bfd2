/**
 * `components/schemas` shared by the operations: the protocol's primitives and `time` object, the
 * documented pseudo-types (`crm_status` → `CrmStatusId`), the field description of `*.fields`
 * results, and the named entity models (`crm.company` → `CrmCompany`). Names follow the generated
 * TypeScript, so a schema and its type are found under the same name; only what is referenced is kept.
 */
import { pascalCase, uniqueNames } from '../ir/binding-names.js';
import type { IrDocument, IrEntity, IrField } from '../ir/types.js';
import { objectSchema, type Schema, type SchemaContext } from './schema-of-type.js';

export const REF = (name: string) => `#/components/schemas/${name}`;

/** The shared alias name of a documented pseudo-type that stands for an identifier (as the generated `common.ts` names it). */
export function aliasName(docName: string): string {
  const base = pascalCase(docName);
  return /(Id|Ids|Code)$/.test(base) ? base : `${base}Id`;
}

/** Numeric strings as the portal writes them (`"410"`, `"19999.99"`, `"-1"`). */
export const NUMERIC_PATTERN = '^-?[0-9]+(\\.[0-9]+)?$';

const PRIMITIVES: Record<string, Schema> = {
  B24Numeric: {
    type: ['number', 'string'],
    pattern: NUMERIC_PATTERN,
    description: 'A documented number: the portal accepts it, and may send it, as a JSON number or a numeric string.',
  },
  B24NumericString: {
    type: 'string',
    pattern: NUMERIC_PATTERN,
    description: 'A documented number the portal sends as a numeric string (as the response examples show).',
  },
  B24Boolean: {
    anyOf: [{ type: 'boolean' }, { enum: ['Y', 'N', 0, 1] }],
    description: 'A documented boolean: `Y`/`N`, `true`/`false` or `1`/`0`.',
  },
};

/**
 * Collects the components the operations reference. Entity and alias schemas are built on first
 * use, so the document carries only what some operation reaches.
 */
export class Components {
  readonly schemas = new Map<string, Schema>();
  private readonly entityNames: Map<string, string>;
  private readonly entities: Map<string, IrEntity>;
  private readonly building = new Set<string>();

  constructor(private readonly ir: IrDocument) {
    this.entities = new Map(ir.entities.map((e) => [e.name, e]));
    const reserved = new Set(['B24Numeric', 'B24NumericString', 'B24Boolean', 'B24Time', 'B24FieldDescription']);
    const names = uniqueNames(ir.entities.map((e) => pascalCase(e.name)), (n) => (reserved.has(n) ? `${n}\0` : n.toLowerCase()));
    this.entityNames = new Map(ir.entities.map((e, i) => [e.name, names[i]!]));
  }

  /** The schema context of one side, resolving references into this collection. */
  context(side: 'params' | 'result'): SchemaContext {
    return {
      side,
      entityRef: (e) => this.entityRef(e),
      aliasRef: (name, base) => this.aliasRef(name, base),
      fieldDescriptionRef: this.fieldDescriptionRef(),
      ref: (name) => this.primitive(name),
    };
  }

  primitive(name: keyof typeof PRIMITIVES): string {
    if (!this.schemas.has(name)) this.schemas.set(name, PRIMITIVES[name]!);
    return REF(name);
  }

  /** The protocol's `time` object (api-reference/data-types.md#time). */
  timeRef(): string {
    if (!this.schemas.has('B24Time')) {
      const schema = objectSchema(this.ir.protocol.time, this.context('result'), false);
      this.schemas.set('B24Time', { ...schema, description: 'Execution time of the request (api-reference/data-types.md#time).' });
    }
    return REF('B24Time');
  }

  private aliasRef(docName: string, base: 'string' | 'number'): string {
    const name = aliasName(docName);
    if (!this.schemas.has(name)) {
      const schema: Schema = base === 'number' ? { $ref: this.primitive('B24Numeric') } : { type: 'string' };
      this.schemas.set(name, { ...schema, description: `The documented type \`${docName}\` (an identifier over ${base === 'number' ? 'a number' : 'a string'}).` });
    }
    return REF(name);
  }

  private entityRef(entity: string): string | undefined {
    const e = this.entities.get(entity);
    const name = this.entityNames.get(entity);
    if (!e || !name) return undefined;
    if (!this.schemas.has(name) && !this.building.has(name)) {
      this.building.add(name); // an entity whose members link back to it refers to itself by `$ref`
      const schema = objectSchema(e.fields, this.context('result'), false);
      this.schemas.set(name, { ...schema, title: e.title || e.name, description: `The \`${e.name}\` object (${e.source}).` });
      this.building.delete(name);
    }
    return REF(name);
  }

  /** The members of every `*rest_field_description` object the docs define, merged by name. */
  private fieldDescriptionRef(): string {
    const name = 'B24FieldDescription';
    if (!this.schemas.has(name) && !this.building.has(name)) {
      this.building.add(name);
      const fields = new Map<string, IrField>();
      for (const e of this.ir.entities) if (/rest_field_description$/.test(e.name)) for (const f of e.fields) if (!fields.has(f.name)) fields.set(f.name, f);
      this.schemas.set(name, { ...objectSchema([...fields.values()], this.context('result'), false), description: 'How a `*.fields` method describes one field (api-reference/data-types.md).' });
      this.building.delete(name);
    }
    return REF(name);
  }

  /** Every collected schema, sorted by name. */
  sorted(): Record<string, Schema> {
    return Object.fromEntries([...this.schemas.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}
