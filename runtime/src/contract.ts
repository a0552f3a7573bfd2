// The fixed contract between the runtime and generated code. Types only: no runtime cost.
import type { DecodeSpec, MaybeDecoded } from './decode.js';

export type ApiVersion = 2 | 3;
export type ErrorClass = 'transient' | 'auth' | 'permanent';

export interface ListMeta {
  /** `filter/order/select/start` vs `FILTER/ORDER/SELECT/start`. */
  readonly paramCase: 'lower' | 'upper';
  /** Result wrapper key holding the array (e.g. 'tasks'); absent = result itself is the array. */
  readonly itemsKey?: string;
  /** Present when the ID-cursor fast path is supported (e.g. 'ID' or 'id'). */
  readonly idField?: string;
  /**
   * How pages are asked for: `start` (v2 `start`/`next`/`total`, the default), `pagination`
   * (REST 3.0 `.list`: `pagination: { limit, offset }`, no total), `cursor` (REST 3.0 `.tail`: the
   * method's own `cursor: { field, order, value, limit }`).
   */
  readonly paging?: 'start' | 'pagination' | 'cursor';
}

export interface MethodMeta {
  readonly method: string;
  readonly apiVersion: ApiVersion;
  /** Read methods may be retried after a network error; writes only with `retryWrites`. */
  readonly kind: 'read' | 'write';
  readonly list?: ListMeta;
  /** How `{ decode: true }` turns the wire result into the documented types (see decode.ts). */
  readonly decode?: DecodeSpec;
  /**
   * The documented descriptions of errors the page lists without a code (`-`): an error whose
   * `error_description` matches one gets it as `reason` (B24Error.reason).
   */
  readonly reasons?: readonly string[];
}

/** `D` is the type of `decode`, inferred from the call: `true` types the result as decoded. */
export interface CallOptions<D extends boolean = boolean> {
  signal?: AbortSignal | undefined;
  /** Deadline in ms for the whole call: rate-limit queueing, retries and back-off included. */
  timeout?: number | undefined;
  retryWrites?: boolean | undefined;
  /**
   * Decode the result by the method's `MethodMeta.decode`: numeric strings become numbers, `[]` objects `{}`.
   * A call by name needs the method's meta for it (the generated client's `registry` option).
   */
  decode?: D | undefined;
}

export interface B24Invoker {
  invoke(meta: MethodMeta, params: unknown, options?: CallOptions): Promise<unknown>;
}

export type ResolveMeta = (
  method: string,
  apiVersion: ApiVersion,
) => MethodMeta | undefined | Promise<MethodMeta | undefined>;

export interface GeneratedBits {
  resolveMeta?: ResolveMeta | undefined;
  /** Error catalog: class per system error code. */
  errorClasses?: Readonly<Record<string, ErrorClass>>;
}

/** One entry of a generated method map. `item` (optional) is the element type of a list method. */
export interface MethodSpec {
  params: unknown;
  result: unknown;
  error?: string;
  item?: unknown;
}
/** Constraint that accepts interfaces (an index signature would not). */
export type MethodMap<M> = { [K in keyof M]: MethodSpec };
/** The map used when the client is not typed: any method name, unknown results. */
export type AnyMethods = Record<string, { params: Record<string, unknown> | undefined; result: unknown; error: string }>;

export type MethodName<M> = keyof M & string;
/**
 * `K` when it names a method of `M`; otherwise a message naming it, so a misspelt name is a short
 * compile error (`… is not assignable to parameter of type '"unknown method: crm.deal.gett"'`).
 */
export type KnownMethod<M, K extends string> = K extends MethodName<M> ? K : `unknown method: ${K}`;
export type ParamsOf<M, K extends keyof M> = M[K] extends { params: infer P } ? P : never;
export type ResultOf<M, K extends keyof M> = M[K] extends { result: infer R } ? R : unknown;
export type ErrorCodeOf<M, K extends keyof M> = M[K] extends { error: infer E extends string } ? E : string;
/** Element type of a list method: `item` when the map gives it, else the array in `result`. */
export type ItemOf<M, K extends keyof M> = M[K] extends { item: infer I }
  ? I
  : ItemIn<Exclude<ResultOf<M, K>, readonly []>>; // `[]`: an empty PHP array instead of the wrapper
// A wrapper (`{ items?: Item[]; total?: … }`): the elements of its array members.
type ItemIn<R> = [R] extends [readonly (infer I)[]]
  ? I
  : [R] extends [object]
    ? { [K in keyof R]-?: NonNullable<R[K]> extends readonly (infer I)[] ? I : never }[keyof R] extends infer I
      ? [I] extends [never] ? unknown : I
      : unknown
    : unknown;
/** Params may be omitted when every field is optional. `D`: the type of `options.decode`. */
export type ArgsOf<M, K extends keyof M, D extends boolean = boolean> = {} extends ParamsOf<M, K>
  ? [params?: ParamsOf<M, K>, options?: CallOptions<D>]
  : [params: ParamsOf<M, K>, options?: CallOptions<D>];
/** The result of method `K` as returned with `decode: D`. */
export type CallResult<M, K extends keyof M, D extends boolean> = MaybeDecoded<ResultOf<M, K>, D>;
