/**
 * The IR: the only contract between parsing (docs → mdast → IR) and emission (IR → TypeScript).
 * Serialised as JSON and described by `ir.schema.json`; bump IR_SCHEMA_VERSION on any change.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export const IR_SCHEMA_VERSION = '1.3.0';

export interface IrDocument {
  schemaVersion: string;
  generatorVersion: string;
  source: IrSource;
  methods: IrMethod[];
  events: IrEvent[];
  /** System errors of `_includes/system-errors.md` (and `limits.md`), kept once. */
  systemErrors: IrError[];
  /** Structures every response shares, from `api-reference/data-types.md`. */
  protocol: IrProtocol;
  /** Named object models (deal, company, catalog_product, task …), shared by the results that return them. */
  entities: IrEntity[];
  /**
   * Old method names kept as `@deprecated` aliases of their new spelling (case-only renames), read
   * from the checked-in `docs-input/method-aliases.json`; only those whose new name is a method.
   */
  methodAliases?: IrMethodAlias[];
  diagnostics: Diagnostic[];
}

/** An old spelling of a method (`disk.file.copyto`) that stays callable as an alias of `to` (`disk.file.copyTo`). */
export interface IrMethodAlias {
  from: string;
  to: string;
}

/**
 * A named object schema found in the docs: a `*.fields` page's table, a data-types page's object
 * section, a method page's anchored sub-table. Results link to it by `IrField.entity`.
 */
export interface IrEntity {
  /** Unique, stable name: the docs' type name (`catalog_product`) or the `fields` method's prefix (`crm.company`). */
  name: string;
  title: string;
  /** `docPath#anchor` (or `docPath` alone) of the table that describes it. */
  source: string;
  fields: IrField[];
}

/**
 * What the portal sends for a result (or event payload) member, where that differs from the
 * documented type, and the evidence that decided it.
 */
export interface IrWire {
  /** Documented numbers: sent as numeric strings, as numbers, or either (no evidence). */
  numbers?: 'string' | 'number' | 'either';
  /** The member is sent as `null` when empty. */
  nullable?: boolean;
  /** An empty object arrives as `[]` (an empty PHP array). */
  emptyArray?: boolean;
  /** The example sends values beyond the documented list: the list is a guide, not a closed set. */
  openValues?: boolean;
  /** A member with listed values that arrives as `""` when unset. */
  emptyString?: boolean;
  /** An object (or list of objects) that arrives keyed by ids (`{ "433": {…}, "435": {…} }`) as well. */
  keyed?: boolean;
  /** JSON kinds the examples show besides the documented one (`MEASURE_CODE` documented string, sent as 796). */
  also?: Array<'number' | 'string' | 'boolean' | 'object'>;
  /** Where the decision came from: this page's response example, other pages of the module, or nothing. */
  evidence: 'example' | 'module' | 'none';
}

/** A JSON code block of the page's response (or event payload) section, parsed. */
export interface IrJsonExample {
  line: number;
  value: unknown;
}

export interface IrProtocol {
  /** Members of the `time` object of every response ("Time Object {#time}"). */
  time: IrField[];
}

export interface IrSource {
  repository: string;
  /** Commit of the docs checkout, where known. */
  commit: string | null;
  /** sha256 over the docs-relative paths and contents of every page read. */
  contentHash: string;
}

/** Normalised type that the emitter maps to TypeScript. */
export type IrType =
  | { kind: 'string' }
  | { kind: 'number' }
  | { kind: 'boolean' }
  | { kind: 'null' }
  | { kind: 'unknown' }
  /** A documented pseudo-type (`crm_status`, `catalog_product.id`) kept by name over a base type. */
  | { kind: 'alias'; name: string; base: 'string' | 'number' }
  | { kind: 'literal'; values: Array<string | number> }
  | { kind: 'array'; items: IrType }
  /** A PHP map keyed by ids (`{ "3": …, "7": … }`), as examples show it; a field's `fields` then describe each value. */
  | { kind: 'map'; values: IrType }
  /** An object; its members are the field's `fields` when documented, else it is open. */
  | { kind: 'object' }
  | { kind: 'union'; of: IrType[] };

export interface IrValue {
  value: string | number;
  description: string;
}

