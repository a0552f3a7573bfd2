/** The identifiers of every method's exports: kept in `ir/binding-names.ts`, which the OpenAPI document shares. */
export { methodNames, type MethodNames } from '../ir/binding-names.js';
