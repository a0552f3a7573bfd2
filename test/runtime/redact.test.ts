import { describe, expect, it } from 'vitest';
import { redactUrl } from '@b24gen/runtime';
import { inspect } from 'node:util';
import { rejection, withPortal } from './helpers.js';

const dump = (e: any) => [e.message, String(e), e.stack, JSON.stringify(e), e.description, inspect(e)].join('\n');

describe('secrets never leak', () => {
  it('redactUrl hides webhook codes and auth query values', () => {
    expect(redactUrl('https://p.example/rest/1/abc123/crm.deal.get')).toBe('https://p.example/rest/1/****/crm.deal.get');
    expect(redactUrl('https://p.example/rest/api/7/abc123/tasks.task.get')).toBe('https://p.example/rest/api/7/****/tasks.task.get');
    expect(redactUrl('https://o/oauth/token/?grant_type=refresh_token&client_secret=S&refresh_token=R')).toBe('https://o/oauth/token/?grant_type=refresh_token&client_secret=****&refresh_token=****');
  });
  it('webhook: no error or log line contains the code', async () => {
    const { portal, webhook, lines } = await withPortal();
    const code = portal.opts.webhook.code;
    try {
      const c = webhook({ retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 1 } });
      const errors: any[] = [];
      portal.fault({ kind: 'status', status: 400, code: 'ECHO', description: `bad url ${portal.webhookUrl}crm.deal.get?auth=${code}`, method: 'user.current' });
      errors.push(await rejection(c.call('user.current')));
      portal.fault({ kind: 'reset', method: 'crm.deal.add' });
      errors.push(await rejection(c.call('crm.deal.add', { fields: {} })));
      portal.fault({ kind: 'stall', stallMs: 500, method: 'user.current' });
      errors.push(await rejection(c.call('user.current', {}, { timeout: 50 })));
      portal.fault({ kind: 'truncate', method: 'crm.deal.add' });
      errors.push(await rejection(c.call('crm.deal.add', { fields: {} })));
      errors.push(await rejection(c.call('crm.deal.get', { id: 424242 })));
      errors.push(await rejection(c.v3.call('tasks.task.get', { id: 424242 })));
      const b = await c.batch({ x: { method: 'bizproc.activity.log', params: { EVENT_TOKEN: code, LOG_MESSAGE: '' } } });
      errors.push(b.errors.x);
      expect(errors).toHaveLength(7);
      for (const e of errors) expect(dump(e)).not.toContain(code);
      expect(lines.length).toBeGreaterThan(5);
      expect(lines.join('\n')).not.toContain(code);
      expect(lines.some((l) => l.includes('/rest/1/****/'))).toBe(true);
    } finally {
      await portal.close();
    }
  });
  it('OAuth: tokens and client secret never appear, also after a refresh', async () => {
    const { portal, oauth, lines } = await withPortal();
    const secrets = [portal.accessToken, portal.refreshToken, portal.opts.oauth.clientSecret];
    try {
      const c = oauth();
      portal.expireAccessToken();
      await c.call('user.current');
      secrets.push(portal.accessToken, portal.refreshToken);
      portal.fault({ kind: 'status', status: 400, code: 'ECHO', description: `token ${portal.accessToken} secret ${portal.opts.oauth.clientSecret}`, method: 'user.current' });
      const e = await rejection(c.call('user.current'));
      for (const s of secrets) {
        expect(dump(e)).not.toContain(s);
        expect(lines.join('\n')).not.toContain(s);
      }
    } finally {
      await portal.close();
    }
  });
});
