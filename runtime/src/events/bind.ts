// `event.bind` / `event.unbind`, typed by event name where the generated package binds them
// (`bindEvent(client, 'ONCRMDEALADD', url)`). The portal takes the name in any case.
import type { B24Invoker, CallOptions, MethodMeta } from '../contract.js';

export interface BindEventOptions {
  /** `auth_type`: the user whose authorization the handler gets (default: the user who acted). */
  authType?: number;
  /** `event_type`: `online` (default) or `offline` (the portal queues it for event.offline.get). */
  eventType?: 'online' | 'offline';
  /** `auth_connector`: the source key of offline events. */
  authConnector?: string;
  /** `options`: extra settings of the event, when it has any. */
  options?: string;
  call?: CallOptions<false>;
}

export type UnbindEventOptions = Pick<BindEventOptions, 'authType' | 'eventType' | 'call'>;

const BIND: MethodMeta = { method: 'event.bind', apiVersion: 2, kind: 'write' };
const UNBIND: MethodMeta = { method: 'event.unbind', apiVersion: 2, kind: 'write' };

function params(event: string, handler: string, o: BindEventOptions): Record<string, unknown> {
  const p: Record<string, unknown> = { event, handler };
  if (o.authType !== undefined) p['auth_type'] = o.authType;
  if (o.eventType !== undefined) p['event_type'] = o.eventType;
  if (o.authConnector !== undefined) p['auth_connector'] = o.authConnector;
  if (o.options !== undefined) p['options'] = o.options;
  return p;
}

/** `bindEvent` typed by the names `N` (the generated package: `B24EventBindName`). */
export type EventBinder<N extends string> = (client: B24Invoker, event: N, handler: string, options?: BindEventOptions) => Promise<boolean>;
/** `unbindEvent` typed by the names `N`; resolves to the number of handlers removed. */
export type EventUnbinder<N extends string> = (client: B24Invoker, event: N, handler: string, options?: UnbindEventOptions) => Promise<number>;

/** Registers `handler` for `event` (`event.bind`, app authorization only). */
export const bindEvent: EventBinder<string> = async (client, event, handler, options = {}) => {
  const r = await client.invoke(BIND, params(event, handler, options), options.call);
  return r === true || r === 1 || r === '1' || r === 'Y';
};

/** Removes `handler` for `event` (`event.unbind`). */
export const unbindEvent: EventUnbinder<string> = async (client, event, handler, options = {}) => {
  const r = (await client.invoke(UNBIND, params(event, handler, options), options.call)) as { count?: unknown } | null;
  return Number(r?.count ?? 0) || 0;
};
