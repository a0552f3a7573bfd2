import { configError } from '../errors.js';

/**
 * `https://host[:port]` of a URL (no user info, nothing after the host). Plain http only with
 * `allowInsecureHttp`: tokens and webhook codes would travel in clear.
 */
export function originOf(url: string, what: string, insecureOk?: boolean): string {
  const m = /^(https?):\/\/[^/?#\s@\\]+/i.exec(url);
  if (!m || (m[1]!.toLowerCase() == 'http' && !insecureOk)) throw configError(`${what}: need an https:// URL (http:// only with allowInsecureHttp)`);
  return m[0];
}
