// Public entry of @b24gen/runtime: the contract with generated code plus the client.
export type {
  ApiVersion, ErrorClass, ListMeta, MethodMeta, CallOptions, B24Invoker, ResolveMeta, GeneratedBits, MethodSpec, MethodMap,
  AnyMethods, MethodName, KnownMethod, ParamsOf, ResultOf, ErrorCodeOf, ItemOf, ArgsOf, CallResult,
} from './contract.js';
export { decodeWire } from './decode.js';
export type { B24NumericString, DecodeSpec, Decoded, MaybeDecoded } from './decode.js';
export {
  B24Error, B24NetworkError, B24TimeoutError, B24AbortError, B24ResponseError, B24ConfigError, B24AuthRefreshError, B24AuthError, B24ListIncompleteError, isB24Error, errorGuard,
} from './errors.js';
export type { B24ErrorGuard, B24RuntimeErrorCode, B24OAuthErrorCode, OrOther } from './errors.js';
export { methodKind } from './kind.js';
export { createClient } from './client.js';
export type { ClientOptions, B24Client, CallByName, BatchCommand, BatchParams, BatchRef, BatchCommands, BatchOptions, BatchResult, V3Client, BatchCommandV3, BatchCommandsV3, BatchResultV3 } from './client.js';
export { batchRef, batchRefArray } from './batch-ref.js';
export { RATE_LIMIT_PRESETS } from './rate-limit.js';
export type { RateLimitOptions } from './rate-limit.js';
export type { LimiterStore, BucketParams } from './limits/store.js';
export type { LimiterOptions } from './limits/gate.js';
export type { RetryOptions } from './retry.js';
export type { OAuthOptions, OAuthTokens, OAuthAuthOptions, TokenStore } from './auth/oauth.js';
export { oauthAuth } from './auth/oauth.js';
export { webhookAuth } from './auth/webhook.js';
export type { AuthProvider, AuthTarget } from './auth/provider.js';
export { redactUrl } from './redact.js';
export { createFrameAuth } from './auth/frame.js';
export type { BX24AuthData, FrameBX24, FrameAuthOptions } from './auth/frame.js';