/** A request parameter or a result member. */
export interface IrField {
  name: string;
  /** The type exactly as documented (`crm_status`, `string[]`, `integer \| string`); '' when missing. */
  docType: string;
  type: IrType;
  required: boolean;
  description: string;
  default?: string;
  values?: IrValue[];
  /** Members of an object (or array of objects) from its sub-table. */
  fields?: IrField[];
  /** Alternative member sets documented as tabs (one table per user-field type or entity). */
  variants?: IrVariant[];
  /** `docPath#anchor` of an object documented on another page (`[`deal[]`](crm-deal-get.md#deal)`). */
  ref?: string;
  /** The members are those of this entity (`IrDocument.entities`); `fields` then stays empty. */
  entity?: string;
  /** The value maps each field of this entity (and custom fields) to a field description (`*.fields` methods). */
  describes?: string;
  /** Result/payload members only: what the wire carries (issue: result types true to the wire). */
  wire?: IrWire;
  /** The members (or the shape) were inferred from a response example, not read from a table. */
  inferred?: boolean;
  /** Line of the field's table row (in `file`, else in the page that holds the field). */
  line?: number;
  /** Docs-relative file of the row when it is not the page holding the field (an include, another page's object). */
  file?: string;
}

/** One tab of a variant sub-table: its title (`string`, `date|datetime`, `Deal`) and members. */
export interface IrVariant {
  title: string;
  fields: IrField[];
}

export interface IrError {
  /** The error code, or null for rows that document only a message. */
  code: string | null;
  message: string | null;
  description: string;
  httpStatus: number | null;
  /** Line of the error's row or paragraph (in `file`, else in the method's page). */
  line?: number;
  /** Docs-relative file when not the method's page (an include). */
  file?: string;
}

export interface IrExample {
  /** Tab title as written in the docs, e.g. `cURL (Webhook)`. */
  tab: string;
  url: string | null;
  /** The `-d` JSON body when it parses, else null. */
  body: unknown;
  /** Line of the code block in the page. */
  line: number;
}

export interface IrListInfo {
  paramCase: 'lower' | 'upper';
  /** Key of the result object holding the items; absent when `result` is the array. */
  itemsKey?: string;
  /** Field usable as an ascending ID cursor (`>ID` filter) when documented. */
  idField?: string;
  /** REST 3.0: `pagination` (`.list`: limit/offset, no total) or `cursor` (`.tail`); absent: v2 `start`/`next`/`total`. */
  paging?: 'pagination' | 'cursor';
}

export interface IrDeprecation {
  /** Replacement method name where the docs link one. */
  replacement?: string;
}

export interface IrMethod {
  /** Exactly as the server expects it. */
  name: string;
  apiVersion: 2 | 3;
  /** Relative to the docs root, with forward slashes. */
  docPath: string;
  /** Line of the page's H1. */
  line?: number;
  title: string;
  description: string;
  scopes: string[];
  /** Who can execute the method, as the docs say; null when not stated. */
  access: string | null;
  deprecated: false | IrDeprecation;
  /** read methods may be retried safely after a network error. */
  kind: 'read' | 'write';
  params: IrField[];
  /** A params table was read, or the page says the method takes no parameters. */
  paramsDocumented: boolean;
  /** Alternative parameter sets (numbered H3 variants); params then holds their union of fields. */
  paramSets?: Array<{ title: string; params: IrField[] }>;
  result: IrResult;
  errors: IrError[];
  /** Whether the page includes the system errors. */
  systemErrors: boolean;
  examples: IrExample[];
  /** JSON response examples of the page (`{ "result": … }`), in page order. */
  responseExamples: IrJsonExample[];
  list?: IrListInfo;
}

export interface IrResult {
  /** The returned-data table was found. */
  documented: boolean;
  /** How the result's shape was decided: the table, the table corrected by the example, or the example alone. */
  shapeFrom?: 'table' | 'example' | 'table+example';
  /** Top-level rows of the returned-data table (`result`, `time`, `total`, `next`). */
  fields: IrField[];
}

export interface IrEvent {
  name: string;
  docPath: string;
  /** Line of the page's H1. */
  line?: number;
  title: string;
  description: string;
  scopes: string[];
  deprecated: false | IrDeprecation;
  /** What the handler receives. */
  payload: IrField[];
  /** Example payloads shown on the page (JSON, or form bodies decoded to objects). */
  examples: IrJsonExample[];
}
