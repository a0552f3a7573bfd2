import { configError } from '../errors.js';
import { opaque } from '../redact.js';
import { originOf } from './origin.js';
import type { AuthProvider, AuthTarget } from './provider.js';

/**
 * Auth by an incoming webhook `https://<portal>/rest/<userId>/<code>/`: the code travels in the
 * URL path, where the protocol puts it (a URL the runtime never logs unredacted). It cannot refresh.
 */
export function webhookAuth(webhookUrl: string, options: { allowInsecureHttp?: boolean | undefined } = {}): AuthProvider {
  // Never echo the URL: it holds the webhook code.
  const m = /^(https?:\/\/[^/?#\s@\\]+)\/rest\/(\d+)\/([^/?#\s]+)\/?$/i.exec(String(webhookUrl).trim());
  if (!m) throw configError('webhookUrl must look like https://<portal>/rest/<userId>/<code>/');
  const target: AuthTarget = { origin: originOf(m[1]!, 'webhookUrl', options.allowInsecureHttp), pathPrefix: `${m[2]}/${m[3]}/` };
  const secrets = [m[3]!];
  return opaque({ kind: 'webhook', id: target.origin, current: () => target, secrets: () => secrets }, 'webhook auth');
}
