// Public entry of @b24gen/runtime: the contract with generated code plus the client.
export type {
  ApiVersion, ErrorClass, ListMeta, MethodMeta, CallOptions, B24Invoker, ResolveMeta, GeneratedBits, MethodSpec, MethodMap,
  AnyMethods, MethodName, KnownMethod, ParamsOf, ResultOf, ErrorCodeOf, ItemOf, ArgsOf, CallResult,
} from './contract.js';
export { decodeWire } from './decode.js';
export type { B24NumericString, DecodeSpec, Decoded, MaybeDecoded } from './decode.js';
export {
  B24Error, B24NetworkError, B24TimeoutError, B24AbortError, B24ResponseError, B24ConfigError, B24AuthRefreshError, isB24Error, errorGuard,
} from './errors.js';
export type { B24ErrorGuard, B24RuntimeErrorCode, B24OAuthErrorCode, OrOther } from './errors.js';
export { methodKind } from './kind.js';
export { createClient } from './client.js';
export type { ClientOptions, B24Client, CallByName, BatchCommand, BatchParams, BatchRef, BatchCommands, BatchOptions, BatchResult } from './client.js';
export { RATE_LIMIT_PRESETS } from './rate-limit.js';
export type { RateLimitOptions } from './rate-limit.js';
export type { RetryOptions } from './retry.js';
export type { OAuthOptions, OAuthTokens } from './oauth.js';
export { redactUrl } from './redact.js';
