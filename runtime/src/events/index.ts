// Entry `@b24gen/runtime/events`: receiving Bitrix24 events (parse, verify, handle; bind/unbind).
// Kept out of the main entry so apps that only call methods do not ship it. No `node:` imports:
// it runs on Node 20+, Deno, Bun and edge runtimes (Web Crypto, TextDecoder, fetch's Request/Response).
export { B24EventError, isB24EventError, EVENT_ERROR_STATUS } from './event-error.js';
export type { B24EventErrorCode } from './event-error.js';
export type { AppTokenStore } from './token-store.js';
export { MemoryAppTokenStore } from './memory-token-store.js';
export { eventParser } from './parse-event.js';
export type { B24Event, EventBody, EventParser, EventSpecs, ParseLimits } from './parse-event.js';
export type { EventWireSpec } from './wire-spec.js';
export { constantTimeEqual, DEFAULT_REPLAY_WINDOW } from './verify.js';
export type { VerifyOptions } from './verify.js';
export { createEventReceiver } from './receiver.js';
export type { EventErrorInfo, EventHandlers, EventReceiver, EventReceiverOptions, NodeRequestLike, NodeResponseLike } from './receiver.js';
export { bindEvent, unbindEvent } from './bind.js';
export type { BindEventOptions, EventBinder, EventUnbinder, UnbindEventOptions } from './bind.js';
