import { createClient, type ClientOptions, type ErrorClass, type MethodMeta, type B24Client } from '@b24gen/runtime';
import { FakePortal, type FakePortalOptions } from '../fake-portal/server.js';

/** A small hand-written method map standing in for generated/. */
export interface Deal { ID: string; TITLE?: string; OPPORTUNITY?: string }
export interface TestMethods {
  'crm.deal.add': { params: { fields: Partial<Deal> }; result: number; error: never };
  'crm.deal.get': { params: { id: number | string }; result: Deal; error: 'NOT_FOUND' };
  'crm.deal.update': { params: { id: number; fields: Partial<Deal> }; result: boolean; error: 'NOT_FOUND' };
  'crm.deal.list': { params: { filter?: Record<string, unknown>; order?: Record<string, 'ASC' | 'DESC'>; select?: string[]; start?: number }; result: Deal[]; error: never };
  'fake.item.list': { params: { FILTER?: Record<string, unknown>; ORDER?: Record<string, string>; SELECT?: string[]; start?: number }; result: { items: { id: number; title: string }[] }; error: never };
  'bizproc.activity.log': { params: { EVENT_TOKEN: string; LOG_MESSAGE: string }; result: boolean; error: 'ERROR_EMPTY_LOG_MESSAGE' };
  'user.current': { params: {}; result: { ID: string; NAME: string; UF_DEPARTMENT: number[] }; error: never };
  'department.get': { params: { ID: number | string }; result: { ID: string; NAME: string }[]; error: never };
  'fake.echo': { params: Record<string, unknown>; result: Record<string, unknown>; error: never };
}
export interface TestMethodsV3 {
  'tasks.task.get': { params: { id: number; select?: string[] }; result: { item: { id: number; title: string } }; error: 'BITRIX_REST_V3_EXCEPTION_ENTITYNOTFOUNDEXCEPTION' };
  'tasks.task.add': { params: { fields: { title: string } }; result: { item: { id: number; title: string } }; error: never };
  'tasks.task.list': { params: { select?: string[]; filter?: unknown[]; order?: Record<string, 'ASC' | 'DESC'>; pagination?: { limit?: number; offset?: number } }; result: { items: { id: number; title: string }[] }; error: never };
  'tasks.task.tail': { params: { select?: string[]; cursor?: { field?: string; order?: 'ASC' | 'DESC'; value?: number; limit?: number } }; result: { items: { id: number; title: string }[] }; error: never };
}

const metas: Record<string, MethodMeta> = {
  'crm.deal.add': { method: 'crm.deal.add', apiVersion: 2, kind: 'write' },
  'crm.deal.get': { method: 'crm.deal.get', apiVersion: 2, kind: 'read' },
  'crm.deal.update': { method: 'crm.deal.update', apiVersion: 2, kind: 'write' },
  'crm.deal.list': { method: 'crm.deal.list', apiVersion: 2, kind: 'read', list: { paramCase: 'lower', idField: 'ID' } },
  'fake.item.list': { method: 'fake.item.list', apiVersion: 2, kind: 'read', list: { paramCase: 'upper', itemsKey: 'items', idField: 'id' } },
  'bizproc.activity.log': { method: 'bizproc.activity.log', apiVersion: 2, kind: 'write' },
  'user.current': { method: 'user.current', apiVersion: 2, kind: 'read' },
  'department.get': { method: 'department.get', apiVersion: 2, kind: 'read' },
  'fake.echo': { method: 'fake.echo', apiVersion: 2, kind: 'read' },
};
const metasV3: Record<string, MethodMeta> = {
  'tasks.task.get': { method: 'tasks.task.get', apiVersion: 3, kind: 'read' },
  'tasks.task.add': { method: 'tasks.task.add', apiVersion: 3, kind: 'write' },
  'tasks.task.list': { method: 'tasks.task.list', apiVersion: 3, kind: 'read', list: { paramCase: 'lower', itemsKey: 'items', idField: 'id', paging: 'pagination' } },
  'tasks.task.tail': { method: 'tasks.task.tail', apiVersion: 3, kind: 'read', list: { paramCase: 'lower', itemsKey: 'items', idField: 'id', paging: 'cursor' } },
};
/** Like the generated catalog: classes per system code. */
export const errorClasses: Record<string, ErrorClass> = {
  QUERY_LIMIT_EXCEEDED: 'transient', OPERATION_TIME_LIMIT: 'transient', INTERNAL_SERVER_ERROR: 'transient', ERROR_UNEXPECTED_ANSWER: 'transient',
  expired_token: 'auth', NO_AUTH_FOUND: 'auth', invalid_token: 'auth', insufficient_scope: 'auth',
  ERROR_METHOD_NOT_FOUND: 'permanent', ERROR_EMPTY_LOG_MESSAGE: 'permanent',
};
export const generatedBits = {
  // async on purpose: generated code may lazily import() its registry
  resolveMeta: async (method: string, v: 2 | 3) => (v === 3 ? metasV3 : metas)[method],
  errorClasses,
};

export type TestClient = B24Client<TestMethods, TestMethodsV3>;
export const fastRetry = { limit: 4, baseDelayMs: 2, maxDelayMs: 20 };

export async function withPortal(o?: FakePortalOptions) {
  const portal = await FakePortal.start(o);
  const lines: string[] = [];
  const webhook = (extra: Partial<ClientOptions> = {}): TestClient =>
    createClient<TestMethods, TestMethodsV3>(
      { webhookUrl: portal.webhookUrl, allowInsecureHttp: true, rateLimit: false, retry: fastRetry, logger: (l) => lines.push(l), ...extra } as ClientOptions,
      generatedBits,
    );
  const oauth = (extra: Partial<ClientOptions> & { onTokens?: (t: unknown) => void } = {}): TestClient => {
    const o = portal.opts.oauth;
    const { onTokens, ...rest } = extra;
    return createClient<TestMethods, TestMethodsV3>(
      {
        portal: portal.url, oauthServer: portal.oauthServer, allowInsecureHttp: true, rateLimit: false, retry: fastRetry, logger: (l) => lines.push(l),
        oauth: { accessToken: portal.accessToken, refreshToken: portal.refreshToken, clientId: o.clientId, clientSecret: o.clientSecret, onTokens },
        ...rest,
      } as ClientOptions,
      generatedBits,
    );
  };
  return { portal, lines, webhook, oauth };
}

/** Catches what `fn` throws, for inspection (undefined if it throws nothing). */
export function thrown(fn: () => unknown): any {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

/** Catches a rejection for inspection. */
export async function rejection(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}
