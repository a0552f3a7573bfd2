// Secrets never leave the runtime: URLs lose the webhook code / auth query values, and every
// known secret (webhook code, tokens, client secret) is replaced wherever it appears.
export const redactUrl = (s: string): string =>
  s
    .replace(/(\/rest\/(?:api\/)?\d+\/)[^/?#\s]+/g, '$1****')
    .replace(/([?&](?:auth|access_token|refresh_token|client_secret|code)=)[^&#\s]*/gi, '$1****');

export function scrub(s: string, secrets: Iterable<string>): string {
  for (const x of secrets) if (x) s = s.split(x).join('****');
  return redactUrl(s);
}
